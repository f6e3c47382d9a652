"""The routes of /api/v1. Each one is either public (`tokens.public`: the document, the docs
page, anonymous screening) or needs a token with one purpose scope (`tokens.scope_required`);
tests/security/test_route_matrix.py fails on a route with neither."""

from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Any

from flask import Blueprint, current_app, g, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from forms.contract import Issue, normalise_intake, validate_intake
from portal import dutch_time, rulebook
from portal.api import openapi, privacy, throttle
from portal.api.models import ApiSubmission
from portal.api.problems import Problem, from_http_error, problem_response, titles
from portal.api.tokens import SCOPES, audit, public, scope_required
from portal.extensions import csrf, db
from portal.i18n import issue_text
from portal.services import intakes

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Token-authenticated, no cookies: a CSRF token has nothing to protect here.
csrf.exempt(bp)

JSON_TYPES = ("application/json",)


@bp.before_request
def smaller_body_limit():
    # An intake is a few kilobytes; the app-wide 1 MB is for forms. Flask 3.1 reads this per
    # request: a larger body is a 413 before it is read.
    request.max_content_length = current_app.config.get("API_MAX_BODY_BYTES", 64 * 1024)


@bp.after_request
def not_cached(response):
    # answers hold personal data and depend on the token: never kept by a proxy
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.errorhandler(HTTPException)
def http_problem(error: HTTPException):
    db.session.rollback()
    return from_http_error(error)


# Flask tries handlers registered for a status code, at every level, before handlers for an
# exception class: the intake's app-wide 413 page would win over the class handler above.
for _code in (400, 404, 405, 413, 415, 429):
    bp.register_error_handler(_code, http_problem)


@bp.errorhandler(OperationalError)
def database_down(error: OperationalError):
    current_app.logger.error("database unavailable: %s", error.__class__.__name__)
    db.session.rollback()
    return problem_response(
        503, "niet-beschikbaar", _("Probeer het over een paar minuten opnieuw.")
    )


@bp.errorhandler(500)
def unexpected(error):
    """Only in production (in tests an exception propagates, so schemathesis sees it)."""
    db.session.rollback()
    return problem_response(500, "interne-fout", _("Probeer het over een paar minuten opnieuw."))


def _reject_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON; echoing them back would not be either


def json_body() -> Any:
    """The request's JSON; 415 for another content type, 400 when it does not parse."""
    if request.mimetype not in JSON_TYPES:
        raise Problem(415, "verkeerd-mediatype", _("Stuur de gegevens als application/json."))
    raw = request.get_data(cache=True)  # a body over the limit raises 413 here
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):  # bad bytes, bad JSON, or nested beyond reason
        raise Problem(
            400, "ongeldig-verzoek", _("De inhoud is geen geldige JSON (UTF-8).")
        ) from None


def _issue_dict(issue: Issue) -> dict:
    row = issue.to_dict()
    row["message"] = issue_text(issue)
    return row


def checked_intake(data: Any) -> tuple[dict, list[Issue]]:
    """The intake cleaned and checked as the web form's submission is; 422 with every error."""
    if not isinstance(data, dict):
        raise Problem(422, "ongeldige-aanvraag", _("Stuur de intake als één JSON-object."))
    answers = normalise_intake(data)
    issues = validate_intake(answers, today=dutch_time.today())
    errors = [issue for issue in issues if issue.is_error]
    if errors:
        raise Problem(
            422,
            "ongeldige-aanvraag",
            _("De intake klopt niet met het intakecontract. Zie errors."),
            extra={"errors": [_issue_dict(issue) for issue in errors]},
        )
    return answers, [issue for issue in issues if not issue.is_error]


