"""Migration 0029: an invitation written before the closing date existed gets its invitation
day in the Netherlands plus 28 days, and no reminder yet."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from portal import database
from portal.extensions import db
from tests.conftest import make_app


def test_older_invitations_get_a_closing_date(tmp_path):
    app = make_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite'}"})
    database.upgrade(app, "0027_client_survey")
    with app.app_context(), db.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only the invitation matters
        connection.exec_driver_sql(
            "INSERT INTO survey_invitation (id, household_id, member_id, plan_id, invited_at, "
            "answered) VALUES (1, 1, 1, 1, '2026-11-22 23:30:00.000000', 0)"
        )  # 23:30 UTC on 22 November is 23 November in the Netherlands
    database.upgrade(app)
    with app.app_context(), db.engine.connect() as connection:
        row = connection.execute(
            sa.text("SELECT closes_on, reminded FROM survey_invitation WHERE id = 1")
        ).one()
    assert date.fromisoformat(str(row[0])) == date(2026, 12, 21)
    assert not row[1]
