"""Households and their one contact person (issue #4): teams, assignment rules, handover, the
household file, access rules and the audit trail.

The blueprint is nested in the staff blueprint (endpoints `staff.households.*`, URLs under
/medewerkers), so staff sessions, `no_store`, the 403 page and the meta-test that every staff
route has a rule apply unchanged.
"""

from __future__ import annotations

from flask import Blueprint

from portal.staff import bp as staff_bp

bp = Blueprint("households", __name__)
staff_bp.register_blueprint(bp)

from portal.households import match_views, views  # noqa: E402, F401
