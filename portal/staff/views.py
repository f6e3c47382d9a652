"""The staff blueprint (`/medewerkers`): every staff page is `no-store` and has the staff 403
page. Its routes are in `auth`, `account`, `admin` and `kept`, imported at the end so that
importing this module gives the whole blueprint; `create_app` nests the features' staff pages
(households, caseload, plans, hand-off and API beheer) in it and registers it."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.security import no_store

bp = Blueprint("staff", __name__, url_prefix="/medewerkers")
bp.after_request(no_store)


@bp.errorhandler(403)
def forbidden(error):
    return render_template("staff/forbidden.html"), 403


from portal.staff import account, admin, auth, kept  # noqa: E402, F401  (routes on this blueprint)
