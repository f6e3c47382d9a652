"""Eén loket's own JSON API, /api/v1 (issue #15, docs/api.md).

- `openapi`: the OpenAPI 3.1 document, the one description of every route; `views` serves it
  and the docs page rendered from it, anonymous screening, intake submission by partner
  systems and read access for authorised systems;
- `tokens`: clients with purpose scopes and hashed tokens, checked on every call, each call
  audited in the households' audit trail; `privacy`: what a system never reads;
- `admin` (beheer page, nested in the staff blueprint) and `cli` (`flask api-client`).

Errors are `application/problem+json` (`problems`), never the HTML pages meant for people.
"""

from __future__ import annotations

from flask import Flask

from portal.api import models  # noqa: F401  (the tables, for Alembic and the tests)


def init_app(app: Flask) -> None:
    """Call before `staff.init_app(app)`: the beheer page nests in the staff blueprint."""
    from portal.api import cli
    from portal.api.admin import bp as admin_bp
    from portal.api.views import bp
    from portal.extensions import csrf
    from portal.staff import bp as staff_bp

    # Token-authenticated, no cookies: a CSRF token has nothing to protect here.
    csrf.exempt(bp)
    app.register_blueprint(bp)
    if all(child is not admin_bp for child, _ in staff_bp._blueprints):
        staff_bp.register_blueprint(admin_bp)
    cli.init_app(app)
