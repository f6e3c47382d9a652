"""Checks on one value: BSN, postcode, e-mail address, phone number, house number, amount.

The intake contract (forms/contract.py) and the intake pages' WTForms validators both judge a
value here, so a value the page accepts is one the contract accepts, and the other way round.
Each check answers with a yes/no or a stable problem code; the contract and the pages each say
it in their own words. The phone and house-number patterns are the intake schema's own.

The e-mail rule (one for the whole project): at most 254 characters and exactly one ``@``; the
part before it 1 to 64 characters without spaces, not starting or ending with a dot and
without two dots in a row; the part after it a domain name of at least two labels separated by
single dots, each label letters (any script), digits and inner hyphens, and a last label of at
least two letters (or an ``xn--`` name). So ``anna@example.nl.`` (a trailing dot) is refused:
a mail address has no root dot (RFC 5321's Domain), and a mail server would refuse it.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import lru_cache

from stdnum.nl import bsn as _stdnum_bsn

from catalogue.schema import load_schema

# --- BSN ---------------------------------------------------------------------------------
# A BSN has 9 digits and passes the 11-check. Older documents sometimes show 8 digits: the
# leading zero was dropped. We accept those and pad them to 9. Spaces, dots and dashes that
# people type between groups of digits are removed.


def normalise_bsn(value: str) -> str:
    """``"1234.56.782"`` → ``"123456782"``; 8 digits get a leading zero.

    Unlike ``stdnum.nl.bsn.compact`` we do not pad shorter numbers: 7 digits are an error,
    not a BSN with two zeros lost.
    """
    compact = re.sub(r"[\s.\-]", "", value)
    if len(compact) == 8 and compact.isdigit():
        compact = "0" + compact
    return compact


def has_nine_digits(value: str) -> bool:
    """True when the normalised value is exactly 9 digits (0-9 only)."""
    return re.fullmatch(r"[0-9]{9}", normalise_bsn(value)) is not None


def is_valid_bsn(value: str) -> bool:
    """True when the normalised value has 9 digits and passes the 11-check."""
    compact = normalise_bsn(value)
    return has_nine_digits(compact) and _stdnum_bsn.is_valid(compact)


def bsn_problem(value: str) -> str | None:
    """None for a good BSN; else "bsn_not_9_digits" or "bsn_invalid" (the 11-check fails).

    The 11-check only means something for 9 digits, so that is asked second."""
    if not has_nine_digits(value):
        return "bsn_not_9_digits"
    if not is_valid_bsn(value):
        return "bsn_invalid"
    return None


# --- Postcode ----------------------------------------------------------------------------
# A Dutch postcode is 4 digits, the first not 0, followed by 2 letters. PostNL does not issue
# the letter pairs SA, SD and SS. We store the compact form ``1234AB`` and show ``1234 AB``.

_POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
_FORBIDDEN_LETTERS = frozenset({"SA", "SD", "SS"})


def normalise_postcode(value: str) -> str:
    """``" 1234 ab "`` → ``"1234AB"``: strip, remove inner spaces, upper-case.

    Anything that still is not a postcode is returned cleaned but otherwise unchanged, so a
    validator can report it.
    """
    return re.sub(r"\s+", "", value).upper()


def is_valid_postcode(value: str) -> bool:
    """True for a (normalised or not) Dutch postcode such as ``1234AB`` or ``1234 ab``."""
    compact = normalise_postcode(value)
    return bool(_POSTCODE.match(compact)) and compact[4:] not in _FORBIDDEN_LETTERS


def format_postcode(value: str) -> str:
    """``"1234ab"`` → ``"1234 AB"`` for display; other text is returned unchanged."""
    compact = normalise_postcode(value)
    if is_valid_postcode(compact):
        return f"{compact[:4]} {compact[4:]}"
    return value


# --- E-mail ------------------------------------------------------------------------------

EMAIL_MAX_LENGTH = 254
_LOCAL_MAX_LENGTH = 64
_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")
_TOP_LABEL = re.compile(r"[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59}", re.IGNORECASE)


def is_valid_email(value: str) -> bool:
    """The project's one e-mail rule (see the module's text)."""
    if len(value) > EMAIL_MAX_LENGTH or value.count("@") != 1:
        return False
    local, domain = value.split("@")
    if not 0 < len(local) <= _LOCAL_MAX_LENGTH or re.search(r"\s", local):
        return False
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return False
    labels = domain.split(".")
    if len(labels) < 2 or not _TOP_LABEL.fullmatch(labels[-1]):
        return False
    return all(_LABEL.fullmatch(label) and "_" not in label for label in labels[:-1])


# --- Phone and house number: the schema's own patterns ----------------------------------


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    properties = load_schema()["properties"]
    return {
        "phone": re.compile(properties["contact"]["properties"]["phone"]["pattern"]),
        "house_number": re.compile(properties["address"]["properties"]["house_number"]["pattern"]),
    }


def is_valid_phone(value: str) -> bool:
    """Digits, spaces, brackets and dashes, an optional + first: 6 to 20 characters."""
    return _patterns()["phone"].match(value) is not None


def is_valid_house_number(value: str) -> bool:
    """Only the number (1 to 99999): a letter or other sign belongs to the addition."""
    return _patterns()["house_number"].match(value) is not None


# --- Amounts (euros, hours, weeks, km) ---------------------------------------------------


def amount_problem(value: float | int | Decimal, maximum: float | None = None) -> str | None:
    """None for a usable amount; else "number_not_finite", "number_negative" or
    "number_too_large" (above ``maximum``, when one is given)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "number_not_finite"
    if isinstance(value, Decimal) and not value.is_finite():
        return "number_not_finite"
    if value < 0:
        return "number_negative"
    if maximum is not None and value > maximum:
        return "number_too_large"
    return None
