"""Fill English msgstrs from JSON files ({"Dutch msgid": "English"}; a list for plural forms),
after re-extracting the catalogue. Several people can call it at once: a lock file serialises
extraction and writing, so nobody's translations are overwritten.

    .venv/bin/python tools/fill_translations.py /tmp/po/*.json
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_PO = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
LOCK = ROOT / "instance" / ".translations.lock"


def main(paths: list[str]) -> int:
    wanted: dict[str, str | list[str]] = {}
    for path in paths:
        wanted.update(json.loads(Path(path).read_text(encoding="utf-8")))
    LOCK.parent.mkdir(exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(
            ["make", "-s", "translations-update"],  # noqa: S607  (make from PATH, as the README says)
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        with ENGLISH_PO.open("rb") as handle:
            catalogue = read_po(handle, locale="en")
        filled = 0
        for message in catalogue:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key and key in wanted:
                value = wanted[key]
                message.string = tuple(value) if isinstance(message.id, tuple) else value
                filled += 1
        with ENGLISH_PO.open("wb") as handle:
            write_po(handle, catalogue, width=76, ignore_obsolete=True)
        missing = [
            m.id
            for m in catalogue
            if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
        ]
    print(f"filled {filled}; still untranslated: {len(missing)}")
    for msgid in missing:
        print("  ", msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
