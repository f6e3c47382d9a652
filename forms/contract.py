"""The intake contract: one household intake as JSON, checked the same way everywhere.

The web form, the JSON API and the verordening engine share ``forms/intake.schema.json``, read
once by ``catalogue.schema``. This module adds what JSON Schema cannot say: exactly one
applicant, the BSN 11-check, a Dutch postcode, birth dates that make sense together, and so on.
The checks on one value (BSN, postcode, e-mail, amount) are ``catalogue.values``, the same ones
the intake pages use; the facts are ``catalogue.facts``. It is Flask-free (an import-linter
contract checks it) so the engine's command line can use it.

Public API::

    load_schema() -> dict                       # cached; do not mutate
    SCHEMA_VERSION: str                         # "1.0"
    normalise_intake(data) -> dict              # cleaned copy
    validate_intake(data, today=None) -> list[Issue]
    check_intake(data, today=None) -> tuple[dict, list[Issue]]   # migrate + normalise + validate
    migrate_intake(data, *, migrations=None) -> dict
    register_migration(from_version, to_version)                  # decorator
    facts_catalogue() -> dict[str, Fact]
    has_errors(issues) -> bool

Unknown is not false: every fact may be ``null`` or absent, and no rule here treats a missing
answer as "no". Messages are Dutch (B1), marked with ``N_`` for Babel, with their parameters
kept apart so the portal can translate them (``Issue.render(gettext)``). See docs/intake.md.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from catalogue.facts import Fact, answered_facts, facts_catalogue
from catalogue.schema import SCHEMA_VERSION, load_schema
from catalogue.values import (
    amount_problem,
    bsn_problem,
    is_valid_email,
    is_valid_postcode,
    normalise_bsn,
    normalise_postcode,
)
from forms.i18n import N_

__all__ = [
    "COMPLETENESS_CODES",
    "ERROR",
    "MESSAGES",
    "SCHEMA_VERSION",
    "WARNING",
    "Fact",
    "Issue",
    "MigrationError",
    "check_intake",
    "facts_catalogue",
    "has_errors",
    "load_schema",
    "migrate_intake",
    "normalise_intake",
    "register_migration",
    "validate_intake",
]

ERROR = "error"
WARNING = "warning"

# --- Contract constants ------------------------------------------------------------------
# These are rules of the data contract, not policy. Policy (ages, amounts, terms that decide
# who gets what) lives as dated parameters in the verordening; these only catch input that
# cannot be right, and they do not change when a municipality changes its verordening.

#: Nobody we serve is older than this; an older birth date is a typing error.
MAX_AGE_YEARS = 120
#: An applicant younger than 16 gets a warning, not an error. From 16 a young person decides
#: alone about sharing their data under the Jeugdwet (art. 7.3.4/7.3.15); below 16 a parent or
#: guardian must be involved. We do not refuse a child who asks for help (the form must never
#: be a silent refusal); we flag it so the contact person involves a parent or guardian.
MIN_APPLICANT_AGE = 16
#: A generous upper bound for one school week (primary school is about 24 hours, secondary
#: about 26-32, full-time mbo with internship up to 40). Missing more hours than 4 such weeks
#: in "the last 4 weeks" is impossible.
SCHOOL_HOURS_PER_WEEK_MAX = 40
MAX_ABSENCE_HOURS_4_WEEKS = 4 * SCHOOL_HOURS_PER_WEEK_MAX
#: School facts for someone older than this are suspicious (adult education exists, so it is
#: a warning): the school questions serve leerplicht and leerlingenvervoer.
SCHOOL_AGE_WARNING_ABOVE = 30
#: Channels where the applicant logged in with DigiD, so their BSN should be known.
CHANNELS_WITH_BSN = frozenset({"online", "api"})

# --- Messages ------------------------------------------------------------------------------
# Dutch (B1) source strings, extracted with ``pybabel extract -k N_``. Placeholders:
#   %(field)s    the schema title of the field (sentence start)
#   %(field_lc)s the same title mid-sentence ("postcode", but "BSN (burgerservicenummer)")
#   %(who)s      the member: "Sara (persoon 2)" or "persoon 2"
#   %(other)s    another member, same form
#   %(subject)s  "<field> van <who>" for a member's field, else "<field>"
# plus the rule's own parameters. Keys are "code" or "code:variant".

MESSAGES: dict[str, str] = {
    # JSON Schema level
    "required": N_("%(subject)s ontbreekt. Vul dit in."),
    "wrong_type": N_("%(subject)s moet %(expected)s zijn."),
    "unknown_field": N_(
        "%(subject)s: '%(name)s' hoort niet in dit formulier. Haal het weg of kijk of het goed "
        "geschreven is."
    ),
    "not_allowed": N_("%(subject)s heeft een waarde die niet kan. Kies een van de mogelijkheden."),
    "schema_version_unsupported": N_(
        "%(field)s is %(value)s. Deze versie van Eén loket werkt met versie %(supported)s."
    ),
    "too_long": N_("%(subject)s is te lang. Gebruik hoogstens %(limit)s tekens."),
    "too_short": N_("%(subject)s is te kort. Gebruik minstens %(limit)s tekens."),
    "too_many": N_("%(subject)s: er staan er te veel in. Het mogen er hoogstens %(limit)s zijn."),
    "too_few": N_("%(subject)s: vul er minstens %(limit)s in."),
    "number_negative": N_("%(subject)s kan niet lager zijn dan 0."),
    "number_too_low": N_("%(subject)s kan niet lager zijn dan %(limit)s."),
    "number_not_finite": N_("%(subject)s moet een gewoon getal zijn."),
    "date_invalid": N_(
        "%(subject)s is geen bestaande datum. Controleer de dag, de maand en het jaar."
    ),
    "email_invalid": N_(
        "%(subject)s klopt niet. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
    ),
    "phone_invalid": N_(
        "%(subject)s klopt niet. Gebruik cijfers en spaties, bijvoorbeeld 06 12345678 of "
        "+31 6 12345678."
    ),
    "house_number_invalid": N_(
        "%(subject)s klopt niet. Vul alleen het nummer in. Een letter of ander teken hoort bij "
        "de toevoeging."
    ),
    "language_invalid": N_(
        "%(subject)s klopt niet. Gebruik een taalcode van 2 of 3 letters, bijvoorbeeld nl, en, "
        "ar of tr."
    ),
    "member_id_invalid": N_(
        "%(subject)s klopt niet. Gebruik alleen kleine letters, cijfers, - en _."
    ),
    "format_invalid": N_("%(subject)s heeft niet de goede vorm."),
    "invalid": N_("%(subject)s klopt niet."),
    # Household members
    "applicant_missing": N_(
        "Bij '%(field)s' staat niemand als aanvrager. Kies bij één persoon de rol aanvrager."
    ),
    "applicant_duplicate": N_(
        "%(who)s is ook als aanvrager ingevuld. Er kan maar één aanvrager zijn. Kies bij "
        "%(field_lc)s een andere rol."
    ),
    "partner_duplicate": N_(
        "%(who)s is ook als partner ingevuld. Er kan maar één partner zijn. Kies bij "
        "%(field_lc)s een andere rol."
    ),
    "member_id_duplicate": N_(
        "%(subject)s is hetzelfde als bij %(other)s. Elke persoon moet een eigen nummer hebben."
    ),
    "relation_mismatch": N_(
        "%(subject)s past niet bij de rol van deze persoon. Controleer de rol en de relatie."
    ),
    "bsn_not_9_digits": N_("%(subject)s moet uit 9 cijfers bestaan. Controleer het nummer."),
    "bsn_invalid": N_("%(subject)s klopt niet. Controleer de 9 cijfers."),
    "bsn_duplicate": N_(
        "%(subject)s is hetzelfde als dat van %(other)s. Elke persoon heeft een eigen BSN."
    ),
    "bsn_missing": N_(
        "%(subject)s is niet ingevuld. Bij een aanvraag via internet kennen wij het BSN van de "
        "aanvrager meestal al. Wij vragen het later."
    ),
    "birth_date_future": N_("%(subject)s ligt in de toekomst. Controleer de datum."),
    "birth_date_too_old": N_(
        "%(subject)s is meer dan %(max_age)s jaar geleden. Controleer het jaar."
    ),
    "child_older_than_applicant": N_(
        "%(who)s staat als kind ingevuld, maar is eerder geboren dan de aanvrager, %(other)s. "
        "Controleer de %(field_lc)s van allebei."
    ),
    "child_older_than_partner": N_(
        "%(who)s staat als kind ingevuld, maar is eerder geboren dan de partner, %(other)s. "
        "Controleer de %(field_lc)s van allebei."
    ),
    "applicant_under_16": N_(
        "%(who)s is volgens de %(field_lc)s jonger dan %(min_age)s jaar. Wij nemen contact op "
        "om samen te kijken wie kan helpen, bijvoorbeeld een ouder of voogd."
    ),
    # Address and contact
    "postcode_missing": N_(
        "%(field)s ontbreekt. Vul de postcode in, of kies dat u geen vast adres heeft."
    ),
    "postcode_invalid": N_(
        "%(field)s klopt niet. Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 2741 AB."
    ),
    "house_number_missing": N_(
        "%(field)s ontbreekt. Vul het huisnummer in, of kies dat u geen vast adres heeft."
    ),
    "contact_detail_missing:email": N_(
        "U wilt contact per e-mail, maar het %(field_lc)s ontbreekt. Vul het in of kies een "
        "andere manier."
    ),
    "contact_detail_missing:phone": N_(
        "U wilt contact per telefoon, maar het %(field_lc)s ontbreekt. Vul het in of kies een "
        "andere manier."
    ),
    "language_missing": N_(
        "U heeft een tolk nodig, maar de %(field_lc)s is niet ingevuld. Welke taal spreekt u?"
    ),
    # Life domains
    "absence_hours_too_many": N_(
        "%(subject)s is meer dan %(max_hours)s uur. Zoveel schooluren zijn er niet in 4 weken. "
        "Controleer het aantal."
    ),
    "school_for_adult": N_(
        "%(who)s is ouder dan %(max_age)s jaar, maar bij %(field_lc)s is iets ingevuld. Klopt dat?"
    ),
    "debt_amount_without_debts": N_(
        "%(field)s is ingevuld, maar er staat ook dat er geen schulden zijn. Wat klopt er?"
    ),
    "leaving_weeks_without_leaving": N_(
        "%(field)s is ingevuld, maar er staat ook dat u de woning niet uit moet. Wat klopt er?"
    ),
    # Consent
    "consent_duplicate": N_(
        "%(field)s: dit doel staat er al eerder in. Elk doel mag er maar één keer in staan."
    ),
    "consent_member_unknown": N_(
        "%(field)s: persoon '%(member_id)s' staat niet bij de mensen in het huishouden."
    ),
    "consent_date_future": N_("%(field)s: de datum ligt in de toekomst. Controleer de datum."),
}

_WHO_NAMED = N_("%(name)s (persoon %(number)s)")
_WHO_ANONYMOUS = N_("persoon %(number)s")
_SUBJECT_OF_MEMBER = N_("%(field)s van %(who)s")
#: Life-domain facts have statements as titles ("Gebruikt een rolstoel"): quote them.
_QUOTED_FACT = N_("'%(title)s'")
_SUBJECT_OF_MEMBER_FACT = N_("%(field)s bij %(who)s")

#: Labels for parameter values that are codes; translated at render time.
_PARAM_LABELS: dict[str, dict[str, str]] = {
    "expected": {
        "number": N_("een getal"),
        "integer": N_("een heel getal"),
        "boolean": N_("ja of nee"),
        "string": N_("tekst"),
        "array": N_("een lijst"),
        "object": N_("een groep gegevens"),
    },
}

#: Codes that only say "not finished yet". A saved draft may ignore these; a submitted
#: intake may not.
COMPLETENESS_CODES = frozenset(
    {"required", "too_few", "applicant_missing", "postcode_missing", "house_number_missing"}
)


# --- Schema ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = load_schema()
        for part in ref[2:].split("/"):
            target = target[part]
        return target
    return node


def _subschema(parts: Sequence[str | int]) -> Mapping[str, Any] | None:
    """The schema node that describes the data at ``parts``; None when there is none."""
    node: Mapping[str, Any] = load_schema()
    for part in parts:
        node = _resolve(node)
        if isinstance(part, int):
            items = node.get("items")
            if not isinstance(items, Mapping):
                return None
            node = items
        else:
            props = node.get("properties")
            if not isinstance(props, Mapping) or part not in props:
                return None
            node = props[part]
    return _resolve(node)


def _titles(parts: Sequence[str | int]) -> tuple[str, str]:
    """(Dutch, English) title of the nearest node at or above ``parts`` that has one."""
    parts = list(parts)
    while True:
        node = _subschema(parts)
        if node is not None and node.get("title"):
            title_nl, title_en = node["title"], node.get("x-title-en") or node["title"]
            if parts and isinstance(parts[-1], int):  # "Toestemming 2"
                return f"{title_nl} {parts[-1] + 1}", f"{title_en} {parts[-1] + 1}"
            return title_nl, title_en
        if not parts or isinstance(parts[-1], int):
            # An array item (a member, a consent) has no title of its own: the member's
            # name says which one, so do not borrow the title of the whole list.
            return "", ""
        parts.pop()


def _is_required(parts: Sequence[str | int]) -> bool:
    """Whether the data at ``parts`` must be present (an array item always is)."""
    if not parts or isinstance(parts[-1], int):
        return True
    parent = _subschema(parts[:-1])
    return parent is not None and parts[-1] in parent.get("required", ())


# --- Issues ------------------------------------------------------------------------------


def _to_pointer(parts: Sequence[str | int]) -> str:
    return "/".join(str(p) for p in parts)


def _to_dotted(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _pointer_parts(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split("/")] if path else []


def _is_fact_path(parts: Sequence[str | int]) -> bool:
    """Whether ``parts`` points at a life-domain fact (household/debts/has_debts,
    members/1/mobility/uses_wheelchair)."""
    generic = _generic(parts)
    if len(generic) == 3 and generic[0] == "household":
        key = ("household", generic[1], generic[2])
    elif len(generic) == 4 and generic[:2] == ("members", "*"):
        key = ("member", generic[2], generic[3])
    else:
        return False
    return ".".join(key) in _fact_paths()


@lru_cache(maxsize=1)
def _fact_paths() -> frozenset[str]:
    return frozenset(fact.path for fact in answered_facts() if fact.domain)


def _lower_first(title: str) -> str:
    """Mid-sentence: "Postcode" → "postcode", "E-mailadres" → "e-mailadres"; an abbreviation
    such as "BSN (burgerservicenummer)" stays as it is."""
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title


def _identity(message: str) -> str:
    return message


@dataclass(frozen=True)
class Issue:
    """One problem with an intake.

    ``path`` is JSON-pointer-like without the leading slash (``members/1/bsn``),
    ``dotted_path`` the same in dotted form (``members[1].bsn``). ``code`` is stable: build on
    it, not on the message. ``message`` is the Dutch text; ``template`` is the Dutch msgid and
    ``params`` its parameters, so ``render(gettext)`` gives the message in another language.
    """

    path: str
    code: str
    message: str
    severity: str = ERROR
    params: dict[str, Any] = field(default_factory=dict)
    template: str = ""
    dotted_path: str = ""

    def __post_init__(self) -> None:
        if not self.dotted_path:
            object.__setattr__(self, "dotted_path", _to_dotted(_pointer_parts(self.path)))

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def render(
        self,
        gettext: Callable[[str], str] | None = None,
        lang: str = "nl",
        title_gettext: Callable[[str], str] | None = None,
    ) -> str:
        """The message through ``gettext`` (e.g. flask_babel.gettext).

        Field titles come from the schema: ``x-title-en`` when ``lang == "en"``, otherwise the
        Dutch ``title`` passed through ``title_gettext`` (the schema's titles are resident
        texts, a gettext domain of their own: ar, tr, pl, uk) or else ``gettext``.
        """
        t = gettext or _identity
        return _render(self.template or self.message, self.params, t, lang, title_gettext or t)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "dotted_path": self.dotted_path,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "params": dict(self.params),
        }


def has_errors(issues: Sequence[Issue]) -> bool:
    """True when at least one issue is an error (warnings do not block)."""
    return any(issue.is_error for issue in issues)


def _member_label(params: Mapping[str, Any], role: str, t: Callable[[str], str]) -> str:
    number = params[f"{role}_number"]
    name = params.get(f"{role}_name")
    if name:
        return t(_WHO_NAMED) % {"name": name, "number": number}
    return t(_WHO_ANONYMOUS) % {"number": number}


_NUMBERED = re.compile(r"^(?P<title>.*?)(?P<number> \d+)?$", re.DOTALL)


def _translated_title(title: str, t: Callable[[str], str]) -> str:
    """A schema title in the page's language; "Toestemming 2" is "Toestemming" and its number."""
    if not title:
        return ""
    parts = _NUMBERED.match(title)
    return t(parts["title"]) + (parts["number"] or "")


