"""The contact person's workspace: the caseload (households assigned to them, what is due first
on top) and the status of each outcome (issue #4).

Its blueprint is nested in the staff blueprint, so its pages live under `/medewerkers`, get the
staff pages' `Cache-Control: no-store` and 403 page, and are walked by the test that every staff
route carries a role rule (endpoints `staff.caseload.*`).
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("caseload", __name__)


def init_app(app: Flask) -> None:
    """Nest the blueprint in the staff blueprint; call before `staff.init_app(app)`."""
    from portal.staff import bp as staff_bp

    # Only once per process: a blueprint cannot be changed after its first registration.
    if all(child is not bp for child, _ in staff_bp._blueprints):
        staff_bp.register_blueprint(bp)


from portal.caseload import models, views  # noqa: E402, F401
