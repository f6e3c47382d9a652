"""The Netherlands' clock. Moments are stored in UTC; the dates the law counts (the day an
intake was filed, ages, terms) and the dates people read are those in Europe/Amsterdam, so
23:30 UTC on a winter evening is already the next day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def dutch_date(value: date | datetime) -> date:
    """The date in the Netherlands of a moment (aware, or naive meaning UTC, as SQLite returns
    them); a plain date stays as it is."""
    if not isinstance(value, datetime):
        return value
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(AMSTERDAM).date()