def _render(
    template: str,
    params: Mapping[str, Any],
    t: Callable[[str], str],
    lang: str,
    title_t: Callable[[str], str] | None = None,
) -> str:
    values: dict[str, Any] = dict(params)
    if lang == "en":
        title = params.get("field_title_en") or params.get("field_title") or ""
    else:
        title = _translated_title(params.get("field_title") or "", title_t or t)
    is_fact = bool(params.get("field_is_fact")) and bool(title)
    if is_fact:
        title = t(_QUOTED_FACT) % {"title": title}
    values["field"] = title
    values["field_lc"] = title if is_fact else _lower_first(title)
    for role in ("who", "other"):
        if f"{role}_number" in params:
            values[role] = _member_label(params, role, t)
    if "who" in values and title:
        subject = _SUBJECT_OF_MEMBER_FACT if is_fact else _SUBJECT_OF_MEMBER
        values["subject"] = t(subject) % {"field": title, "who": values["who"]}
    else:
        values["subject"] = title or values.get("who", "")
    for key, labels in _PARAM_LABELS.items():
        if key in values and values[key] in labels:
            values[key] = t(labels[values[key]])
    message = t(template) % values
    return message[:1].upper() + message[1:]


class _Members:
    """Names and numbers of the household members, for messages."""

    def __init__(self, data: Any) -> None:
        members = data.get("members") if isinstance(data, dict) else None
        self.items: list[Any] = members if isinstance(members, list) else []

    def describe(self, index: int, role: str) -> dict[str, Any]:
        member = self.items[index] if 0 <= index < len(self.items) else None
        name = member.get("given_name") if isinstance(member, dict) else None
        params: dict[str, Any] = {f"{role}_index": index, f"{role}_number": index + 1}
        params[f"{role}_name"] = name if isinstance(name, str) and name.strip() else None
        return params


