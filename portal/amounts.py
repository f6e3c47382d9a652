"""Amounts of money typed by people or read from a file, in Dutch notation, as whole cents.

    parse_euros("2.450,50") -> 245050        (None when it is not an amount)
    read_amount("-12,50")   -> Amount(None, "negative")

One parser for every form and import that takes euros (the plan's costs, the household budget):
"2.450,50", "2.450", "€ 2450", "2450.5" and "2450" are all understood; a dot with exactly three
digits after it and no comma is a Dutch thousands separator. Never a float: cents are integers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Nothing we book comes near this: one million euros. Above it is a typo (or an attack).
MAX_CENTS = 1_000_000_00


class Amount(NamedTuple):
    cents: int | None
    problem: str | None  # None | "empty" | "not_amount" | "negative" | "zero" | "too_large"


def _cents(value: str) -> int | None:
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
        value = value.replace(".", "")  # Dutch thousands: "2.450" is two thousand four hundred
    whole, _, part = value.partition(".")
    if not whole.isascii() or not whole.isdigit():
        return None
    if part and (not part.isascii() or not part.isdigit() or len(part) > 2):
        return None
    if len(whole) > 15:
        return None
    return int(whole) * 100 + int((part + "00")[:2] if part else 0)


def read_amount(text: object, *, maximum: int = MAX_CENTS, allow_zero: bool = False) -> Amount:
    """An amount in cents, or why it is not one (for a clear message per field or CSV line)."""
    value = (text if isinstance(text, str) else "").strip()
    value = value.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if not value:
        return Amount(None, "empty")
    negative = value.startswith(("-", "\u2212")) or value.endswith("-")
    cents = _cents(value.strip("-\u2212"))
    if cents is None:
        return Amount(None, "not_amount")
    if negative and cents:
        return Amount(None, "negative")
    if cents == 0 and not allow_zero:
        return Amount(None, "zero")
    if cents > maximum:
        return Amount(None, "too_large")
    return Amount(cents, None)


def parse_euros(text: str | None) -> int | None:
    """'2.450,50' / '2.450' / '€ 2450' / '2450.5' / '2450' → cents; None when it is not an
    amount (empty, negative, or above one hundred million euros)."""
    found = read_amount(text or "", maximum=100_000_000_00, allow_zero=True)
    return found.cents
