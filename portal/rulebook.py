"""The rulebook: the portal's handle on the encoded verordening, loaded once per app at start-up
and read by every layer above (intake, caseload, plans, pages)."""

from __future__ import annotations

from datetime import date

from flask import Flask, current_app

from verordening import load_verordeningen

EXTENSION_KEY = "verordening_registry"


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = load_verordeningen(app.config.get("VERORDENING_PATH"))


def registry():
    return current_app.extensions[EXTENSION_KEY]


def in_force(as_of: date | None = None):
    """The verordening version in force on `as_of` (today by default)."""
    return registry().for_date(as_of or date.today())
