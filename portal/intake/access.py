"""Which draft a request works on, and the redirects when there is none."""

from __future__ import annotations

from functools import wraps

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _

from portal.drafts import OPEN, SUBMITTED
from portal.intake import store


def with_open_draft(view):
    """Run `view` with `g.draft` (this browser's open draft); otherwise send the resident to
    the start page or to their confirmation, with a message."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        draft = store.current()
        if draft is None:
            flash(
                _(
                    "Wij konden uw formulier niet vinden. Misschien was u te lang weg. "
                    "Heeft u een code gekregen? Ga dan verder met uw code."
                ),
                "warning",
            )
            return redirect(url_for("intake.start"), code=303)
        if draft.status == SUBMITTED:
            flash(_("U heeft uw aanvraag al verstuurd. Hieronder ziet u uw bevestiging."), "info")
            return redirect(url_for("intake.confirmation"), code=303)
        if draft.status != OPEN:
            return redirect(url_for("intake.confirmation"), code=303)
        g.draft = draft
        return view(*args, **kwargs)

    return wrapper
