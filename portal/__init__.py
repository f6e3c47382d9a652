"""The Eén loket portal: create_app() wires the form, the verordening engine and the database."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

from portal import cli, i18n, security
from portal import households as _households  # noqa: F401  (nests its blueprint in staff's first)
from portal.config import (
    BASE_SETTINGS,
    PROJECT_ROOT,
    check_production_safety,
    settings_from_environment,
)
from portal.extensions import babel, csrf, db


class BoundedInt(IntegerConverter):
    """`<int:…>` that matches only ids our id columns can hold: SQLAlchemy `Integer`, which is
    PostgreSQL's 32-bit `integer` (a larger number made PostgreSQL refuse the query: a 500)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. `config` overrides settings read from the environment (tests use this)."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    # An id in a URL beyond what the id columns hold is an unknown page (404), not an
    # OverflowError on SQLite or "integer out of range" on PostgreSQL (issue #14: both a 500).
    app.url_map.converters["int"] = BoundedInt
    app.request_class = security.CleanFormRequest
    app.config.update(BASE_SETTINGS)
    app.config.update(settings_from_environment())
    if config:
        app.config.update(config)
    check_production_safety(app.config)

    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    security.init_app(app)

    # Load the verordening now: a broken policy file must stop the start, with file, article
    # and reason, instead of failing on the first resident's submission.
    from portal.services import rules

    rules.init_app(app)

    from portal.intake import bp as intake_bp
    from portal.main import errors as _errors  # noqa: F401  (registers the error pages)
    from portal.main.views import bp as main_bp
    from portal.rules.views import bp as rules_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(rules_bp)
    app.register_blueprint(intake_bp)
    from portal import api, caseload, frontdesk, handoff, messages, plans, residents, staff

    api.init_app(app)  # /api/v1; its beheer page nests in the staff blueprint: before staff
    caseload.init_app(app)  # nests its blueprint in the staff blueprint: before staff.init_app
    plans.init_app(app)  # idem
    handoff.init_app(app)  # idem
    messages.init_app(app)  # idem (and in the resident blueprint: before residents)
    staff.init_app(app)
    frontdesk.init_app(app)
    residents.init_app(app)
    cli.init_app(app)
    return app
