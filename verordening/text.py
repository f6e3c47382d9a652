"""Answers in words: how a fact value is shown to a resident (nl, B1) or in English."""

from __future__ import annotations

from .intake_schema import FactInfo

_YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}
_UNKNOWN = {"nl": "weet ik niet", "en": "not known"}
_UNITS = {
    "years": ("jaar", "years"),
    "km": ("km", "km"),
    "hours": ("uur", "hours"),
    "weeks": ("weken", "weeks"),
}


def number_text(value: float, lang: str) -> str:
    """Dutch writes 1.234,5; English 1,234.5."""
    text = (
        f"{value:,.2f}"
        if isinstance(value, float) and not value.is_integer()
        else (f"{int(value):,}")
    )
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def value_text(info: FactInfo | None, value, lang: str) -> str:
    if value is None:
        return _UNKNOWN[lang]
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if isinstance(value, (int, float)):
        number = number_text(value, lang)
        unit = info.unit if info else None
        if unit == "EUR":
            return f"€ {number}"
        if unit in _UNITS:
            return f"{number} {_UNITS[unit][0 if lang == 'nl' else 1]}"
        return number
    if info is not None and info.enum_labels and value in info.enum_labels:
        return info.enum_labels[value][lang]
    if isinstance(value, str):
        return value.replace("_", " ")
    return str(value)
