"""Error pages in the product's look and the page's language, each with a way back (issue #14).
Werkzeug's bare English pages ("500 Internal Server Error") are never shown. A database outage
is a 503 that says to try again in a few minutes and that what was typed in the browser is still
in the form (Back), and the resident's intake draft is saved per page anyway."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from portal.api import problems
from portal.extensions import db
from portal.main.views import bp

API_PREFIX = "/api/"

MESSAGES = {
    400: (
        lambda: _("Dit verzoek klopt niet"),
        lambda: _("Wij begrijpen wat er werd verstuurd niet. Ga terug en probeer het opnieuw."),
    ),
    403: (
        lambda: _("U mag deze pagina niet zien"),
        lambda: _("Deze pagina is niet voor u. Denkt u dat dit niet klopt? Bel de gemeente."),
    ),
    404: (
        lambda: _("Deze pagina bestaat niet"),
        lambda: _("Controleer het adres, of ga naar de startpagina."),
    ),
    405: (
        lambda: _("Dit kan zo niet"),
        lambda: _("Deze pagina werkt niet op deze manier. Ga terug en gebruik de knoppen."),
    ),
    429: (
        lambda: _("Even wachten"),
        lambda: _("Er kwamen te veel verzoeken na elkaar. Wacht een paar minuten."),
    ),
    500: (
        lambda: _("Er ging iets mis bij ons"),
        lambda: _(
            "Dit is onze fout, niet de uwe. Ga terug: wat u invulde staat daar meestal nog. "
            "Probeer het over een paar minuten opnieuw."
        ),
    ),
    503: (
        lambda: _("De website is even niet bereikbaar"),
        lambda: _(
            "Probeer het over een paar minuten opnieuw. Ga terug: wat u invulde staat daar nog. "
            "Een aanvraag die u al begon, bewaren wij per pagina."
        ),
    ),
}


def _page(status: int):
    title, text = MESSAGES.get(status, MESSAGES[500])
    return render_template(
        "main/error.html", status=status, title=title(), text=text(), path=request.path
    ), status


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    if request.path.startswith(API_PREFIX):
        # an address under /api/v1 that matches no route (404) or not with this method (405):
        # the API's own errors are handled in its blueprint; systems get problem+json here too
        return problems.from_http_error(error)
    if error.code in MESSAGES and error.code not in (413,):
        return _page(error.code)
    return error  # 413 and the intake's own pages keep their handlers


@bp.app_errorhandler(OperationalError)
def database_down(error: OperationalError):
    current_app.logger.error("database unavailable: %s", error.__class__.__name__)
    db.session.rollback()
    return _page(503)


@bp.app_errorhandler(500)
def unexpected(error):
    """Only in production: in development and tests an exception propagates with its trace."""
    db.session.rollback()
    return _page(500)
