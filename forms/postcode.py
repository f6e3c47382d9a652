"""Dutch postcodes: normalise, check and format.

A Dutch postcode is 4 digits, the first not 0, followed by 2 letters. PostNL does not issue
the letter pairs SA, SD and SS. We store the compact form ``1234AB`` and show ``1234 AB``.
"""

from __future__ import annotations

import re

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