def _issue(
    members: _Members,
    code: str,
    parts: Sequence[str | int],
    *,
    severity: str = ERROR,
    title_parts: Sequence[str | int] | None = None,
    other: int | None = None,
    variant: str | None = None,
    **extra: Any,
) -> Issue:
    title_parts = parts if title_parts is None else title_parts
    title_nl, title_en = _titles(title_parts)
    params: dict[str, Any] = {"field_title": title_nl, "field_title_en": title_en}
    if _is_fact_path(title_parts):
        params["field_is_fact"] = True
    if len(parts) >= 2 and parts[0] == "members" and isinstance(parts[1], int):
        params.update(members.describe(parts[1], "who"))
    if other is not None:
        params.update(members.describe(other, "other"))
    params.update(extra)
    template = MESSAGES[f"{code}:{variant}" if variant else code]
    return Issue(
        path=_to_pointer(parts),
        dotted_path=_to_dotted(parts),
        code=code,
        message=_render(template, params, _identity, "nl"),
        severity=severity,
        params=params,
        template=template,
    )


# --- Normalisation -----------------------------------------------------------------------


def _clean_strings(value: Any) -> Any:
    if isinstance(value, str):
        stripped = value.strip()
        return stripped if stripped else None
    if isinstance(value, dict):
        return {key: _clean_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_strings(item) for item in value]
    return value


