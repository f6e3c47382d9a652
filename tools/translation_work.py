"""Translate a whole language in parts: chunks of source texts in, JSON translations out, then
one step that writes the language's catalogues (docs/languages.md, "Adding a language").

Several translators (people or helpers) can work on one language at once: each claims the next
chunk (an atomic ``mkdir``), writes ``out/LANG/chunk_NNN.json`` ({Dutch msgid: translation}, a
list of every plural form for a plural message) and checks it. ``apply`` then writes
``translations/LANG/LC_MESSAGES/messages.po`` and ``resident_texts.po`` from the templates and
every chunk file, and lists what is still missing. A catalogue is only committed once complete.

    .venv/bin/python tools/translation_work.py prepare WORKDIR          # chunks of the source
    .venv/bin/python tools/translation_work.py delta WORKDIR            # texts added since
    .venv/bin/python tools/translation_work.py claim WORKDIR LANG       # prints the chunk to do
    .venv/bin/python tools/translation_work.py show WORKDIR CHUNK       # the chunk, to read
    .venv/bin/python tools/translation_work.py check WORKDIR LANG FILE  # placeholders, tags, forms
    .venv/bin/python tools/translation_work.py status WORKDIR
    .venv/bin/python tools/translation_work.py apply WORKDIR LANG       # the .po files

Chunks put the texts residents read first (the intake, /mijn, the plan, messages and the
resident texts of the verordening and the schema), then the staff pages.
"""

from __future__ import annotations

import gettext
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
SCHEMA = ROOT / "forms" / "intake.schema.json"
VERORDENINGEN = ROOT / "verordening" / "data"
CHUNK_SIZE = 60

#: Where a msgid is used decides its place in the queue: residents' texts first.
STAFF_ONLY = (
    "templates/staff",
    "templates/households",
    "templates/escalations",
    "templates/insight",
    "templates/caseload",
    "templates/retention",
    "templates/api",
    "templates/deadlines",
    "templates/handoff",
    "templates/frontdesk",
    "templates/network",
    "portal/staff",
    "portal/households",
    "portal/escalations",
    "portal/insight",
    "portal/caseload",
    "portal/retention",
    "portal/api",
    "portal/deadlines",
    "portal/handoff",
    "portal/frontdesk",
    "portal/network",
)

_PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[#0\- +]*\d*(?:\.\d+)?[sdifr%]")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_BRACED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _placeholders(text: str) -> set[str]:
    return {found for found in _PLACEHOLDER.findall(text) if found != "%%"}


def _located_template() -> Catalog:
    """Every msgid of the code with where it is used (the committed .pot has no locations)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    line = re.search(r"pybabel extract (.+)", makefile).group(1)
    arguments = [a for a in line.split() if a not in ("--no-location", "--sort-output")]
    output = arguments.index("-o")
    target = ROOT / "instance" / "located.pot"
    target.parent.mkdir(exist_ok=True)
    arguments[output + 1] = str(target)
    pybabel = str(ROOT / ".venv" / "bin" / "pybabel")
    subprocess.run([pybabel, "-q", "extract", *arguments], cwd=ROOT, check=True)  # noqa: S603
    with target.open("rb") as handle:
        return read_po(handle)


def _english_resident_texts() -> dict[str, str]:
    """{Dutch: English} of the texts outside the code (the verordening and the schema)."""
    found: dict[str, str] = {}

    def pairs(node):
        if isinstance(node, dict):
            if isinstance(node.get("nl"), str) and isinstance(node.get("en"), str):
                found.setdefault(node["nl"], node["en"])
            for key, english in (("title", "x-title-en"), ("x-said", "x-said-en")):
                if isinstance(node.get(key), str) and isinstance(node.get(english), str):
                    found.setdefault(node[key], node[english])
            for value in node.values():
                pairs(value)
        elif isinstance(node, list):
            for value in node:
                pairs(value)

    pairs(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for path in sorted(VERORDENINGEN.glob("*.yaml")):
        pairs(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def prepare(workdir: Path) -> int:
    unique = _items()
    chunks = workdir / "chunks"
    chunks.mkdir(parents=True, exist_ok=True)
    for number, start in enumerate(range(0, len(unique), CHUNK_SIZE), start=1):
        part = unique[start : start + CHUNK_SIZE]
        (chunks / f"chunk_{number:03d}.json").write_text(
            json.dumps(part, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(f"{len(unique)} texts in {number} chunks in {chunks}")
    return 0


def _items() -> list[dict]:
    """Every text to translate, residents' texts first."""
    english = _read(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po", "en")
    located = _located_template()
    resident_english = _english_resident_texts()
    items = []
    for message in located:
        if not message.id:
            continue
        files = sorted({path for path, _line in message.locations})
        plural = isinstance(message.id, tuple)
        known = english.get(message.id)
        items.append(
            {
                "id": message.id[0] if plural else message.id,
                "plural_id": message.id[1] if plural else None,
                "en": (list(known.string) if plural else known.string) if known else None,
                "used_in": files[:4],
                "staff_only": all(path.startswith(STAFF_ONLY) for path in files),
            }
        )
    for message in _read(TRANSLATIONS / "resident_texts.pot"):
        if message.id:
            items.append(
                {
                    "id": message.id,
                    "plural_id": None,
                    "en": resident_english.get(message.id),
                    "used_in": [f"resident text ({', '.join(message.auto_comments)})"],
                    "staff_only": False,
                }
            )
    seen: set[str] = set()
    unique = [i for i in items if not (i["id"] in seen or seen.add(i["id"]))]
    unique.sort(key=lambda item: (item["staff_only"], item["used_in"][:1], item["id"]))
    return unique


def delta(workdir: Path) -> int:
    """A new chunk with every text that is in no chunk yet (texts added after `prepare`);
    the chunks already done keep their numbers."""
    chunks = workdir / "chunks"
    done = sorted(chunks.glob("chunk_*.json"))
    known = {item["id"] for path in done for item in json.loads(path.read_text(encoding="utf-8"))}
    new = [item for item in _items() if item["id"] not in known]
    if not new:
        print("every text is in a chunk")
        return 0
    number = int(done[-1].stem.split("_")[1]) + 1 if done else 1
    target = chunks / f"chunk_{number:03d}.json"
    target.write_text(json.dumps(new, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(new)} new texts in {target}")
    return 0


def claim(workdir: Path, language: str) -> int:
    """Print the next chunk nobody has claimed for the language (and claim it)."""
    claims = workdir / "claims" / language
    claims.mkdir(parents=True, exist_ok=True)
    for chunk in sorted((workdir / "chunks").glob("chunk_*.json")):
        try:
            (claims / chunk.stem).mkdir()
        except FileExistsError:
            continue
        print(chunk)
        return 0
    print("none left")
    return 1


def show(workdir: Path, chunk: str) -> int:
    """A chunk in a compact form to read: where it is used, the Dutch, the English reference."""
    path = workdir / "chunks" / Path(chunk).name
    for number, item in enumerate(json.loads(path.read_text(encoding="utf-8")), start=1):
        where = ", ".join(item["used_in"]) + (" [staff only]" if item["staff_only"] else "")
        print(f"## {number}. {where}")
        print(f"NL: {json.dumps(item['id'], ensure_ascii=False)}")
        if item["plural_id"]:
            print(f"NL plural: {json.dumps(item['plural_id'], ensure_ascii=False)}")
        print(f"EN: {json.dumps(item['en'], ensure_ascii=False)}")
    return 0


def plural_forms(language: str) -> int:
    return Catalog(locale=language).num_plurals


def problems(workdir: Path, language: str, path: Path) -> list[str]:
    """What is wrong with one chunk's translations: missing, placeholders, tags, plural forms."""
    chunk = json.loads((workdir / "chunks" / path.name).read_text(encoding="utf-8"))
    done = json.loads(path.read_text(encoding="utf-8"))
    forms = plural_forms(language)
    choose = gettext.c2py(Catalog(locale=language).plural_expr)
    used = Counter(choose(n) for n in range(1000))
    one_number = {form for form, times in used.items() if times == 1}
    found = []
    for item in chunk:
        key = item["id"]
        if key not in done:
            found.append(f"missing: {key!r}")
            continue
        value = done[key]
        sources = [key] + ([item["plural_id"]] if item["plural_id"] else [])
        if item["plural_id"]:
            if not isinstance(value, list) or len(value) != forms:
                found.append(f"{key!r}: a list of {forms} plural forms is needed for {language}")
                continue
            translations = value
        else:
            if not isinstance(value, str):
                found.append(f"{key!r}: one string is needed")
                continue
            translations = [value]
        expected = set().union(
            *({p for p in _PLACEHOLDER.findall(s) if p != "%%"} for s in sources)
        )
        tags = sorted(_TAG.findall(key))
        braced = sorted(_BRACED.findall(key))
        for form, text in enumerate(translations):
            if not text.strip():
                found.append(f"{key!r}: empty translation")
            got = _placeholders(text)
            # A plural form used for one number only ("one day", Arabic's dual) may drop it.
            if not (
                got == expected or (item["plural_id"] and form in one_number and got < expected)
            ):
                found.append(f"{key!r}: placeholders {sorted(expected)} but got {sorted(got)}")
            if sorted(_TAG.findall(text)) != tags:
                found.append(f"{key!r}: HTML tags {tags} but got {sorted(_TAG.findall(text))}")
            if sorted(_BRACED.findall(text)) != braced:
                found.append(f"{key!r}: {braced} must stay as they are")
    return found


def check(workdir: Path, language: str, path: Path) -> int:
    found = problems(workdir, language, path)
    for line in found:
        print(line)
    print(f"{path.name}: {'OK' if not found else f'{len(found)} problem(s)'}")
    return 1 if found else 0


def status(workdir: Path) -> int:
    total = len(list((workdir / "chunks").glob("chunk_*.json")))
    for language_dir in sorted((workdir / "out").glob("*")):
        done = len(list(language_dir.glob("chunk_*.json")))
        claimed = len(list((workdir / "claims" / language_dir.name).glob("chunk_*")))
        print(f"{language_dir.name}: {done}/{total} done, {claimed} claimed")
    return 0


def _translations(workdir: Path, language: str) -> dict:
    found: dict = {}
    for path in sorted((workdir / "out" / language).glob("chunk_*.json")):
        found.update(json.loads(path.read_text(encoding="utf-8")))
    return found


def apply(workdir: Path, language: str) -> int:
    """Write the language's two catalogues from the templates and every chunk done."""
    subprocess.run(["make", "-s", "translations-update"], cwd=ROOT, check=True, capture_output=True)  # noqa: S607
    done = _translations(workdir, language)
    missing = 0
    for domain, template in (
        ("messages", TRANSLATIONS / "messages.pot"),
        ("resident_texts", TRANSLATIONS / "resident_texts.pot"),
    ):
        catalogue = _read(template, language)
        catalogue.locale = Locale.parse(language)
        catalogue.fuzzy = False
        for message in catalogue:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            value = done.get(key)
            if value is None:
                missing += 1
                print(f"  [{domain}] missing: {key!r}")
                continue
            message.string = tuple(value) if isinstance(message.id, tuple) else value
        target = TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalogue, width=76, ignore_obsolete=True, sort_output=True)
    print(f"{language}: {missing} missing")
    return 1 if missing else 0


def main(arguments: list[str]) -> int:
    command, workdir, *rest = arguments
    workdir = Path(workdir)
    if command == "prepare":
        return prepare(workdir)
    if command == "delta":
        return delta(workdir)
    if command == "claim":
        return claim(workdir, rest[0])
    if command == "show":
        return show(workdir, rest[0])
    if command == "check":
        return check(workdir, rest[0], Path(rest[1]))
    if command == "status":
        return status(workdir)
    if command == "apply":
        return apply(workdir, rest[0])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
