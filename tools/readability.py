"""Dutch at B1: the Flesch-Douma score of every Dutch text a resident reads (issue #20).

Flesch-Douma is Flesch's reading ease with Douma's weights for Dutch (206.835 - 0.93 * words
per sentence - 77 * syllables per word; textstat's "nl"). 60 to 70 is "makkelijk"; the project's
floor is 65. The texts:

- the Babel messages used on the pages, mails and form a resident sees (by where they are
  used: the intake, Mijn aanvraag, the messages to residents, the form's questions, the public
  pages, the error pages);
- the intake schema's second-person sayings (`x-said`, read back on the confirmation);
- the verordening's resident texts: provision descriptions, explanations, summaries of terms,
  the evidence to bring (not the parameters' descriptions: they name an amount or an age on
  the rules pages, "Bijstandsnorm paar, beiden AOW-leeftijd, per maand", a label).

A score is only read for a text of at least MIN_WORDS words: the formula is made for running
text; on a label of one or two words (a provision's name, "Wonen") it says nothing useful
("Schuldhulpverlening" alone scores -179). Placeholders are read as an ordinary word.

    .venv/bin/python tools/readability.py            # the hardest texts first
    .venv/bin/python tools/readability.py --check    # exit 1 when a text is under the floor
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import textstat
import yaml
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
FLOOR = 65
MIN_WORDS = 8

# Where a message is used decides whether a resident reads it.
RESIDENT_SOURCES = (
    "forms/",
    "portal/intake_form/",
    "portal/intake/",
    "portal/residents/",
    "portal/messages/texts.py",
    "portal/main/",
    "templates/base.html",
    "templates/intake/",
    "templates/residents/",
    "templates/main/",
    "templates/macros/form.html",
    "templates/messages/mine.html",
    "templates/retention/mine.html",
    "templates/rules/",
    # documents (docs/documents.md): the resident's page, the file field, why a file was refused
    "templates/documents/mine.html",
    "templates/documents/_file_field.html",
    "portal/documents/uploads.py",
)
# The verordening's keys whose texts a resident reads.
RESIDENT_KEYS = {"description", "explanation", "summary", "evidence", "body"}
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{[\w.]+\}")


@dataclass(frozen=True)
class Text:
    score: float
    words: int
    where: str
    text: str


def score(text: str) -> float:
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(_PLACEHOLDER.sub("Sam", text))


def words(text: str) -> int:
    return len(_PLACEHOLDER.sub("Sam", text).split())


def babel_texts() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        pot = Path(folder) / "all.pot"
        os.chdir(ROOT)  # babel.cfg names the sources relative to the project
        CommandLineInterface().run(
            [
                *("pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k"),
                *("N_", "-o", str(pot), "portal", "forms", "templates"),
            ]
        )
        with pot.open("rb") as handle:
            catalogue = read_po(handle)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        text = message.id if isinstance(message.id, str) else message.id[0]
        places = [place for place, _line in message.locations]
        resident = [p for p in places if p.startswith(RESIDENT_SOURCES)]
        if resident:
            found.append((resident[0], text))
    return found


def schema_texts() -> list[tuple[str, str]]:
    schema = json.loads((ROOT / "forms" / "intake.schema.json").read_text(encoding="utf-8"))
    found: list[tuple[str, str]] = []

    def walk(node, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "x-said" and isinstance(value, str):
                    found.append((f"forms/intake.schema.json {path}", value))
                else:
                    walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}/{index}")

    walk(schema, "")
    return found


def verordening_texts() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "verordening" / "data").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))

        def walk(node, where: str, key: str = "", path: Path = path) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("nl"), str) and "en" in node:
                    if key in RESIDENT_KEYS:
                        found.append((f"{path.relative_to(ROOT)} {where}", node["nl"]))
                    return
                for child_key, value in node.items():
                    if child_key == "parameters":
                        continue  # names of amounts and ages for the rules pages: labels
                    walk(value, f"{where}.{child_key}", str(child_key), path)
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, f"{where}[{index}]", key, path)

        walk(data, "")
    return found


def measured() -> list[Text]:
    seen: set[str] = set()
    result = []
    for where, text in babel_texts() + schema_texts() + verordening_texts():
        if text in seen or words(text) < MIN_WORDS:
            continue
        seen.add(text)
        result.append(Text(score(text), words(text), where, text))
    return sorted(result, key=lambda t: t.score)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail on a text under the floor")
    parser.add_argument("--top", type=int, default=30, help="how many of the hardest to list")
    args = parser.parse_args(argv)
    texts = measured()
    under = [t for t in texts if t.score < FLOOR]
    shown = under if args.check else texts[: args.top]
    for text in shown:
        print(f"{text.score:6.1f}  {text.words:3d} words  {text.where}\n        {text.text}")
    print(
        f"{len(texts)} resident texts of {MIN_WORDS}+ words; {len(under)} under the floor "
        f"of {FLOOR} (Flesch-Douma)"
    )
    return 1 if args.check and under else 0


if __name__ == "__main__":
    raise SystemExit(main())