def _drop_null_groups(obj: dict[str, Any], schema: Mapping[str, Any] | None) -> None:
    properties = schema.get("properties", {}) if schema else {}
    for key in [k for k, v in obj.items() if v is None]:
        if properties.get(key, {}).get("type") == "object":
            del obj[key]


def normalise_intake(data: Any) -> Any:
    """A cleaned deep copy: strings stripped, empty strings → None, postcode ``1234AB``, BSN
    without spaces/dots/dashes and padded from 8 to 9 digits, language code lower-case.

    Never raises and never drops data: what it cannot clean it leaves for the validator.
    """
    cleaned = _clean_strings(copy.deepcopy(data))
    if not isinstance(cleaned, dict):
        return cleaned
    # A life-domain group that is null means nothing was answered there: the same as absent.
    household = cleaned.get("household", {})
    if household is None:
        del cleaned["household"]
    elif isinstance(household, dict):
        _drop_null_groups(household, _subschema(["household"]))
    address = cleaned.get("address")
    if isinstance(address, dict) and isinstance(address.get("postcode"), str):
        address["postcode"] = normalise_postcode(address["postcode"])
    members = cleaned.get("members")
    if isinstance(members, list):
        for member in members:
            if not isinstance(member, dict):
                continue
            if isinstance(member.get("bsn"), str):
                member["bsn"] = normalise_bsn(member["bsn"])
            _drop_null_groups(member, _subschema(["members", 0]))
    language = cleaned.get("language")
    if isinstance(language, dict) and isinstance(language.get("preferred"), str):
        language["preferred"] = language["preferred"].lower()
    return cleaned


