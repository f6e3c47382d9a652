"""Every error of /api/v1 as `application/problem+json` (RFC 9457), with a Dutch title and
detail (English with Accept-Language: en), never an HTML page and never a bare 500.

`type` is a relative URI to the problem's explanation on the docs page (RFC 9457 allows a URI
reference; it resolves against the request URL to /api/v1/docs#probleem-…)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, json
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

MEDIA_TYPE = "application/problem+json"


class Problem(HTTPException):
    """Raised anywhere in an API view; rendered by the blueprint's error handler."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        extra: dict | None = None,
    ):
        super().__init__(description=detail)
        self.code = status
        self.slug = slug
        self.detail = detail
        self.extra_headers = headers or {}
        self.extra = extra or {}

    def get_response(self, environ=None, scope=None) -> Response:
        return problem_response(
            self.code, self.slug, self.detail, headers=self.extra_headers, extra=self.extra
        )


def titles() -> dict[str, Callable[[], str]]:
    """Per kind of problem: a short title. Also listed on the docs page (its anchors)."""
    return {
        "ongeldig-verzoek": lambda: _("Het verzoek klopt niet"),
        "geen-token": lambda: _("Geen toegang zonder token"),
        "ongeldig-token": lambda: _("Dit token werkt niet"),
        "geen-recht": lambda: _("Dit token mag dit niet"),
        "niet-gevonden": lambda: _("Niet gevonden"),
        "methode-niet-toegestaan": lambda: _("Deze methode kan hier niet"),
        "verkeerd-mediatype": lambda: _("Stuur JSON"),
        "te-groot": lambda: _("Het verzoek is te groot"),
        "ongeldige-aanvraag": lambda: _("De aanvraag klopt niet"),
        "sleutel-hergebruikt": lambda: _("Deze Idempotency-Key hoort bij een ander verzoek"),
        "te-veel-verzoeken": lambda: _("Te veel verzoeken"),
        "niet-beschikbaar": lambda: _("Even niet beschikbaar"),
        "interne-fout": lambda: _("Er ging iets mis bij ons"),
    }


def problem_response(
    status: int,
    slug: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    extra: dict | None = None,
) -> Response:
    title = titles().get(slug, titles()["ongeldig-verzoek"])()
    body = {
        "type": f"/api/v1/docs#probleem-{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        **(extra or {}),
    }
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


# Werkzeug's own exceptions (a route that does not exist, a body over MAX_CONTENT_LENGTH, …)
# in our words.
def from_http_error(error: HTTPException) -> Response:
    if isinstance(error, Problem):
        return error.get_response()
    status = error.code or 500
    slug, detail = {
        400: ("ongeldig-verzoek", lambda: _("Wij begrijpen wat er werd verstuurd niet.")),
        404: ("niet-gevonden", lambda: _("Dit adres bestaat niet in de API.")),
        405: ("methode-niet-toegestaan", lambda: _("Deze methode werkt niet op dit adres.")),
        413: (
            "te-groot",
            lambda: _("Het verzoek is groter dan deze API aanneemt. Stuur minder gegevens."),
        ),
        415: ("verkeerd-mediatype", lambda: _("Stuur de gegevens als application/json.")),
        429: ("te-veel-verzoeken", lambda: _("Wacht even en probeer het dan opnieuw.")),
    }.get(status, ("ongeldig-verzoek", lambda: _("Wij begrijpen wat er werd verstuurd niet.")))
    if status >= 500:
        slug, detail = "interne-fout", lambda: _("Probeer het over een paar minuten opnieuw.")
    headers = {}
    allowed = getattr(error, "valid_methods", None)
    if allowed:
        headers["Allow"] = ", ".join(sorted(allowed))
    return problem_response(status, slug, detail(), headers=headers)
