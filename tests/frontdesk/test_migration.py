"""Migration 0004 adds the front-desk facts to intakes, and can be reversed."""

from __future__ import annotations

import sqlalchemy as sa

from portal import database
from portal.extensions import db
from tests.conftest import make_app

COLUMNS = {"acting_staff_id", "identity_document", "identity_checked_at", "resident_agreed_at"}


def test_0004_adds_and_removes_the_front_desk_columns(tmp_path):
    app = make_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'f.sqlite'}"})
    database.upgrade(app, "0004")
    with app.app_context():
        inspector = sa.inspect(db.engine)
        assert {c["name"] for c in inspector.get_columns("intake")} >= COLUMNS
        foreign = {
            (tuple(fk["constrained_columns"]), fk["referred_table"])
            for fk in inspector.get_foreign_keys("intake")
        }
        assert (("acting_staff_id",), "staff_member") in foreign
    database.downgrade(app, "0003")
    with app.app_context():
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("intake")}
        assert not COLUMNS & columns
