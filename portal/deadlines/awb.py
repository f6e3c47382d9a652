"""The Awb rules of deadlines kept, as plain functions of dates (no database, no Flask).

Every value cites its source; the status key is legal-facts.md's: V = read in the law text,
S = secondary sources only.

**Extension (Awb 4:14).** When a decision cannot be given in time, the body tells the applicant
*before the term ends* and names a new term: "zo kort mogelijk" for a statutory term (lid 1),
"redelijk" when the law sets none and 8 weeks (4:13) would be passed (lid 3). [V, Awb 4:14 as
read in the 2017 text, legal-facts-2.md 7.2; unchanged in the versions seen since.] The Awb
sets **no maximum** for the new term. An extension recorded after the term ended is refused:
the term has then been exceeded and the applicant may already send an ingebrekestelling
(4:17); a late notice does not undo that. The portal caps the new term at
`AWB_EXTENSION_MAX_WEEKS` (default 8) after the current date: **a local choice, not law**, so
"as short as possible" is not read as "any date".

**Dwangsom (Awb 4:17).** Per day the body is in default, at most 42 days (lid 1; the Algemene
termijnenwet does not apply to those 42 days); €23 a day for the first 14 days, €35 for the next
14, €45 after that (lid 2), so at most €1,442; the first day is the day two weeks have passed
after the term ended *and* the written ingebrekestelling was received (lid 3). [The amounts:
read on pgawb.nl, explore.law ("laatste versie") and inview.nl (version 1 Jan 2019 - 1 Jan
2026), all €23/€35/€45: **the version in force from 1 Jan 2026 is not verified** — explore.law
flags a change on that date, probably the reference in lid 4 to electronic traffic (Wet
modernisering elektronisch bestuurlijk verkeer, Stb. 2023, 183), legal-facts-2.md 7.1.] The
day count is our reading of lid 3: received on day R, the first day owed is R + 14; the day of
the decision itself is not owed (the body is no longer in default that day) — **not verified**
against case law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

# Awb 4:17 lid 2 and lid 1 (see the module's docstring for the status)
DWANGSOM_TIERS: tuple[tuple[int, Decimal], ...] = (
    (14, Decimal("23")),
    (14, Decimal("35")),
    (14, Decimal("45")),
)
DWANGSOM_MAX_DAYS = 42
DWANGSOM_WAIT = timedelta(days=14)  # 4:17 lid 3: two weeks after receipt
DWANGSOM_SOURCE = "Awb 4:17 lid 1–3"
EXTENSION_SOURCE = "Awb 4:14 lid 1 en 3"
DEFAULT_MAX_EXTENSION_WEEKS = 8  # local choice, not law (the Awb sets no maximum)

# Why an extension or an ingebrekestelling is refused (the pages say it in words)
TOO_LATE = "too_late"  # the term has already ended
NOT_LATER = "not_later"  # the new date is not after the current one
TOO_LONG = "too_long"  # beyond the local cap
NOT_RUNNING = "not_running"  # decided already, or no term
PREMATURE = "premature"  # an ingebrekestelling received while the term still ran
FUTURE = "future"  # a date of receipt in the future
DUPLICATE = "duplicate"  # a running clock for this outcome exists


class Refused(ValueError):
    """The rule refuses it; `str(error)` is one of the codes above."""


def check_extension(
    current_due: date | None,
    new_due: date,
    today: date,
    *,
    running: bool,
    max_weeks: int = DEFAULT_MAX_EXTENSION_WEEKS,
) -> None:
    """Raise `Refused` unless `new_due` may replace `current_due` today (Awb 4:14)."""
    if not running or current_due is None:
        raise Refused(NOT_RUNNING)
    if today > current_due:
        raise Refused(TOO_LATE)
    if new_due <= current_due:
        raise Refused(NOT_LATER)
    if new_due > current_due + timedelta(weeks=max_weeks):
        raise Refused(TOO_LONG)


def check_ingebrekestelling(term_end: date | None, received: date, today: date, *, running: bool):
    """Raise `Refused` unless an ingebrekestelling received on `received` starts a clock: the
    decision is still not taken and its term had ended (4:17 lid 3)."""
    if not running or term_end is None:
        raise Refused(NOT_RUNNING)
    if received > today:
        raise Refused(FUTURE)
    if received <= term_end:
        raise Refused(PREMATURE)


def first_day_owed(term_end: date, received: date) -> date:
    """4:17 lid 3: two weeks after the term ended and the ingebrekestelling was received."""
    return max(term_end, received) + DWANGSOM_WAIT


@dataclass(frozen=True)
class Dwangsom:
    first_day: date
    days: int  # days owed so far (0 before the first day), at most 42
    amount: Decimal  # euro owed so far
    stopped: bool  # a decision stopped the clock
    at_maximum: bool


def amount_for(days: int) -> Decimal:
    """The dwangsom for `days` days in default (4:17 lid 2), capped at 42 days (lid 1)."""
    left, total = min(max(days, 0), DWANGSOM_MAX_DAYS), Decimal(0)
    for tier_days, per_day in DWANGSOM_TIERS:
        used = min(left, tier_days)
        total += used * per_day
        left -= used
    return total


def dwangsom_on(
    day: date, *, term_end: date, received: date, stopped_on: date | None = None
) -> Dwangsom:
    """What is owed on `day` (that day included) for an ingebrekestelling received on
    `received` after the term ended on `term_end`; `stopped_on`: the day of the decision."""
    first = first_day_owed(term_end, received)
    last = day if stopped_on is None else min(day, stopped_on - timedelta(days=1))
    days = min(max((last - first).days + 1, 0), DWANGSOM_MAX_DAYS)
    return Dwangsom(
        first_day=first,
        days=days,
        amount=amount_for(days),
        stopped=stopped_on is not None,
        at_maximum=days == DWANGSOM_MAX_DAYS,
    )
