"""The resident's intake: start, one page at a time, save and resume, check, submit, confirm.

Routes live in one module per part of the journey; `journey` works out which page comes next.
"""

from __future__ import annotations

from flask import Blueprint

# cli_group=None: the command is `flask --app portal purge-drafts`, not `flask intake ...`.
bp = Blueprint("intake", __name__, url_prefix="/aanvraag", cli_group=None)

from portal.intake import (  # noqa: E402, F401
    check,
    cli,
    confirmation,
    errors,
    filters,
    first_result,
    start,
    steps,
)
