"""Resolve a git merge conflict in the translation catalogues: every msgid translated on
either side keeps its translation (ours first), then `make translations-update` re-extracts.

    .venv/bin/python tools/merge_catalogues.py   # during a merge with conflicted .po files
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def _side(stage: int, path: str, locale: str):
    text = subprocess.run(  # noqa: S603  (git from PATH, with a path git itself listed)
        ["git", "show", f":{stage}:{path}"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    return read_po(io.BytesIO(text), locale=locale)


def main() -> int:
    conflicted = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=U"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for path in [p for p in conflicted if p.endswith((".po", ".pot"))]:
        locale = Path(path).parts[1] if path.endswith(".po") else None
        ours, theirs = _side(2, path, locale), _side(3, path, locale)
        for message in theirs:
            if not message.id:
                continue
            mine = ours.get(message.id, message.context)
            if mine is None:
                ours[message.id] = message
            elif not mine.string or mine.string in ("", ("", "")):
                mine.string = message.string
        with (ROOT / path).open("wb") as handle:
            write_po(handle, ours, sort_output=True, omit_header=False)
        subprocess.run(["git", "add", path], cwd=ROOT, check=True)  # noqa: S603, S607
    subprocess.run(["make", "-s", "translations-update"], cwd=ROOT, check=True)  # noqa: S607
    return 0


if __name__ == "__main__":
    sys.exit(main())
