"""Public pages every visitor can reach: the front page, language choice, health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from sqlalchemy import text

from portal import rulebook
from portal.extensions import db
from portal.i18n import offered_languages, remember_language
from portal.security import safe_local_path

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return render_template("main/index.html")


@bp.post("/taal")
def choose_language():
    """Remember the resident's language in a cookie; works without JavaScript (a plain form)."""
    language = request.form.get("taal", "")
    back = safe_local_path(request.form.get("terug")) or url_for("main.index")
    response = redirect(back, code=303)
    if language in offered_languages():
        remember_language(response, language)
    return response


@bp.get("/healthz")
def healthz():
    """For the load balancer: is the database reachable and a verordening in force today?"""
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:  # any driver error means "not healthy"; say which kind
        db.session.rollback()
        checks["database"] = f"error: {type(error).__name__}"
    try:
        checks["verordening"] = rulebook.in_force().id
    except Exception as error:  # no version in force today is a real outage for residents
        checks["verordening"] = f"error: {error}"
    healthy = checks["database"] == "ok" and not checks["verordening"].startswith("error")
    body = {"status": "ok" if healthy else "error", **checks}
    return jsonify(body), 200 if healthy else 503


# The error pages are registered on this blueprint: importing the pages imports them.
from portal.main import errors  # noqa: E402, F401