# --- Validation: JSON Schema -------------------------------------------------------------

_PATTERN_CODES: dict[tuple[str, ...], str] = {
    ("members", "*", "bsn"): "bsn_not_9_digits",
    ("members", "*", "id"): "member_id_invalid",
    ("consents", "*", "given_by"): "member_id_invalid",
    ("contact", "phone"): "phone_invalid",
    ("address", "house_number"): "house_number_invalid",
    ("language", "preferred"): "language_invalid",
}
_FORMAT_CODES = {"date": "date_invalid", "email": "email_invalid"}
_SIMPLE_CODES = {
    "maxLength": "too_long",
    "minLength": "too_short",
    "maxItems": "too_many",
    "minItems": "too_few",
}


def _generic(parts: Sequence[str | int]) -> tuple[str, ...]:
    return tuple("*" if isinstance(p, int) else p for p in parts)


def _convert(error: ValidationError, members: _Members) -> list[Issue]:
    parts: list[str | int] = list(error.absolute_path)
    kind = error.validator
    instance = error.instance
    if kind == "required" and isinstance(instance, dict):
        return [
            _issue(members, "required", [*parts, name])
            for name in error.validator_value
            if name not in instance
        ]
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {})
        return [
            _issue(members, "unknown_field", [*parts, key], title_parts=parts, name=key)
            for key in instance
            if key not in known
        ]
    if kind == "type":
        if instance is None and _is_required(parts):
            return [_issue(members, "required", parts)]
        expected = error.validator_value
        if isinstance(expected, list):
            expected = next((t for t in expected if t != "null"), "null")
        return [_issue(members, "wrong_type", parts, expected=expected)]
    if kind == "const" and parts == ["schema_version"]:
        if not isinstance(instance, str):
            return [_issue(members, "wrong_type", parts, expected="string")]
        return [
            _issue(
                members,
                "schema_version_unsupported",
                parts,
                value=str(instance)[:20],
                supported=SCHEMA_VERSION,
            )
        ]
    if kind in ("enum", "const"):
        return [_issue(members, "not_allowed", parts)]
    if kind == "pattern":
        return [_issue(members, _PATTERN_CODES.get(_generic(parts), "format_invalid"), parts)]
    if kind == "format":
        return [_issue(members, _FORMAT_CODES.get(error.validator_value, "invalid"), parts)]
    if kind == "minimum":
        code = "number_negative" if error.validator_value == 0 else "number_too_low"
        return [_issue(members, code, parts, limit=error.validator_value)]
    if kind in _SIMPLE_CODES:
        return [_issue(members, _SIMPLE_CODES[kind], parts, limit=error.validator_value)]
    return [_issue(members, "invalid", parts)]


def _schema_issues(data: Any, members: _Members) -> list[Issue]:
    errors = sorted(
        _validator().iter_errors(data),
        key=lambda e: [f"{p:06d}" if isinstance(p, int) else p for p in e.absolute_path],
    )
    issues: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    for error in errors:
        # jsonschema reports a missing property once per absent name, and each report lists
        # every absent name: say each (field, problem) once, not once per report.
        for issue in _convert(error, members):
            if (issue.path, issue.code) not in seen:
                seen.add((issue.path, issue.code))
                issues.append(issue)
    return issues


