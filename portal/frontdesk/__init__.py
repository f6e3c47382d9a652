"""The front desk fills in the resident's form with a walk-in resident (issue #3).

The same intake pages and validation (portal/intake/), on a draft with channel front_desk and
the staff member as `acting_staff_id`; a denser layout; identity check and the resident's
agreement recorded before sending. Only the staff member filling in a draft can open it.
"""

from __future__ import annotations

from flask import Blueprint, Flask, g

from portal.staff import no_store

bp = Blueprint("frontdesk", __name__, url_prefix="/balie")
bp.after_request(no_store)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.context_processor
    def dense_layout() -> dict:
        """Intake pages of a front-desk draft use the dense layout."""
        draft = g.get("draft")
        return {"dense": bool(draft is not None and draft.channel == "front_desk")}


from portal.frontdesk import views  # noqa: E402, F401
