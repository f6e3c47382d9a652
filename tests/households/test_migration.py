"""Migration 0005 adds the household tables with the one-active-contact index, and reverses."""

from __future__ import annotations

import sqlalchemy as sa

from portal import database
from portal.extensions import db
from tests.conftest import make_app

TABLES = {
    "team",
    "team_postcode_range",
    "team_membership",
    "contact_assignment",
    "case_log_entry",
    "household_case",
    "consent",
    "access_grant",
    "audit_event",
}


def test_0005_adds_the_household_tables_and_reverses(tmp_path):
    app = make_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'h.sqlite'}"})
    database.upgrade(app, "0005")
    with app.app_context():
        inspector = sa.inspect(db.engine)
        assert set(inspector.get_table_names()) >= TABLES
        index = {i["name"]: i for i in inspector.get_indexes("contact_assignment")}
        assert index["uq_contact_assignment_one_active"]["unique"]
    database.downgrade(app, "0004")
    with app.app_context():
        assert not TABLES & set(sa.inspect(db.engine).get_table_names())