# --- Validation: semantic rules ----------------------------------------------------------

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

#: Which relations fit which role; null always fits (unknown is not false).
_RELATIONS_FOR_ROLE: dict[str, frozenset[str]] = {
    "applicant": frozenset({"self"}),
    "partner": frozenset({"partner"}),
    "child": frozenset({"child", "stepchild", "foster_child", "sibling", "other"}),
    "other": frozenset({"child", "stepchild", "foster_child", "parent", "sibling"})
    | frozenset({"grandparent", "other"}),
}


def _parse_date(value: Any) -> date | None:
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Rules:
    """The semantic rules, each a method yielding issues. Order is the order of the docs."""

    def __init__(self, data: dict[str, Any], today: date, members: _Members) -> None:
        self.data = data
        self.today = today
        self.m = members
        self.members = [(i, m) for i, m in enumerate(members.items) if isinstance(m, dict)]

    def issue(self, code: str, parts: Sequence[str | int], **kwargs: Any) -> Issue:
        return _issue(self.m, code, parts, **kwargs)

    def _with_role(self, role: str) -> list[int]:
        return [i for i, m in self.members if m.get("role") == role]

    def _born(self, index: int) -> date | None:
        born = _parse_date(self.m.items[index].get("birth_date"))
        if born is None or born > self.today or _age(born, self.today) > MAX_AGE_YEARS:
            return None
        return born

    def all(self) -> Iterator[Issue]:
        for rule in (
            self.roles,
            self.relations,
            self.member_ids,
            self.bsns,
            self.birth_dates,
            self.children,
            self.applicant_age,
            self.address,
            self.contact,
            self.language,
            self.numbers,
            self.school,
            self.household_consistency,
            self.consents,
        ):
            yield from rule()

    def roles(self) -> Iterator[Issue]:
        applicants = self._with_role("applicant")
        if self.members and not applicants:
            yield self.issue("applicant_missing", ["members"])
        for index in applicants[1:]:
            yield self.issue("applicant_duplicate", ["members", index, "role"])
        for index in self._with_role("partner")[1:]:
            yield self.issue("partner_duplicate", ["members", index, "role"])

    def relations(self) -> Iterator[Issue]:
        for index, member in self.members:
            role, relation = member.get("role"), member.get("relation")
            allowed = _RELATIONS_FOR_ROLE.get(role) if isinstance(role, str) else None
            if allowed is not None and isinstance(relation, str) and relation not in allowed:
                yield self.issue("relation_mismatch", ["members", index, "relation"])

    def member_ids(self) -> Iterator[Issue]:
        first: dict[str, int] = {}
        for index, member in self.members:
            member_id = member.get("id")
            if not isinstance(member_id, str):
                continue
            if member_id in first:
                yield self.issue(
                    "member_id_duplicate", ["members", index, "id"], other=first[member_id]
                )
            else:
                first[member_id] = index

    def bsns(self) -> Iterator[Issue]:
        first: dict[str, int] = {}
        for index, member in self.members:
            value = member.get("bsn")
            parts = ["members", index, "bsn"]
            if value is None:
                channel = self.data.get("channel")
                if (
                    member.get("role") == "applicant"
                    and isinstance(channel, str)
                    and channel in CHANNELS_WITH_BSN
                ):
                    yield self.issue("bsn_missing", parts, severity=WARNING)
                continue
            if not isinstance(value, str):
                continue
            problem = bsn_problem(value)
            if problem is not None:
                yield self.issue(problem, parts)
            else:
                compact = normalise_bsn(value)
                if compact in first:
                    yield self.issue("bsn_duplicate", parts, other=first[compact])
                else:
                    first[compact] = index

    def birth_dates(self) -> Iterator[Issue]:
        for index, member in self.members:
            born = _parse_date(member.get("birth_date"))
            if born is None:
                continue
            parts = ["members", index, "birth_date"]
            if born > self.today:
                yield self.issue("birth_date_future", parts)
            elif _age(born, self.today) > MAX_AGE_YEARS:
                yield self.issue("birth_date_too_old", parts, max_age=MAX_AGE_YEARS)

    def children(self) -> Iterator[Issue]:
        parents = [
            ("child_older_than_applicant", self._with_role("applicant")[:1]),
            ("child_older_than_partner", self._with_role("partner")[:1]),
        ]
        for index in self._with_role("child"):
            born = self._born(index)
            if born is None:
                continue
            for code, parent in parents:
                if not parent:
                    continue
                parent_born = self._born(parent[0])
                if parent_born is not None and born < parent_born:
                    yield self.issue(code, ["members", index, "birth_date"], other=parent[0])

    def applicant_age(self) -> Iterator[Issue]:
        for index in self._with_role("applicant")[:1]:
            born = self._born(index)
            if born is not None and _age(born, self.today) < MIN_APPLICANT_AGE:
                yield self.issue(
                    "applicant_under_16",
                    ["members", index, "birth_date"],
                    severity=WARNING,
                    min_age=MIN_APPLICANT_AGE,
                )

    def address(self) -> Iterator[Issue]:
        address = self.data.get("address")
        if address is not None and not isinstance(address, dict):
            return
        address = address or {}
        no_fixed_address = address.get("no_fixed_address") is True
        postcode = address.get("postcode")
        if isinstance(postcode, str):
            if not is_valid_postcode(postcode):
                yield self.issue("postcode_invalid", ["address", "postcode"])
        elif postcode is None and not no_fixed_address:
            yield self.issue("postcode_missing", ["address", "postcode"])
        if address.get("house_number") is None and not no_fixed_address:
            yield self.issue("house_number_missing", ["address", "house_number"])

    def contact(self) -> Iterator[Issue]:
        contact = self.data.get("contact")
        if not isinstance(contact, dict):
            return
        email = contact.get("email")
        if isinstance(email, str) and not is_valid_email(email):
            yield self.issue("email_invalid", ["contact", "email"])
        channel = contact.get("preferred_channel")
        for wanted, key in (("email", "email"), ("phone", "phone")):
            if channel == wanted and contact.get(key) is None:
                yield self.issue(
                    "contact_detail_missing", ["contact", key], severity=WARNING, variant=wanted
                )

    def language(self) -> Iterator[Issue]:
        language = self.data.get("language")
        if (
            isinstance(language, dict)
            and language.get("interpreter_needed") is True
            and language.get("preferred") is None
        ):
            yield self.issue("language_missing", ["language", "preferred"], severity=WARNING)

    def _numbers(self) -> Iterator[tuple[list[str | int], Any]]:
        household = self.data.get("household")
        for fact in answered_facts():
            if fact.type != "number":
                continue
            if fact.scope == "household":
                domain = household.get(fact.domain) if isinstance(household, dict) else None
                if isinstance(domain, dict) and _is_number(domain.get(fact.name)):
                    yield ["household", fact.domain, fact.name], domain[fact.name]
            else:
                for index, member in self.members:
                    domain = member.get(fact.domain) if fact.domain else member
                    if isinstance(domain, dict) and _is_number(domain.get(fact.name)):
                        yield ["members", index, fact.domain, fact.name], domain[fact.name]

    def numbers(self) -> Iterator[Issue]:
        for parts, value in self._numbers():
            problem = amount_problem(value)
            if problem is not None:
                yield self.issue(problem, parts)

    def school(self) -> Iterator[Issue]:
        for index, member in self.members:
            school = member.get("school")
            if not isinstance(school, dict):
                continue
            hours = school.get("absence_hours_last_4_weeks")
            if _is_number(hours) and math.isfinite(hours) and hours > MAX_ABSENCE_HOURS_4_WEEKS:
                yield self.issue(
                    "absence_hours_too_many",
                    ["members", index, "school", "absence_hours_last_4_weeks"],
                    max_hours=MAX_ABSENCE_HOURS_4_WEEKS,
                )
            born = self._born(index)
            says_school = any(
                value is not None
                and not (key == "type" and value == "none")
                and not (key == "enrolled" and value is False)
                for key, value in school.items()
            )
            if says_school and born and _age(born, self.today) > SCHOOL_AGE_WARNING_ABOVE:
                yield self.issue(
                    "school_for_adult",
                    ["members", index, "school"],
                    severity=WARNING,
                    max_age=SCHOOL_AGE_WARNING_ABOVE,
                )

    def household_consistency(self) -> Iterator[Issue]:
        household = self.data.get("household")
        if not isinstance(household, dict):
            return
        debts = household.get("debts")
        if isinstance(debts, dict) and debts.get("has_debts") is False:
            amount = debts.get("debt_amount")
            if _is_number(amount) and amount > 0:
                yield self.issue(
                    "debt_amount_without_debts",
                    ["household", "debts", "debt_amount"],
                    severity=WARNING,
                )
        housing = household.get("housing")
        if (
            isinstance(housing, dict)
            and housing.get("must_leave_home") is False
            and housing.get("weeks_until_leaving") is not None
        ):
            yield self.issue(
                "leaving_weeks_without_leaving",
                ["household", "housing", "weeks_until_leaving"],
                severity=WARNING,
            )

    def consents(self) -> Iterator[Issue]:
        consents = self.data.get("consents")
        if not isinstance(consents, list):
            return
        ids = {m.get("id") for _, m in self.members if isinstance(m.get("id"), str)}
        seen: set[str] = set()
        for index, consent in enumerate(consents):
            if not isinstance(consent, dict):
                continue
            purpose = consent.get("purpose")
            if isinstance(purpose, str):
                if purpose in seen:
                    yield self.issue(
                        "consent_duplicate",
                        ["consents", index, "purpose"],
                        title_parts=["consents", index],
                        purpose=purpose,
                    )
                seen.add(purpose)
            given_by = consent.get("given_by")
            if isinstance(given_by, str) and given_by not in ids:
                yield self.issue(
                    "consent_member_unknown",
                    ["consents", index, "given_by"],
                    title_parts=["consents", index],
                    member_id=given_by,
                )
            given_on = _parse_date(consent.get("given_on"))
            if given_on is not None and given_on > self.today:
                yield self.issue(
                    "consent_date_future",
                    ["consents", index, "given_on"],
                    title_parts=["consents", index],
                )


