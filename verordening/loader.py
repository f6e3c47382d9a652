"""Load and strictly validate verordening YAML files (format: docs/verordening-format.md).

Every problem found is collected, so one run shows a policy officer all of them; each message
names the file, the article and the rule. Nothing is guessed: an unknown key is an error, not a
typo silently ignored. The file's sections are read in `loading/` (regimes and deadlines,
parameters, derived facts, articles and rules), all reporting to one `Checker`; this module
reads the file's own keys and puts the pieces together.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import yaml

from . import model as m
from .compiler import Compiler
from .errors import VerordeningError
from .intake_schema import Catalogue, load_catalogue
from .loading.articles import LIFE_DOMAINS, ArticleReader, check_rule_ids
from .loading.checker import Checker, display_path, parse_date
from .loading.derived import read_derived
from .loading.parameters import (
    PARAM_STATUS,
    SHARED_FOLDER,
    SharedParameters,
    read_parameters,
    read_shared_parameters,
)
from .loading.regimes import read_deadlines, read_regimes
from .yamlio import safe_load_yaml

# imported from here by the portal and the CLI
__all__ = ["LIFE_DOMAINS", "display_path", "load_all", "load_file", "parse_date"]

TOP_REQUIRED = {
    "format",
    "id",
    "title",
    "municipality",
    "valid_from",
    "regimes",
    "articles",
    "nothing_applies",
}
TOP_KEYS = TOP_REQUIRED | {
    "valid_to",
    "source_url",
    "legal_basis",
    "deadlines",
    "parameters",
    "derived",
    "triage",
    "integrated_budget",
}
# at most this many safety questions come before any other question (issue #11)
MAX_SAFETY_QUESTIONS = 5


class _Loader:
    """One file: its own keys (validity, nothing_applies, triage) and the sections in order."""

    def __init__(self, path: Path, catalogue: Catalogue, shared: SharedParameters):
        self.path = path
        self.catalogue = catalogue
        self.shared = shared
        self.check = Checker(path)

    def load(self) -> m.Verordening:
        check = self.check
        raw = self.path.read_bytes()
        content_hash = self.content_hash(raw)
        try:
            doc = safe_load_yaml(raw)
        except yaml.YAMLError as exc:
            raise VerordeningError(f"{check.name}: geen geldige YAML: {exc}") from None
        if not isinstance(doc, dict):
            raise VerordeningError(f"{check.name}: het bestand moet een lijst van sleutels zijn")
        check.keys(doc, TOP_KEYS, TOP_REQUIRED)
        if doc.get("format") != 1:
            check.err(f"onbekend format {doc.get('format')!r} (deze engine kent format 1)")
        valid_from = check.date(doc.get("valid_from"), "valid_from")
        valid_to = None
        if doc.get("valid_to") is not None:
            valid_to = check.date(doc["valid_to"], "valid_to")
            if valid_from and valid_to and valid_to <= valid_from:
                check.err("valid_to moet na valid_from liggen")
        legal_basis = doc.get("legal_basis") or []
        if not isinstance(legal_basis, list) or not all(isinstance(x, str) for x in legal_basis):
            check.err("legal_basis moet een lijst van teksten zijn")
            legal_basis = []
        source_url = doc.get("source_url")
        if source_url is not None and not isinstance(source_url, str):
            check.err("source_url moet een tekst zijn")

        # the sections in dependency order; each reports its errors to `check` and goes on
        regimes = read_regimes(check, doc.get("regimes"))
        deadlines = read_deadlines(check, doc.get("deadlines") or {})
        parameters = self.parameters(doc.get("parameters") or {}, valid_from)
        types = dict.fromkeys(self.shared.broken, "any")  # their own file says what is wrong
        types.update({k: v[1] for k, v in parameters.items()})
        compiler = Compiler(self.catalogue, types)
        derived = read_derived(check, doc.get("derived") or {}, compiler, self.catalogue)
        reader = ArticleReader(check, self.catalogue, compiler, regimes, deadlines)
        articles = reader.articles(doc.get("articles"))
        nothing = self.nothing_applies(doc.get("nothing_applies"))
        triage, safety_questions = self.triage(doc.get("triage") or {})
        integrated = self.integrated_budget(doc.get("integrated_budget"), regimes)

        rules = tuple(r for a in articles for r in a.rules)
        for i, rule in enumerate(rules):
            rule.order = i
        by_id = check_rule_ids(check, rules)
        self.shared_values_in_force(compiler.used_params, valid_from)
        if check.errors or self.shared.errors:
            raise VerordeningError([*self.shared.errors, *check.errors])
        return m.Verordening(
            path=self.path,
            content_hash=content_hash,
            id=str(doc["id"]),
            title=str(doc["title"]),
            municipality=str(doc["municipality"]),
            valid_from=valid_from,
            valid_to=valid_to,
            source_url=source_url,
            legal_basis=tuple(legal_basis),
            regimes=regimes,
            deadlines=deadlines,
            parameters={k: v[0] for k, v in parameters.items()},
            derived=derived,
            articles=articles,
            nothing_applies=nothing,
            multi_domain_min_life_domains=triage,
            safety_questions=safety_questions,
            rules=rules,
            rules_by_id=by_id,
            integrated_budget=integrated,
        )

    def content_hash(self, raw: bytes) -> str:
        """sha256 of the file, and of the shared parameter files when there are any: what
        evaluated an intake, values included."""
        digest = hashlib.sha256(raw)
        for name, content in self.shared.contents:
            digest.update(b"\0" + name.encode() + b"\0" + content)
        return digest.hexdigest()

    def parameters(self, raw, valid_from) -> dict[str, tuple[m.Parameter, str]]:
        """The shared parameters and the file's own ones (a name in one place only)."""
        own = read_parameters(self.check, raw, valid_from)
        for name in own.keys() & self.shared.parameters.keys():
            self.check.err(
                f"staat al in {display_path(self.shared.files[name])}; een parameter staat op "
                "één plek",
                where=f"parameter {name}",
            )
        return {**self.shared.parameters, **own}

    def shared_values_in_force(self, used: set[str], valid_from) -> None:
        """Every shared parameter this version names has a value on its first day."""
        for name in sorted(used & self.shared.parameters.keys()):
            first = self.shared.parameters[name][0].values[0][0]
            if valid_from and first > valid_from:
                self.check.err(
                    f"geen waarde op valid_from {valid_from} (eerste waarde {first} in "
                    f"{display_path(self.shared.files[name])})",
                    where=f"parameter {name}",
                )

    def nothing_applies(self, raw) -> m.NothingApplies | None:
        where = "nothing_applies"
        if not self.check.keys(raw, {"explanation", "where_else"}, {"explanation"}, where=where):
            return None
        explanation = self.check.text(raw.get("explanation"), "explanation", where=where)
        places = []
        for item in raw.get("where_else") or []:
            if self.check.keys(item, {"name", "contact"}, {"name", "contact"}, where=where):
                name = self.check.text(item.get("name"), "where_else.name", where=where)
                contact = self.check.text(item.get("contact"), "where_else.contact", where=where)
                if name and contact:
                    places.append(m.WhereElse(name, contact))
        return m.NothingApplies(explanation, tuple(places)) if explanation else None

    def integrated_budget(self, raw, regimes) -> m.IntegratedBudget | None:
        """One budget for the provisions of several municipal regimes (issue #17)."""
        if raw is None:
            return None
        where = "integrated_budget"
        allowed = {"name", "regimes", "reference", "status", "note"}
        if not self.check.keys(raw, allowed, {"name", "regimes", "reference"}, where=where):
            return None
        name = self.check.text(raw.get("name"), "name", where=where)
        listed = raw.get("regimes")
        if not isinstance(listed, list) or not all(isinstance(r, str) for r in listed):
            self.check.err("regimes moet een lijst van regelingen zijn", where=where)
            listed = []
        if len(set(listed)) < 2:
            self.check.err("één budget is er voor minstens twee regelingen", where=where)
        for key in listed:
            regime = (regimes or {}).get(key)
            if regime is None:
                self.check.err(f"onbekende regeling {key!r}", where=where)
            elif regime.kind != "municipal":
                self.check.err(
                    f"regeling {key!r} is geen gemeentelijke regeling: de gemeente beheert "
                    "daar geen budget voor",
                    where=where,
                )
        reference = raw.get("reference")
        if not isinstance(reference, str) or not reference.strip():
            self.check.err("reference moet zeggen waar dit staat (artikel of bron)", where=where)
        status = raw.get("status", "verified")
        if status not in PARAM_STATUS:
            self.check.err(f"status moet een van {', '.join(PARAM_STATUS)} zijn", where=where)
        note = raw.get("note")
        if note is not None and not isinstance(note, str):
            self.check.err("note moet een tekst zijn", where=where)
        if name is None or self.check.errors:
            return None
        return m.IntegratedBudget(
            name=name,
            regimes=tuple(dict.fromkeys(listed)),
            reference=reference.strip(),
            status=status,
            note=note,
        )

    def triage(self, raw) -> tuple[int, tuple[str, ...]]:
        key = "multi_domain_min_life_domains"
        if not self.check.keys(raw, {key, "safety_questions"}, set(), where="triage"):
            return 2, ()
        value = raw.get(key, 2)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.check.err(f"{key} moet een heel getal van 1 of meer zijn", where="triage")
            value = 2
        return value, self.safety_questions(raw.get("safety_questions") or [])

    def safety_questions(self, raw) -> tuple[str, ...]:
        """Questions (fact paths) asked before any other: danger, a roof tonight, ..."""
        where = "triage.safety_questions"
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            self.check.err("safety_questions moet een lijst van vragen (feiten) zijn", where=where)
            return ()
        if len(raw) > MAX_SAFETY_QUESTIONS:
            self.check.err(
                f"hoogstens {MAX_SAFETY_QUESTIONS} veiligheidsvragen: meer is geen korte "
                "eerste vraag meer",
                where=where,
            )
        for path in raw:
            if path not in self.catalogue.facts:
                self.check.err(f"onbekende vraag {path!r}", where=where)
        return tuple(raw)


