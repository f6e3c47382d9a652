"""The BSN (burgerservicenummer): normalise and check with python-stdnum.

A BSN has 9 digits and passes the 11-check. Older documents sometimes show 8 digits: the
leading zero was dropped. We accept those and pad them to 9. Spaces, dots and dashes that people
type between groups of digits are removed.
"""

from __future__ import annotations

import re

from stdnum.nl import bsn as _stdnum_bsn


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
