"""Staff accounts: log in with a password and a TOTP code, sessions, roles, beheer.

`init_app` binds Flask-Login, makes front-desk intake pages `no-store` and adds the
`create-admin` command. Pages: `views` (the staff blueprint, `/medewerkers`; the features' staff
pages are nested in it by `create_app`), with `auth` (log in, code, enrol, log out), `account`,
`admin` (beheer) and `kept`.
"""

from __future__ import annotations

from flask import Flask, Response, session


def init_app(app: Flask) -> None:
    from portal.security import no_store
    from portal.staff import cli
    from portal.staff.session_guard import login_manager

    login_manager.init_app(app)
    cli.init_app(app)

    @app.after_request
    def no_store_for_staff(response: Response) -> Response:
        # Also the intake pages a front-desk member fills in with a resident.
        return no_store(response) if "_user_id" in session else response