def _plain(value: Any) -> Any:
    """A float that is not a number never reaches a response (it is not JSON)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --- the document and its readable page -------------------------------------------------------


@bp.get("/openapi.json")
@public
def openapi_document():
    return openapi.document()


@bp.get("/docs")
@public
def docs():
    return render_template(
        "api/docs.html",
        document=openapi.document(),
        scopes=SCOPES,
        problems={slug: title() for slug, title in titles().items()},
    )


# --- anonymous screening ------------------------------------------------------------------------


@bp.post("/screening")
@public
def screening():
    throttle.check_screening()
    answers, warnings = checked_intake(json_body())
    evaluation = rulebook.registry().evaluate(answers, dutch_time.today()).to_dict()
    # nothing is stored: no intake, no household, no audit row (there is no one to audit)
    return {
        "evaluation": _plain(json.loads(json.dumps(evaluation, default=str))),
        "warnings": [_issue_dict(issue) for issue in warnings],
    }


# --- intake submission by a partner system ------------------------------------------------------

IDEMPOTENCY_KEY = re.compile(openapi.IDEMPOTENCY_KEY_PATTERN)


def _replay(found: ApiSubmission, body_hash: str):
    if found.body_hash != body_hash:
        raise Problem(
            422,
            "sleutel-hergebruikt",
            _(
                "Deze Idempotency-Key is al gebruikt voor een andere aanvraag. "
                "Gebruik een nieuwe sleutel per aanvraag."
            ),
        )
    audit("read", f"intake:{found.intake_id}:replay", household_id=_household_of(found))
    db.session.commit()
    location = url_for("api.intake_receipt", reference=found.reference)
    return found.response, 201, {"Location": location, "Idempotent-Replayed": "true"}


def _household_of(found: ApiSubmission) -> int | None:
    return (found.response or {}).get("household_id")


@bp.post("/intakes")
@scope_required("intakes:submit")
def submit_intake():
    client = g.api_client
    key = request.headers.get("Idempotency-Key")
    if key is not None and not IDEMPOTENCY_KEY.fullmatch(key):
        raise Problem(
            400,
            "ongeldig-verzoek",
            _("Een Idempotency-Key is 8 tot 200 tekens: letters, cijfers en . _ : -"),
        )
    data = json_body()
    body_hash = hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    if key is not None:
        found = _submission(client.id, key)
        if found is not None:
            return _replay(found, body_hash)
    answers, _warnings = checked_intake(data)
    # A partner is not the front desk: it cannot claim a checked identity document.
    answers["channel"] = "api"
    try:
        # no verified_bsn: a typed BSN proves nothing, the intake never joins a household
        submitted = intakes.submit(answers, commit=False)
    except intakes.IntakeRejected as rejected:  # checked above; kept for a contract change
        db.session.rollback()
        raise Problem(
            422,
            "ongeldige-aanvraag",
            _("De intake klopt niet met het intakecontract. Zie errors."),
            extra={"errors": [_issue_dict(issue) for issue in rejected.issues]},
        ) from None
    intake = submitted.intake
    receipt = _plain(
        json.loads(
            json.dumps(
                {
                    "reference": intake.reference,
                    "submitted_at": privacy.moment(intake.submitted_at),
                    "triage": intake.triage,
                    "household_id": submitted.household.id,
                    "evaluation": intake.evaluation,
                },
                default=str,
            )
        )
    )
    db.session.add(
        ApiSubmission(
            client_id=client.id,
            intake_id=intake.id,
            reference=intake.reference,
            idempotency_key=key,
            body_hash=body_hash,
            response=receipt,
        )
    )
    audit("change", f"intake:{intake.id}", household_id=submitted.household.id)
    try:
        db.session.commit()
    except IntegrityError:
        # the same key, sent twice at once: the other request filed it; answer as it did
        db.session.rollback()
        found = _submission(client.id, key) if key is not None else None
        if found is None:
            raise
        return _replay(found, body_hash)
    location = url_for("api.intake_receipt", reference=intake.reference)
    return receipt, 201, {"Location": location}


def _submission(client_id: int, key: str) -> ApiSubmission | None:
    return db.session.scalars(
        select(ApiSubmission).where(
            ApiSubmission.client_id == client_id, ApiSubmission.idempotency_key == key
        )
    ).first()


@bp.get("/intakes/<reference>")
@scope_required("intakes:submit")
def intake_receipt(reference: str):
    """Only an intake this client filed: another's answers 404, as an unknown one."""
    found = db.session.scalars(
        select(ApiSubmission)
        .where(ApiSubmission.client_id == g.api_client.id, ApiSubmission.reference == reference)
        .order_by(ApiSubmission.id)
    ).first()
    if found is None:
        audit("refused", f"api:intake:{reference[:40]}", household_id=None)
        db.session.commit()
        raise Problem(404, "niet-gevonden", _("Dit token diende geen aanvraag met dit nummer in."))
    audit("read", f"intake:{found.intake_id}", household_id=_household_of(found))
    db.session.commit()
    return found.response


# --- read access for authorised systems ---------------------------------------------------------


@bp.get("/households/<int:household_id>")
@scope_required("households:read")
def household(household_id: int):
    found = privacy.household_or_404(household_id, "household")
    body = privacy.household_view(found)
    audit("read", f"household:{household_id}", household_id=household_id)
    db.session.commit()
    return body


@bp.get("/households/<int:household_id>/outcomes")
@scope_required("outcomes:read")
def outcomes(household_id: int):
    found = privacy.household_or_404(household_id, "outcomes")
    body = {"household_id": found.id, "outcomes": privacy.outcome_views(found)}
    audit("read", f"household_outcomes:{household_id}", household_id=household_id)
    db.session.commit()
    return _plain(body)


@bp.get("/households/<int:household_id>/plan")
@scope_required("plans:read")
def plan(household_id: int):
    found = privacy.household_or_404(household_id, "plan")
    body = {"household_id": found.id, "versions": privacy.plan_versions(found)}
    audit("read", f"plan:household:{household_id}", household_id=household_id)
    db.session.commit()
    return _plain(body)
