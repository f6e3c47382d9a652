"""Template filters for the intake pages."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date

from portal.intake.views import bp


@bp.app_template_filter("format_iso_date")
def format_iso_date(value: str | None) -> str:
    """'2015-05-03' → '3 mei 2015' (in the chosen language); empty stays empty."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(value), "long")
    except ValueError:
        return value


@bp.app_template_filter("format_date_long")
def format_date_long(value: date | datetime | None) -> str:
    """A date, or the date in the Netherlands of a moment stored in UTC (naive means UTC):
    23:30 UTC on 22 November is 23 November (BABEL_DEFAULT_TIMEZONE)."""
    if value is None:
        return ""
    return format_date(value, "long")
