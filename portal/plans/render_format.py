"""Formatting shared by the plan renderers (.docx and HTML): money, dates, typed text.

Pure functions on snapshot values (docs/plan-document.md); no database, no request. The
HTML filters in `portal.plans.render_html` and the .docx writer in `portal.plans.render_docx`
both use them, so the two documents say the same thing in the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency

from portal.dutch_time import AMSTERDAM

# Characters XML 1.0 forbids (python-docx/lxml raise on them) and C1 controls nobody means
# to type. Lone surrogates come from broken JSON escapes and cannot be written as UTF-8.
_INVALID = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks as people type them (Windows, old Mac, vertical tab, form feed) → "\n".
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029]")
# A "word" this long has no place to wrap; give it one every LONG_WORD_CHUNK characters.
LONG_WORD = 60
LONG_WORD_CHUNK = 30
_LONG_WORD = re.compile(r"[^\s\u200b]{" + str(LONG_WORD) + ",}")
ZERO_WIDTH_SPACE = "\u200b"


def clean_text(value: object) -> str:
    """Text as typed, made safe to write: no forbidden characters, newlines as "\\n"."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to do
    return _INVALID.sub("", _BREAKS.sub("\n", text)).replace("\t", " ")


def chunks(word: str) -> list[str]:
    """A very long word in pieces of LONG_WORD_CHUNK characters (break opportunities between)."""
    return [word[i : i + LONG_WORD_CHUNK] for i in range(0, len(word), LONG_WORD_CHUNK)]


def breakable(text: str) -> str:
    """`text` with a zero-width space every LONG_WORD_CHUNK characters inside very long words,
    so a 5,000-character "word" wraps instead of pushing a table off the page."""
    if len(text) < LONG_WORD:
        return text
    return _LONG_WORD.sub(lambda m: ZERO_WIDTH_SPACE.join(chunks(m.group())), text)


def money(cents: int | None, locale: str = "nl") -> str:
    """245000 → "€ 2.450,00" (nl) or "€2,450.00" (en), and in every other language as Babel's
    locale data writes it ("2 450,00 €" in Polish); None → ""."""
    if cents is None:
        return ""
    if not locale.startswith(("nl", "en")):
        return format_currency(cents / 100, "EUR", locale=locale)
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(int(cents)), 100)
    grouped = f"{euros:,}"
    if locale.startswith("en"):
        return f"{sign}€{grouped}.{rest:02d}"
    return f"€ {sign}{grouped.replace(',', '.')},{rest:02d}"


@lru_cache(maxsize=4096)
def long_date(value: str | None, locale: str = "nl") -> str:
    """An ISO date ("2026-11-22") or moment ("2026-11-22T23:30:00+00:00", shown as the date in
    the Netherlands) written out: "22 november 2026". Unreadable values are returned as they are."""
    if not value:
        return ""
    try:
        if len(value) > 10:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                moment = moment.astimezone(AMSTERDAM)
            day = moment.date()
        else:
            day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return clean_text(value)
    return format_date(day, "long", locale=locale)


def score_change(score: int | None, previous: int | None) -> int | None:
    """The change since the previous score, or None when one of them is missing."""
    if score is None or previous is None:
        return None
    return score - previous


def grouped_provisions(snapshot: dict) -> list[tuple[str, str, list[dict]]]:
    """Provisions per regime: [(regime, regime_label, [provision, …])], in the order of the cost
    overview, then any regime that only appears in the provisions."""
    groups: dict[str, tuple[str, list[dict]]] = {}
    for row in (snapshot.get("costs") or {}).get("by_regime") or []:
        groups.setdefault(row["regime"], (row.get("regime_label") or row["regime"], []))
    for provision in snapshot.get("provisions") or []:
        key = provision.get("regime") or ""
        label = provision.get("regime_label") or key
        groups.setdefault(key, (label, []))[1].append(provision)
    return [(key, label, rows) for key, (label, rows) in groups.items() if rows]
