"""Answers in words: how a fact value is shown to a resident (nl, B1) or in English."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel.dates import format_date

from catalogue.facts import Fact

# `{household.social_minimum}` or `{member.eighteenth_birthday}` in a rule's explanation
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)\}")

_YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}
_UNKNOWN = {"nl": "weet ik niet", "en": "not known"}
_UNITS = {
    "years": ("jaar", "years"),
    "km": ("km", "km"),
    "hours": ("uur", "hours"),
    "weeks": ("weken", "weeks"),
}


# Words for fixed answers, used when the intake schema has no x-enum-titles for them. They follow
# the wording of the intake form (portal/intake_form), which the engine may not import (Flask).
_OTHER = ("anders", "other")
_ENUM_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "member.role": {
        "applicant": ("aanvrager", "applicant"),
        "partner": ("partner", "partner"),
        "child": ("kind", "child"),
        "other": ("iemand anders", "someone else"),
    },
    "member.relation": {
        "self": ("zelf", "self"),
        "partner": ("partner", "partner"),
        "child": ("kind", "child"),
        "stepchild": ("stiefkind", "stepchild"),
        "foster_child": ("pleegkind", "foster child"),
        "parent": ("vader of moeder", "parent"),
        "sibling": ("broer of zus", "sibling"),
        "grandparent": ("opa of oma", "grandparent"),
        "other": ("iemand anders", "someone else"),
    },
    "household.housing.situation": {
        "own_home": ("in een koophuis", "in an owned home"),
        "rental": ("in een huurhuis", "in a rented home"),
        "room": ("op een kamer", "in a room"),
        "with_family_or_friends": ("bij familie of vrienden", "with family or friends"),
        "institution": ("in een instelling", "in an institution"),
        "homeless": ("geen woning", "no home"),
        "other": _OTHER,
    },
    "member.work.status": {
        "employed": ("werkt in loondienst", "employed"),
        "self_employed": ("werkt als zelfstandige", "self-employed"),
        "unemployed": ("geen werk", "no work"),
        "sick_leave": ("ziek thuis van het werk", "on sick leave"),
        "declared_unfit": ("afgekeurd voor werk", "declared unfit for work"),
        "student": ("school of studie", "in education"),
        "retired": ("met pensioen", "retired"),
        "other": _OTHER,
    },
    "member.school.type": {
        "none": ("geen school of opvang", "no school or childcare"),
        "childcare": ("kinderopvang", "childcare"),
        "primary": ("basisschool", "primary school"),
        "special_primary": ("speciaal basisonderwijs", "special primary education"),
        "secondary": ("middelbare school", "secondary school"),
        "special_secondary": ("voortgezet speciaal onderwijs", "special secondary education"),
        "mbo": ("mbo", "vocational education (mbo)"),
        "higher": ("hbo of universiteit", "higher education"),
        "other": _OTHER,
    },
    "household.channel": {
        "online": ("online", "online"),
        "front_desk": ("aan de balie", "at the desk"),
        "phone": ("telefoon", "phone"),
        "api": ("via een koppeling", "via an API"),
    },
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


def date_text(value: str, lang: str) -> str:
    """'2027-03-01' as '1 maart 2027' / '1 March 2027' (Babel's long date); anything else as
    it is."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return format_date(day, "d MMMM y", locale=lang)


def placeholder_names(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def fill(text: str, values: dict[str, str]) -> str:
    """Put the value texts in the placeholders; a placeholder without a value stays visible."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def value_text(info: Fact | None, value, lang: str) -> str:
    if value is None:
        return _UNKNOWN[lang]
    if isinstance(value, Decimal):
        value = float(value)
    if info is not None and info.unit == "date" and isinstance(value, str):
        return date_text(value, lang)
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
    if info is not None and info.value_titles and value in info.value_titles:
        return info.value_titles[value][lang]
    words = _ENUM_WORDS.get(info.path if info else "", {}).get(value)
    if words is not None:
        return words[0 if lang == "nl" else 1]
    if isinstance(value, str):
        return value.replace("_", " ")
    return str(value)
