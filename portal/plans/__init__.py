"""The ondersteuningsplan: one living plan per household, edited by the contact person, issued
as numbered, frozen versions and rendered as HTML and .docx (issue #5).

Its blueprint is nested in the staff blueprint (endpoints `staff.plans.*`, URLs under
/medewerkers), so staff sessions, `no_store`, the 403 page and the route matrix apply unchanged.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("plans", __name__)


def init_app(app: Flask) -> None:
    """Nest the blueprint in the staff blueprint; call before `staff.init_app(app)`."""
    from portal.staff import bp as staff_bp

    # Only once per process: a blueprint cannot be changed after its first registration.
    if all(child is not bp for child, _ in staff_bp._blueprints):
        staff_bp.register_blueprint(bp)


from portal.plans import models, render_html, views  # noqa: E402, F401
