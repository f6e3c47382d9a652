"""The error collector every section of a verordening file reports to.

One `Checker` per file: the section readers (regimes, parameters, derived facts, articles) each
report what is wrong and go on, so one run shows a policy officer every problem of the file,
each naming the file, the article and the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import model as m

ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


class Checker:
    """Collects the errors of one file, and reads typed values (reporting the wrong ones)."""

    def __init__(self, path: Path):
        self.name = display_path(path)
        self.errors: list[str] = []

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
