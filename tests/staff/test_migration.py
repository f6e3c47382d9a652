"""Migration 0003 adds the log-in columns and the failures table, keeps existing staff, and
can be reversed."""

from __future__ import annotations

import sqlalchemy as sa

from portal import database
from portal.extensions import db
from tests.conftest import make_app


def test_0003_adds_login_columns_to_existing_staff_and_reverses(tmp_path):
    app = make_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 's.sqlite'}"})
    database.upgrade(app, "0002")
    with app.app_context():
        db.session.execute(
            sa.text(
                "INSERT INTO staff_member (email, display_name, roles, active, created_at) "
                "VALUES ('a@b.example', 'A', 'admin', 1, '2026-11-22 10:00:00')"
            )
        )
        db.session.commit()
    database.upgrade(app, "0003")
    with app.app_context():
        inspector = sa.inspect(db.engine)
        columns = {c["name"] for c in inspector.get_columns("staff_member")}
        assert {
            "password_hash",
            "totp_secret",
            "totp_confirmed",
            "totp_last_step",
            "session_generation",
        } <= columns
        assert "staff_login_failure" in inspector.get_table_names()
        row = db.session.execute(
            sa.text("SELECT totp_confirmed, session_generation, password_hash FROM staff_member")
        ).one()
        assert tuple(row) == (0, 0, None)
    database.downgrade(app, "0002")
    with app.app_context():
        inspector = sa.inspect(db.engine)
        assert "staff_login_failure" not in inspector.get_table_names()
        assert "password_hash" not in {c["name"] for c in inspector.get_columns("staff_member")}
