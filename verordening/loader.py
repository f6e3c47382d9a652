"""Load and strictly validate verordening YAML files (format: docs/verordening-format.md).

Every problem found is collected, so one run shows a policy officer all of them; each message
names the file, the article and the rule. Nothing is guessed: an unknown key is an error, not a
typo silently ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from pathlib import Path

import yaml

from . import model as m
from .compiler import CompileError, Compiler, DerivedFact, dotted_names, type_of_value
from .errors import VerordeningError
from .intake_schema import Catalogue, load_catalogue
from .text import placeholder_names
from .yamlio import safe_load_yaml

LIFE_DOMAINS = (
    "income",
    "debts",
    "housing",
    "household_self_care",
    "mobility",
    "health",
    "parenting",
    "school",
    "work",
    "network",
    "safety",
)
RULE_KINDS = ("algemene_voorziening", "melding", "aanvraag", "referral")
DEADLINE_UNITS = ("days", "working_days", "weeks", "months")
DEADLINE_STARTS = ("melding", "aanvraag", "request", "report", "eerste_gesprek", "immediately")
PARAM_STATUS = ("verified", "secondary", "not_verified")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

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
}
RULE_REQUIRED = {
    "id",
    "regime",
    "provision",
    "kind",
    "life_domain",
    "scope",
    "when",
    "law_article",
    "explanation",
}
RULE_KEYS = RULE_REQUIRED | {
    "urgency",
    "urgent_when",
    "deadline",
    "decision",
    "omgekeerde_toets",
    "evidence",
    "excludes",
    "supporting",
    "urgent_deadline",
    "municipality_checks",
}
# at most this many safety questions come before any other question (issue #11)
MAX_SAFETY_QUESTIONS = 5


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse_date(value) -> dt.date:
    """A strict calendar date: a YAML date or the text YYYY-MM-DD, never a timestamp."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value!r} is een tijdstip, geen datum")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"ongeldige datum {value!r} (verwacht JJJJ-MM-DD)")


