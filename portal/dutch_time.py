"""The Netherlands' clock. Moments are stored in UTC; the dates the law counts (the day an
intake was filed, ages, terms) and the dates people read are those in Europe/Amsterdam, so
23:30 UTC on a winter evening is already the next day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def aware(moment: datetime) -> datetime:
    """A stored moment with its zone: SQLite returns them naive, meaning UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def dutch_date(value: date | datetime) -> date:
    """The date in the Netherlands of a moment (aware, or naive meaning UTC, as SQLite returns
    them); a plain date stays as it is."""
    if not isinstance(value, datetime):
        return value
    return aware(value).astimezone(AMSTERDAM).date()