def validate_intake(data: Any, today: date | None = None) -> list[Issue]:
    """All issues with ``data``: JSON Schema first, then the semantic rules.

    ``data`` is judged as :func:`normalise_intake` would clean it (so ``"1234 ab"`` is a good
    postcode); store the normalised copy, or use :func:`check_intake` which returns it. An
    empty list means valid; warnings (``severity == "warning"``) do not make it invalid, see
    :func:`has_errors`. ``today`` is the date birth dates are judged against (default: today).
    """
    today = today or date.today()
    cleaned = normalise_intake(data)
    members = _Members(cleaned)
    issues = _schema_issues(cleaned, members)
    if not isinstance(cleaned, dict):
        return issues
    taken = {issue.path for issue in issues}
    for issue in _Rules(cleaned, today, members).all():
        if issue.path not in taken:
            taken.add(issue.path)
            issues.append(issue)
    return issues


# --- Migration ---------------------------------------------------------------------------

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: from_version -> (to_version, step). A step gets a deep copy and returns the upgraded
#: document; ``schema_version`` is set to ``to_version`` after it.
MIGRATIONS: dict[str, tuple[str, Migration]] = {}


class MigrationError(ValueError):
    """A stored intake cannot be brought to the current schema version."""

    def __init__(self, message: str, version: Any = None) -> None:
        super().__init__(message)
        self.version = version