class _Loader:
    def __init__(self, path: Path, catalogue: Catalogue):
        self.path = path
        self.name = display_path(path)
        self.catalogue = catalogue
        self.errors: list[str] = []

    # -- error helpers ---------------------------------------------------------------------

    def err(self, reason: str, article=None, rule=None, where=None) -> None:
        parts = []
        if article is not None:
            parts.append(f"artikel {article}")
        if rule is not None:
            parts.append(f"regel {rule}")
        if where is not None:
            parts.append(where)
        loc = ", ".join(parts)
        self.errors.append(f"{self.name}: {loc}: {reason}" if loc else f"{self.name}: {reason}")

    def keys(self, obj, allowed, required, **loc) -> bool:
        if not isinstance(obj, dict):
            self.err(f"verwacht een lijst van sleutels, kreeg {type(obj).__name__}", **loc)
            return False
        for key in sorted(set(obj) - set(allowed), key=str):
            self.err(f"onbekende sleutel '{key}'", **loc)
        for key in sorted(set(required) - set(obj)):
            reason = (
                "ontbrekende bronvermelding law_article"
                if key == "law_article"
                else f"ontbrekende sleutel '{key}'"
            )
            self.err(reason, **loc)
        return True

    def text(self, value, what: str, **loc) -> m.Text | None:
        if (
            isinstance(value, dict)
            and set(value) == {"nl", "en"}
            and all(isinstance(v, str) and v.strip() for v in value.values())
        ):
            return m.Text(value["nl"].strip(), value["en"].strip())
        self.err(f"{what} moet {{nl: ..., en: ...}} zijn, met allebei een tekst", **loc)
        return None

    def string(self, value, what: str, **loc) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.err(f"{what} moet een tekst zijn", **loc)
        return None

    def date(self, value, what: str, **loc) -> dt.date | None:
        try:
            return parse_date(value)
        except ValueError as exc:
            self.err(f"{what}: {exc}", **loc)
            return None

    def choice(self, value, allowed, what: str, **loc):
        if value in allowed:
            return value
        self.err(f"onbekende {what} {value!r} (mogelijk: {', '.join(allowed)})", **loc)
        return None

    # -- the file --------------------------------------------------------------------------

    def load(self) -> m.Verordening:
        raw = self.path.read_bytes()
        content_hash = hashlib.sha256(raw).hexdigest()
        try:
            doc = safe_load_yaml(raw)
        except yaml.YAMLError as exc:
            raise VerordeningError(f"{self.name}: geen geldige YAML: {exc}") from None
        if not isinstance(doc, dict):
            raise VerordeningError(f"{self.name}: het bestand moet een lijst van sleutels zijn")
        self.keys(doc, TOP_KEYS, TOP_REQUIRED)
        if doc.get("format") != 1:
            self.err(f"onbekend format {doc.get('format')!r} (deze engine kent format 1)")
        valid_from = self.date(doc.get("valid_from"), "valid_from")
        valid_to = None
        if doc.get("valid_to") is not None:
            valid_to = self.date(doc["valid_to"], "valid_to")
            if valid_from and valid_to and valid_to <= valid_from:
                self.err("valid_to moet na valid_from liggen")
        legal_basis = doc.get("legal_basis") or []
        if not isinstance(legal_basis, list) or not all(isinstance(x, str) for x in legal_basis):
            self.err("legal_basis moet een lijst van teksten zijn")
            legal_basis = []
        source_url = doc.get("source_url")
        if source_url is not None and not isinstance(source_url, str):
            self.err("source_url moet een tekst zijn")

        regimes = self.regimes(doc.get("regimes"))
        deadlines = self.deadlines(doc.get("deadlines") or {})
        parameters = self.parameters(doc.get("parameters") or {}, valid_from)
        compiler = Compiler(self.catalogue, {k: v[1] for k, v in parameters.items()})
        derived = self.derived(doc.get("derived") or {}, compiler)
        articles = self.articles(doc.get("articles"), compiler, regimes, deadlines)
        nothing = self.nothing_applies(doc.get("nothing_applies"))
        triage, safety_questions = self.triage(doc.get("triage") or {})

        rules = tuple(r for a in articles for r in a.rules)
        for i, rule in enumerate(rules):
            rule.order = i
        by_id = self.check_rule_ids(rules)
        if self.errors:
            raise VerordeningError(self.errors)
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
        )

    def regimes(self, raw) -> dict[str, m.Regime]:
        out: dict[str, m.Regime] = {}
        if not isinstance(raw, dict) or not raw:
            self.err("regimes moet minstens één regime noemen")
            return out
        for rid, spec in raw.items():
            where = f"regime {rid}"
            if not isinstance(rid, str) or not _ID.match(rid):
                self.err("een regime-id bestaat uit kleine letters, cijfers en _", where=where)
            if not self.keys(spec, {"name", "kind", "body"}, {"name", "kind"}, where=where):
                continue
            name = self.text(spec.get("name"), "name", where=where)
            kind = self.choice(spec.get("kind"), ("municipal", "referral"), "soort", where=where)
            body = self.text(spec["body"], "body", where=where) if spec.get("body") else None
            if name and kind:
                out[rid] = m.Regime(rid, name, kind, body)
        return out

    def deadlines(self, raw) -> dict[str, m.DeadlineRule]:
        out: dict[str, m.DeadlineRule] = {}
        if not isinstance(raw, dict):
            self.err("deadlines moet een lijst van sleutels zijn")
            return out
        fields = {"length", "unit", "starts", "law_article", "description"}
        for did, spec in raw.items():
            where = f"termijn {did}"
            if not self.keys(spec, fields | {"status"}, fields, where=where):
                continue
            status = self.choice(
                spec.get("status", "verified"), PARAM_STATUS, "status", where=where
            )
            length = spec.get("length")
            if not isinstance(length, int) or isinstance(length, bool) or length < 0:
                self.err("length moet een heel getal van 0 of meer zijn", where=where)
                length = None
            unit = self.choice(spec.get("unit"), DEADLINE_UNITS, "eenheid", where=where)
            starts = self.choice(spec.get("starts"), DEADLINE_STARTS, "start", where=where)
            law = self.string(spec.get("law_article"), "law_article", where=where)
            desc = self.text(spec.get("description"), "description", where=where)
            if None not in (length, unit, starts, law, desc, status):
                out[did] = m.DeadlineRule(did, length, unit, starts, law, desc, status)
        return out

    def parameters(self, raw, valid_from) -> dict[str, tuple[m.Parameter, str]]:
        out: dict[str, tuple[m.Parameter, str]] = {}
        if not isinstance(raw, dict):
            self.err("parameters moet een lijst van sleutels zijn")
            return out
        fields = {"description", "unit", "reference", "status", "values"}
        for name, spec in raw.items():
            where = f"parameter {name}"
            if not isinstance(name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
                self.err("een parameternaam bestaat uit letters, cijfers en _", where=where)
                continue
            if not self.keys(spec, fields, fields, where=where):
                continue
            desc = self.text(spec.get("description"), "description", where=where)
            unit = self.string(spec.get("unit"), "unit", where=where)
            ref = self.string(spec.get("reference"), "reference", where=where)
            status = self.choice(spec.get("status"), PARAM_STATUS, "status", where=where)
            values = spec.get("values")
            if not isinstance(values, dict) or not values:
                self.err("values moet minstens één datum: waarde bevatten", where=where)
                continue
            dated, types, sources = [], set(), {}
            for start, value in values.items():
                day = self.date(start, "startdatum", where=where)
                if isinstance(value, dict):  # {value: .., status: .., source: ..}
                    checked = self.dated_source(value, start, where)
                    if checked is None:
                        continue
                    value, sources[day] = checked
                vtype = type_of_value(value)
                if vtype in ("null", "any"):
                    self.err(
                        f"waarde {value!r} op {start} is geen getal, ja/nee, tekst of lijst",
                        where=where,
                    )
                    continue
                types.add(vtype)
                if day:
                    dated.append((day, tuple(value) if isinstance(value, list) else value))
            if len(types) > 1:
                self.err("alle waarden moeten van hetzelfde soort zijn", where=where)
            dated.sort(key=lambda x: x[0])
            if len({d for d, _ in dated}) != len(dated):
                self.err("dezelfde startdatum staat er twee keer", where=where)
            if dated and valid_from and dated[0][0] > valid_from:
                self.err(
                    f"geen waarde op valid_from {valid_from} (eerste waarde {dated[0][0]})",
                    where=where,
                )
            if None not in (desc, unit, ref, status) and dated and len(types) == 1:
                parameter = m.Parameter(name, desc, unit, ref, status, tuple(dated), sources)
                out[name] = (parameter, types.pop())
        return out

    def dated_source(self, raw: dict, start, where: str):
        """One value with its own status and source: (value, (status, source)) or None."""
        wanted = {"value", "status", "source"}
        self.keys(raw, wanted, wanted, where=where)  # reports what is missing or unknown
        if not wanted <= set(raw):
            return None
        status = self.choice(raw["status"], PARAM_STATUS, f"status op {start}", where=where)
        source = self.string(raw["source"], f"source op {start}", where=where)
        if None in (status, source):
            return None
        return raw["value"], (status, source)

    def derived(self, raw, compiler: Compiler) -> tuple[DerivedFact, ...]:
        if not self.keys(raw, {"household", "member"}, set(), where="derived"):
            return ()
        declared: dict[str, DerivedFact] = {}
        for scope in ("household", "member"):
            block = raw.get(scope) or {}
            if not isinstance(block, dict):
                self.err("verwacht naam: conditie", where=f"derived {scope}")
                continue
            for name, text in block.items():
                path = f"{scope}.{name}"
                if not isinstance(name, str) or not _ID.match(name):
                    self.err("ongeldige naam", where=f"derived {path}")
                elif path in self.catalogue.facts:
                    self.err("deze naam is al een feit uit het formulier", where=f"derived {path}")
                elif not isinstance(text, str):
                    self.err("de definitie moet een tekst zijn", where=f"derived {path}")
                else:
                    declared[path] = DerivedFact(path, scope, text)
        order = self._derived_order(declared)
        compiler.derived = declared
        for path in order:
            d = declared[path]
            try:
                d.condition = compiler.compile(d.text, d.scope, want=None)
            except CompileError as exc:
                self.err(str(exc), where=f"derived {path}")
                # keep later derived facts compilable: an unknown placeholder
                from .compiler import Condition
                from .nodes import Const

                d.condition = Condition(d.text, Const(None, "any"), frozenset())
        return tuple(declared[p] for p in order)

    def _derived_order(self, declared: dict[str, DerivedFact]) -> list[str]:
        """Depth-first order so each derived fact is computed after the ones it uses."""
        deps: dict[str, set[str]] = {}
        for path, d in declared.items():
            try:
                deps[path] = {x for x in dotted_names(d.text) if x in declared}
            except CompileError as exc:
                self.err(str(exc), where=f"derived {path}")
                deps[path] = set()
        order: list[str] = []
        state: dict[str, int] = {}  # 1 = visiting, 2 = done

        def visit(path: str, chain: list[str]) -> None:
            if state.get(path) == 2:
                return
            if state.get(path) == 1:
                cycle = " → ".join([*chain[chain.index(path) :], path])
                raise CompileError(f"kringverwijzing in afgeleide feiten: {cycle}")
            state[path] = 1
            for dep in sorted(deps[path]):
                visit(dep, [*chain, path])
            state[path] = 2
            order.append(path)

        for path in declared:
            try:
                visit(path, [])
            except CompileError as exc:
                self.err(str(exc), where=f"derived {path}")
                return []
        return order

    def articles(self, raw, compiler, regimes, deadlines) -> tuple[m.Article, ...]:
        out = []
        if not isinstance(raw, list) or not raw:
            self.err("articles moet een lijst met minstens één artikel zijn")
            return ()
        numbers = set()
        fields = {"number", "title", "summary", "text", "law_articles", "rules"}
        for i, spec in enumerate(raw, 1):
            number = spec.get("number") if isinstance(spec, dict) else None
            if isinstance(number, float):
                self.err(
                    f"artikelnummer {number} is als getal gelezen; zet het tussen "
                    'aanhalingstekens, zoals "4.10"',
                    where=f"artikel nr. {i} in de lijst",
                )
                number = str(number)
            elif isinstance(number, int) and not isinstance(number, bool):
                number = str(number)
            elif not isinstance(number, str) or not number.strip():
                self.err(
                    "ontbrekend of ongeldig artikelnummer", where=f"artikel nr. {i} in de lijst"
                )
                number = f"#{i}"
            if not self.keys(spec, fields, {"number", "title"}, article=number):
                continue
            if number in numbers:
                self.err("artikelnummer komt twee keer voor", article=number)
            numbers.add(number)
            title = self.string(spec.get("title"), "title", article=number) or ""
            summary = (
                self.text(spec["summary"], "summary", article=number)
                if spec.get("summary") is not None
                else None
            )
            law_articles = spec.get("law_articles") or []
            if not isinstance(law_articles, list) or not all(
                isinstance(x, str) for x in law_articles
            ):
                self.err("law_articles moet een lijst van teksten zijn", article=number)
                law_articles = []
            rules_raw = spec.get("rules") or []
            if not isinstance(rules_raw, list):
                self.err("rules moet een lijst zijn", article=number)
                rules_raw = []
            rules = []
            for rspec in rules_raw:
                rule = self.rule(rspec, number, title, compiler, regimes, deadlines)
                if rule is not None:
                    rules.append(rule)
            out.append(
                m.Article(
                    number, title, summary, spec.get("text"), tuple(law_articles), tuple(rules)
                )
            )
        return tuple(out)

    def rule(self, spec, number, title, compiler, regimes, deadlines) -> m.Rule | None:
        rid = spec.get("id") if isinstance(spec, dict) else None
        if not isinstance(rid, str) or not _ID.match(rid):
            self.err(f"ongeldig of ontbrekend regel-id {rid!r}", article=number)
            rid = rid if isinstance(rid, str) else "?"
        loc = {"article": number, "rule": rid}
        if not self.keys(spec, RULE_KEYS, RULE_REQUIRED, **loc):
            return None
        ok = True

        regime = regimes.get(spec.get("regime"))
        if regime is None:
            self.err(f"onbekend regime {spec.get('regime')!r}", **loc)
            ok = False
        provision = self.provision(spec.get("provision"), loc)
        kind = self.choice(spec.get("kind"), RULE_KINDS, "soort (kind)", **loc)
        if regime and kind and (kind == "referral") != (regime.kind == "referral"):
            self.err(
                f"kind {kind} past niet bij regime {regime.id} ({regime.kind}): een "
                "verwijzing (referral) hoort bij een regime met kind: referral",
                **loc,
            )
            ok = False
        life_domain = self.choice(spec.get("life_domain"), LIFE_DOMAINS, "leefgebied", **loc)
        scope = self.choice(spec.get("scope"), ("member", "household"), "scope", **loc)
        law_article = (
            self.string(spec.get("law_article"), "law_article", **loc)
            if ("law_article" in spec)
            else None
        )
        urgency = self.choice(
            spec.get("urgency", "normal"), ("normal", "high", "urgent"), "urgentie", **loc
        )
        deadline = None
        if spec.get("deadline") is not None:
            deadline = deadlines.get(spec["deadline"])
            if deadline is None:
                self.err(f"onbekende termijn {spec['deadline']!r}", **loc)
                ok = False
        urgent_deadline = None
        if spec.get("urgent_deadline") is not None:
            urgent_deadline = deadlines.get(spec["urgent_deadline"])
            if urgent_deadline is None:
                self.err(f"onbekende termijn {spec['urgent_deadline']!r}", **loc)
                ok = False
        elif (
            deadline is not None
            and deadline.unit in ("weeks", "months")
            and (urgency == "urgent" or spec.get("urgent_when") is not None)
        ):
            # an urgent outcome with only a term of weeks would tell a family in danger to wait
            self.err(
                "deze regel kan dringend zijn maar heeft alleen een termijn van weken of "
                "maanden: noem een urgent_deadline (bijv. Wmo 2015 art. 2.3.3, onverwijld)",
                **loc,
            )
            ok = False
        checks = spec.get("municipality_checks") or []
        if not isinstance(checks, list) or not all(isinstance(x, str) for x in checks):
            self.err("municipality_checks moet een lijst van vragen (feiten) zijn", **loc)
            checks = []
        for path in checks:
            if path not in self.catalogue.facts:
                self.err(f"municipality_checks: onbekende vraag {path!r}", **loc)
                ok = False
        decision = self.choice(
            spec.get("decision", "advice"), ("advice", "weigh"), "beslissing", **loc
        )
        toets = None
        if decision == "weigh" and not spec.get("omgekeerde_toets"):
            self.err("decision: weigh vraagt om een omgekeerde_toets", **loc)
            ok = False
        elif spec.get("omgekeerde_toets"):
            toets = self.toets(spec["omgekeerde_toets"], loc)
            if decision != "weigh":
                self.err("omgekeerde_toets hoort alleen bij decision: weigh", **loc)
        evidence = spec.get("evidence") or []
        if not isinstance(evidence, list):
            self.err("evidence moet een lijst zijn", **loc)
            evidence = []
        evidence = [self.text(e, "evidence", **loc) for e in evidence]
        explanation = self.text(spec.get("explanation"), "explanation", **loc)
        supporting = spec.get("supporting", False)
        if not isinstance(supporting, bool):
            self.err("supporting moet true of false zijn", **loc)
            ok = False
        excludes = spec.get("excludes") or []
        if not isinstance(excludes, list) or not all(isinstance(x, str) for x in excludes):
            self.err("excludes moet een lijst van regel-id's zijn", **loc)
            excludes = []

        when = urgent_when = None
        if scope:
            when = self.condition(compiler, spec.get("when"), scope, loc, "when")
            if spec.get("urgent_when") is not None:
                urgent_when = self.condition(
                    compiler, spec["urgent_when"], scope, loc, "urgent_when"
                )
        if (
            not ok
            or None
            in (
                provision,
                kind,
                life_domain,
                scope,
                law_article,
                urgency,
                decision,
                explanation,
                when,
            )
            or None in evidence
        ):
            return None
        if spec.get("urgent_when") is not None and urgent_when is None:
            return None
        fields = self.placeholders(compiler, explanation, scope, loc)
        if fields is None:
            return None
        return m.Rule(
            id=rid,
            article_number=number,
            article_title=title,
            regime=regime,
            provision=provision,
            kind=kind,
            life_domain=life_domain,
            scope=scope,
            when=when,
            law_article=law_article,
            urgency=urgency,
            urgent_when=urgent_when,
            deadline=deadline,
            decision=decision,
            omgekeerde_toets=toets,
            evidence=tuple(evidence),
            explanation=explanation,
            excludes=tuple(excludes),
            supporting=supporting,
            urgent_deadline=urgent_deadline,
            municipality_checks=tuple(checks),
            explanation_fields=fields,
        )

    def placeholders(self, compiler, explanation: m.Text, scope: str, loc) -> tuple | None:
        """The `{fact}` placeholders of an explanation, compiled like a condition (so an
        unknown fact or parameter is an error with its place), in both languages alike."""
        names_nl = placeholder_names(explanation.nl)
        if names_nl != placeholder_names(explanation.en):
            self.err("explanation: nl en en moeten dezelfde {feiten} noemen", **loc)
            return None
        fields = []
        for name in sorted(names_nl):
            try:
                fields.append((name, compiler.compile(name, scope, want=None)))
            except CompileError as exc:
                self.err(f"explanation {{{name}}}: {exc}", **loc)
                return None
        return tuple(fields)

    def condition(self, compiler, text, scope, loc, what):
        if not isinstance(text, str):
            self.err(f"{what} moet een conditie (tekst) zijn", **loc)
            return None
        try:
            return compiler.compile(text, scope)
        except CompileError as exc:
            self.err(f"{what}: {exc}" if what != "when" else str(exc), **loc)
            return None

    def provision(self, raw, loc) -> m.Provision | None:
        if not self.keys(raw, {"id", "name"}, {"id", "name"}, **loc):
            return None
        pid = raw.get("id")
        if not isinstance(pid, str) or not _ID.match(pid):
            self.err(f"ongeldig provision-id {pid!r}", **loc)
            return None
        name = self.text(raw.get("name"), "provision.name", **loc)
        return m.Provision(pid, name) if name else None

    def toets(self, raw, loc) -> m.OmgekeerdeToets | None:
        fields = {"desired_effect", "law_purpose", "weighing"}
        if not self.keys(raw, fields, fields, **loc):
            return None
        texts = [self.text(raw.get(k), f"omgekeerde_toets.{k}", **loc) for k in sorted(fields)]
        if None in texts:
            return None
        desired, law_purpose, weighing = texts
        return m.OmgekeerdeToets(desired, law_purpose, weighing)

    def nothing_applies(self, raw) -> m.NothingApplies | None:
        where = "nothing_applies"
        if not self.keys(raw, {"explanation", "where_else"}, {"explanation"}, where=where):
            return None
        explanation = self.text(raw.get("explanation"), "explanation", where=where)
        places = []
        for item in raw.get("where_else") or []:
            if self.keys(item, {"name", "contact"}, {"name", "contact"}, where=where):
                name = self.text(item.get("name"), "where_else.name", where=where)
                contact = self.text(item.get("contact"), "where_else.contact", where=where)
                if name and contact:
                    places.append(m.WhereElse(name, contact))
        return m.NothingApplies(explanation, tuple(places)) if explanation else None

    def triage(self, raw) -> tuple[int, tuple[str, ...]]:
        key = "multi_domain_min_life_domains"
        if not self.keys(raw, {key, "safety_questions"}, set(), where="triage"):
            return 2, ()
        value = raw.get(key, 2)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.err(f"{key} moet een heel getal van 1 of meer zijn", where="triage")
            value = 2
        return value, self.safety_questions(raw.get("safety_questions") or [])

    def safety_questions(self, raw) -> tuple[str, ...]:
        """Questions (fact paths) asked before any other: danger, a roof tonight, ..."""
        where = "triage.safety_questions"
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            self.err("safety_questions moet een lijst van vragen (feiten) zijn", where=where)
            return ()
        if len(raw) > MAX_SAFETY_QUESTIONS:
            self.err(
                f"hoogstens {MAX_SAFETY_QUESTIONS} veiligheidsvragen: meer is geen korte "
                "eerste vraag meer",
                where=where,
            )
        for path in raw:
            if path not in self.catalogue.facts:
                self.err(f"onbekende vraag {path!r}", where=where)
        return tuple(raw)

    def check_rule_ids(self, rules) -> dict[str, m.Rule]:
        by_id: dict[str, m.Rule] = {}
        for rule in rules:
            if rule.id in by_id:
                other = by_id[rule.id]
                self.err(
                    f"regel-id komt ook voor in artikel {other.article_number}",
                    article=rule.article_number,
                    rule=rule.id,
                )
            by_id[rule.id] = rule
        for rule in rules:
            for target in rule.excludes:
                loc = {"article": rule.article_number, "rule": rule.id}
                other = by_id.get(target)
                if other is None:
                    self.err(f"excludes noemt onbekende regel {target}", **loc)
                elif other.scope != rule.scope:
                    self.err(f"excludes {target}: beide regels moeten dezelfde scope hebben", **loc)
                elif rule.id in other.excludes or target == rule.id:
                    self.err(
                        f"{rule.id} en {target} sluiten elkaar uit; dan valt allebei weg", **loc
                    )
        return by_id


def load_file(path: str | Path, catalogue: Catalogue | None = None) -> m.Verordening:
    path = Path(path)
    if not path.is_file():
        raise VerordeningError(f"{display_path(path)}: bestand niet gevonden")
    return _Loader(path, catalogue or load_catalogue()).load()


def load_all(path: str | Path, catalogue: Catalogue | None = None) -> list[m.Verordening]:
    """One file, or every *.yaml in a folder; versions must not overlap in time."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.yaml") if p.is_file())
        if not files:
            raise VerordeningError(f"{display_path(path)}: geen verordening (*.yaml) gevonden")
    else:
        files = [path]
    errors: list[str] = []
    loaded = []
    for file in files:
        try:
            loaded.append(load_file(file, catalogue))
        except VerordeningError as exc:
            errors.extend(exc.errors)
    if errors:
        raise VerordeningError(errors)
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
