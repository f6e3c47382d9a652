"""Secondary suppression: a small number hidden as "<5" must not come back by subtraction.

When a group of counts has a total that is shown (a month's intakes over its channels, every
intake over the kinds of question) and exactly one count of the group is hidden as small, the
total minus the other counts would give it away. The smallest other count of the group is then
hidden too, shown as "x" (hidden to protect another cell, not small itself), as statistics
offices do. With two hidden cells only their sum can be worked out, never the small one.
"""

from __future__ import annotations

from portal.insight.figures import SMALL, cell, shown

#: A count hidden so that a small count beside it cannot be worked out (not small itself).
PROTECTED = "x"


def is_small(n: int | None) -> bool:
    return n is not None and 0 < n < SMALL


def complementary(counts: list[int | None], total_shown: bool = True) -> set[int]:
    """The places of the counts to hide besides the small ones, so that none of the small
    ones follows from the total and the rest."""
    small = [i for i, n in enumerate(counts) if is_small(n)]
    if not total_shown or len(small) != 1:
        return set()  # none small, or two or more: only their sum is known
    others = [(n, i) for i, n in enumerate(counts) if i not in small and n]
    if not others:
        return set()  # the total is the small count itself, and hidden as small too
    return {min(others)[1]}


def protected(counts: list[int | None], total_shown: bool = True) -> list[tuple[str, int | None]]:
    """Each count as (text in a table, value a chart may draw): "<5" for a small one, "x" for
    one hidden to protect it; neither is drawn."""
    hidden = complementary(counts, total_shown)
    return [(PROTECTED, None) if i in hidden else (cell(n), shown(n)) for i, n in enumerate(counts)]


def cells(counts: list[int | None], total_shown: bool = True) -> list[str]:
    """The counts as shown: "<5" for a small one, "x" for one hidden to protect it."""
    return [text for text, _value in protected(counts, total_shown)]
