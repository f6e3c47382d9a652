"""The resident's own pages: log in with DigiD through an OpenID Connect broker and see
"Mijn aanvraag" — intakes, outcomes and deadlines, the contact person, the plan, consents, and
who looked at the file (issue #6). See docs/residents.md."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("residents", __name__, url_prefix="/mijn")

from portal.residents import models, views  # noqa: E402, F401  (tables and routes)


def init_app(app: Flask) -> None:
    from portal.residents import identity

    identity.init_app(app)
    app.register_blueprint(bp)
