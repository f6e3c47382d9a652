"""Staff accounts: log in with a password and a TOTP code, sessions, roles, beheer.

`init_app` binds Flask-Login, adds `Cache-Control: no-store` to every staff page and the
`create-admin` command. Views: `auth` (log in, code, enrol, log out), `admin` (beheer).
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, render_template, session

bp = Blueprint("staff", __name__, url_prefix="/medewerkers")


def no_store(response: Response) -> Response:
    """Staff pages hold personal data and sessions: never kept by a browser or proxy."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


bp.after_request(no_store)


@bp.errorhandler(403)
def forbidden(error):
    return render_template("staff/forbidden.html"), 403


def init_app(app: Flask) -> None:
    from portal.staff import cli
    from portal.staff.session_guard import login_manager

    login_manager.init_app(app)
    app.register_blueprint(bp)
    cli.init_app(app)

    @app.after_request
    def no_store_for_staff(response: Response) -> Response:
        # Also the intake pages a front-desk member fills in with a resident.
        return no_store(response) if "_user_id" in session else response


from portal.staff import account, admin, auth, kept, models  # noqa: E402, F401
