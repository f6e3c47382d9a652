"""The Netherlands' clock. Moments are stored in UTC; the dates the law counts (the day an
intake was filed, ages, terms) and the dates people read are those in Europe/Amsterdam, so
23:30 UTC on a winter evening is already the next day.

The portal's date helpers live here, one copy each: today, a moment's date, an age, an ISO
date read from stored JSON or a form, a moment written as ISO text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from portal import clock

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def aware(moment: datetime) -> datetime:
    """A stored moment with its zone: SQLite returns them naive, meaning UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def dutch_date(value: date | datetime) -> date:
    """The date in the Netherlands of a moment (aware, or naive meaning UTC, as SQLite returns
    them); a plain date stays as it is. Also the day of submission as the law counts it."""
    if not isinstance(value, datetime):
        return value
    return aware(value).astimezone(AMSTERDAM).date()


def today() -> date:
    """Today in the Netherlands, by the app's clock (ages, and so the Jeugdwet 16+ rule, turn
    at Dutch midnight; what is overdue on the caseload too)."""
    return dutch_date(clock.now())


def age_on(birth_date: date | None, day: date) -> int | None:
    """Full years on `day`; None when the birth date is not known."""
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def parse_date(value: date | str | None) -> date | None:
    """An ISO date as stored in JSON or typed in a form; a date stays as it is; anything
    unreadable is None (a page shows nothing rather than failing)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def iso(value: date | datetime | None) -> str | None:
    """A date as YYYY-MM-DD, a moment as ISO text in UTC (naive meaning UTC), None as None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return aware(value).astimezone(UTC).isoformat()
    return value.isoformat()