def register_migration(from_version: str, to_version: str) -> Callable[[Migration], Migration]:
    """Decorator: register the step that upgrades ``from_version`` to ``to_version``."""

    def decorate(step: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"a migration from schema_version {from_version} already exists")
        MIGRATIONS[from_version] = (to_version, step)
        return step

    return decorate


def _version_key(version: str) -> tuple[int, ...] | None:
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)*", version):
        return None
    return tuple(int(part) for part in version.split("."))


def migrate_intake(
    data: Mapping[str, Any],
    *,
    migrations: Mapping[str, tuple[str, Migration]] | None = None,
) -> dict[str, Any]:
    """Upgrade a stored intake to :data:`SCHEMA_VERSION`, one registered step at a time.

    Returns a new dict (the input is not changed). Raises :class:`MigrationError` for a
    document without a version, with a version newer than this software, or with a version
    no chain of steps leads from. ``migrations`` replaces the registry (for tests).
    """
    steps = MIGRATIONS if migrations is None else migrations
    if not isinstance(data, Mapping):
        raise MigrationError("an intake must be a JSON object")
    document = copy.deepcopy(dict(data))
    version = document.get("schema_version")
    if not isinstance(version, str):
        raise MigrationError("the intake has no schema_version (a string such as '1.0')", version)
    current = _version_key(SCHEMA_VERSION)
    seen: set[str] = set()
    while version != SCHEMA_VERSION:
        key = _version_key(version)
        if key is not None and current is not None and key > current:
            raise MigrationError(
                f"schema_version {version} is newer than this software knows "
                f"({SCHEMA_VERSION}); upgrade Eén loket",
                version,
            )
        if version in seen:
            raise MigrationError(f"the migrations loop at schema_version {version}", version)
        if version not in steps:
            raise MigrationError(
                f"unknown schema_version {version}: no migration to {SCHEMA_VERSION}", version
            )
        seen.add(version)
        to_version, step = steps[version]
        document = step(copy.deepcopy(document))
        document["schema_version"] = to_version
        version = to_version
    return document


def check_intake(data: Any, today: date | None = None) -> tuple[Any, list[Issue]]:
    """Migrate, normalise and validate: what the API and the CLI do with an incoming intake.

    Returns the document to store and its issues. A version that cannot be migrated becomes a
    ``schema_version_unsupported`` issue instead of an exception.
    """
    document = data
    if isinstance(data, Mapping):
        try:
            document = migrate_intake(data)
        except MigrationError:
            document = data
    cleaned = normalise_intake(document)
    return cleaned, validate_intake(cleaned, today)


# --- Command line ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m forms.contract intake.json``: print the issues in Dutch; exit 1 on errors."""
    parser = argparse.ArgumentParser(description="Controleer een intake (JSON).")
    parser.add_argument("file", help="het intake-bestand (JSON)")
    parser.add_argument("--today", type=date.fromisoformat, help="peildatum, jjjj-mm-dd")
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8") as handle:
        data = json.load(handle)
    _, issues = check_intake(data, args.today)
    for issue in issues:
        label = "fout" if issue.is_error else "let op"
        print(f"{label}: {issue.dotted_path or '(intake)'} [{issue.code}] {issue.message}")
    if not issues:
        print("De intake is in orde.")
    return 1 if has_errors(issues) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
