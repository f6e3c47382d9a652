"""Extract the resident texts that live outside the code into one gettext template.

The verordening's resident texts are ``{nl: …, en: …}`` pairs in verordening/data/*.yaml and
the intake schema's are ``title`` / ``x-said`` in forms/intake.schema.json. English stays in
those files (the ``en`` key, ``x-title-en``, ``x-said-en``); every other language is translated
in a separate gettext domain, ``resident_texts``, so translators work in .po files only:

    make translations-update        # runs this script: translations/resident_texts.pot
    .venv/bin/pybabel init -D resident_texts -i translations/resident_texts.pot \
        -d translations -l ar       # once per new language

portal.i18n.localized() looks the Dutch text up in that domain when the pair has no key for the
page's language, and falls back to Dutch (docs/languages.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "forms" / "intake.schema.json"
VERORDENINGEN = ROOT / "verordening" / "data"
TEMPLATE = ROOT / "translations" / "resident_texts.pot"


def _pairs(node, found: dict[str, str], where: str) -> None:
    """Every Dutch text of a {nl: …} pair, anywhere in a YAML document."""
    if isinstance(node, dict):
        if isinstance(node.get("nl"), str) and node["nl"].strip():
            found.setdefault(node["nl"], where)
        for value in node.values():
            _pairs(value, found, where)
    elif isinstance(node, list):
        for value in node:
            _pairs(value, found, where)


def _schema(node, found: dict[str, str], where: str) -> None:
    """The schema's resident wordings: every title and every second-person saying."""
    if isinstance(node, dict):
        for key in ("title", "x-said"):
            if isinstance(node.get(key), str) and node[key].strip():
                found.setdefault(node[key], where)
        for value in node.values():
            _schema(value, found, where)
    elif isinstance(node, list):
        for value in node:
            _schema(value, found, where)


def resident_texts() -> dict[str, str]:
    """{Dutch text: the file it comes from}, in a stable order."""
    found: dict[str, str] = {}
    _schema(json.loads(SCHEMA.read_text(encoding="utf-8")), found, SCHEMA.name)
    for path in sorted(VERORDENINGEN.glob("*.yaml")):
        _pairs(yaml.safe_load(path.read_text(encoding="utf-8")), found, path.name)
    return found


def main() -> int:
    catalogue = Catalog(project="Eén loket resident texts", domain="resident_texts")
    for text, where in sorted(resident_texts().items()):
        catalogue.add(text, auto_comments=[where])
    with TEMPLATE.open("wb") as handle:
        write_po(handle, catalogue, sort_output=True)
    print(f"{len(catalogue)} resident texts written to {TEMPLATE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
