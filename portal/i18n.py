"""Language choice: the resident's own choice (remembered in a cookie) beats Accept-Language."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from flask import Flask, current_app, request
from flask_babel import format_date, get_locale


def localized(text: dict | str | None) -> str:
    """A bilingual text from the verordening or an evaluation ({"nl": …, "en": …}) in the
    page's language, Dutch when there is no translation; a plain string stays as it is."""
    if isinstance(text, dict):
        return text.get(str(get_locale() or "nl")) or text.get("nl") or ""
    return "" if text is None else str(text)


def explanation_text(explanation: str) -> str:
    """The engine's explanation ends with the answers that counted, named by member id
    (" U gaf aan: …"); pages list those answers themselves, with names, so only the B1 text
    before them is kept."""
    for lead in (" U gaf aan:", " You told us:"):
        explanation = explanation.split(lead)[0]
    return explanation


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(current_app.config["LANGUAGE_COOKIE"])
    if chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(list(languages))
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def _asset_version(app: Flask) -> str:
    """A fingerprint of the stylesheet, so a new build is fetched despite long caching."""
    if "ASSET_VERSION" not in app.config:
        stylesheet = Path(app.static_folder or "") / "css" / "portal.min.css"
        digest = (
            hashlib.sha256(stylesheet.read_bytes()).hexdigest()[:12] if stylesheet.exists() else "0"
        )
        app.config["ASSET_VERSION"] = digest
    return app.config["ASSET_VERSION"]


def format_iso_date(value: str | None) -> str:
    """'2015-05-03' → '3 mei 2015' (in the chosen language); empty stays empty."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(value), "long")
    except ValueError:
        return value


def format_date_long(value: date | datetime | None) -> str:
    """A date, or the date in the Netherlands of a moment stored in UTC (naive means UTC):
    23:30 UTC on 22 November is 23 November (BABEL_DEFAULT_TIMEZONE)."""
    if value is None:
        return ""
    return format_date(value, "long")


def init_app(app: Flask) -> None:
    # Template filters of every page (the intake's, the household file's, the plan's).
    app.add_template_filter(format_iso_date, "format_iso_date")
    app.add_template_filter(format_date_long, "format_date_long")

    @app.context_processor
    def language_context() -> dict:
        return {
            "current_language": str(get_locale()),
            "languages": app.config["LANGUAGES"],
            "municipality_name": app.config["MUNICIPALITY_NAME"],
            "quick_exit_url": app.config.get("QUICK_EXIT_URL", "https://www.google.nl/"),
            "theme_class": app.config["THEME_CLASS"],
            "asset_version": _asset_version(app),
        }
