"""The Eén loket portal: create_app() wires the form, the verordening engine and the database."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import Blueprint, Flask
from werkzeug.routing import IntegerConverter

from portal import cli, i18n, security
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
    from portal import rulebook

    rulebook.init_app(app)

    register_blueprints(app)

    from portal import staff
    from portal.api import cli as api_cli
    from portal.insight import cli as insight_cli
    from portal.plans import render_html
    from portal.residents import identity

    render_html.init_app(app)  # the plan's filters: staff and resident pages alike
    staff.init_app(app)  # Flask-Login, create-admin, no-store for front-desk drafts
    identity.init_app(app)  # the DigiD broker client
    api_cli.init_app(app)
    insight_cli.init_app(app)
    cli.init_app(app)
    from portal.services import scheduled

    scheduled.init_app(app)  # plan dates coming due: the app's own thread without a broker
    return app


def register_blueprints(app: Flask) -> None:
    """Every blueprint of the portal, registered here and nowhere else (the Flask tutorial's
    way): each feature's pages module defines its blueprint, and importing it attaches all of
    the feature's routes."""
    from portal.api import views as api_pages
    from portal.documents import views as document_pages
    from portal.frontdesk import views as frontdesk_pages
    from portal.handoff import views as handoff_pages
    from portal.intake import views as intake_pages
    from portal.main import views as main_pages
    from portal.rules import views as rule_pages

    app.register_blueprint(main_pages.bp)
    app.register_blueprint(rule_pages.bp)
    app.register_blueprint(intake_pages.bp)
    app.register_blueprint(api_pages.bp)
    app.register_blueprint(handoff_pages.health_bp)
    app.register_blueprint(staff_area())
    app.register_blueprint(frontdesk_pages.bp)
    app.register_blueprint(document_pages.desk_bp)
    app.register_blueprint(resident_area())


@cache
def staff_area() -> Blueprint:
    """The staff blueprint (/medewerkers) with the features' staff pages nested in it, so they
    share its log-in, `no-store` and 403 page, and the route matrix walks them (endpoints
    `staff.<feature>.*`). Nested once per process: a blueprint cannot change after its first
    registration, and the tests build many apps."""
    from portal.api import admin as api_admin
    from portal.budget import views as budget_pages
    from portal.caseload import views as caseload_pages
    from portal.deadlines import views as deadline_pages
    from portal.documents import views as document_pages
    from portal.escalations import views as escalation_pages
    from portal.handoff import views as handoff_pages
    from portal.households import views as household_pages
    from portal.insight import views as insight_pages
    from portal.messages import views as message_pages
    from portal.plans import views as plan_pages
    from portal.retention import views as retention_pages
    from portal.staff import views as staff_pages

    for feature_pages in (
        household_pages.bp,
        api_admin.bp,
        caseload_pages.bp,
        plan_pages.bp,
        handoff_pages.bp,
        message_pages.bp,
        insight_pages.bp,
        budget_pages.bp,
        deadline_pages.bp,
        retention_pages.bp,
        document_pages.staff_bp,
        escalation_pages.bp,
    ):
        staff_pages.bp.register_blueprint(feature_pages)
    return staff_pages.bp


@cache
def resident_area() -> Blueprint:
    """The resident blueprint (/mijn) with the features' resident pages nested in it, so they
    share its DigiD session, `no-store` and CSP (endpoints `residents.<feature>.*`, walked by
    the route matrix and the leak matrix). Nested once per process, like `staff_area`."""
    from portal.documents import views as document_pages
    from portal.messages import views as message_pages
    from portal.residents import views as resident_pages
    from portal.retention import views as retention_pages

    resident_pages.bp.register_blueprint(message_pages.resident_bp)
    resident_pages.bp.register_blueprint(retention_pages.resident_bp)
    resident_pages.bp.register_blueprint(document_pages.resident_bp)
    return resident_pages.bp