def load_file(
    path: str | Path, catalogue: Catalogue | None = None, shared: SharedParameters | None = None
) -> m.Verordening:
    """One version; its shared parameters are ``parameters/*.yaml`` beside it (read here when
    ``shared`` is not given)."""
    path = Path(path)
    if not path.is_file():
        raise VerordeningError(f"{display_path(path)}: bestand niet gevonden")
    if shared is None:
        shared = read_shared_parameters(path.parent / SHARED_FOLDER)
    return _Loader(path, catalogue or load_catalogue(), shared).load()


def load_all(path: str | Path, catalogue: Catalogue | None = None) -> list[m.Verordening]:
    """One file, or every *.yaml in a folder; versions must not overlap in time."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.yaml") if p.is_file())
        if not files:
            raise VerordeningError(f"{display_path(path)}: geen verordening (*.yaml) gevonden")
    else:
        files = [path]
    shared = read_shared_parameters(files[0].parent / SHARED_FOLDER)  # once for every version
    errors: list[str] = []
    loaded = []
    for file in files:
        try:
            loaded.append(load_file(file, catalogue, shared))
        except VerordeningError as exc:
            errors.extend(exc.errors)
    if errors:
        raise VerordeningError(list(dict.fromkeys(errors)))  # a shared file's errors once
    loaded.sort(key=lambda v: v.valid_from)
    for earlier, later in itertools.pairwise(loaded):
        if earlier.valid_to is None or earlier.valid_to > later.valid_from:
            errors.append(
                f"{display_path(later.path)}: geldig vanaf {later.valid_from}, maar "
                f"{display_path(earlier.path)} (vanaf {earlier.valid_from}, tot "
                f"{earlier.valid_to or 'onbepaald'}) geldt dan nog; versies mogen niet overlappen"
            )
    if errors:
        raise VerordeningError(errors)
    return loaded
