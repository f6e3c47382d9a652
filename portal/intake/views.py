"""The intake blueprint (`/aanvraag`). Its routes live in one module per part of the journey,
imported at the end so that importing this module gives the whole blueprint."""

from __future__ import annotations

from flask import Blueprint

# cli_group=None: the command is `flask --app portal purge-drafts`, not `flask intake ...`.
bp = Blueprint("intake", __name__, url_prefix="/aanvraag", cli_group=None)

from portal.intake import (  # noqa: E402, F401
    check,
    cli,
    confirmation,
    errors,
    first_result,
    start,
    steps,
)
