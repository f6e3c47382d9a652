"""Migration 0002 creates the draft table the model describes, and removes it again."""

from __future__ import annotations

import sqlalchemy as sa

from portal import database
from portal.extensions import db
from tests.conftest import make_app


def test_0002_adds_and_removes_the_draft_table(tmp_path):
    app = make_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'd.sqlite'}"})
    database.upgrade(app, "0002")
    with app.app_context():
        inspector = sa.inspect(db.engine)
        columns = {c["name"] for c in inspector.get_columns("intake_draft")}
        assert {
            "public_id",
            "answers",
            "state",
            "resume_code_hash",
            "failed_attempts",
            "locked_until",
            "submit_token",
            "intake_id",
            "acting_staff_id",
            "expires_at",
        } <= columns
        assert "resume_code" not in columns  # only the hash is ever stored
        unique = {
            tuple(u["column_names"]) for u in inspector.get_unique_constraints("intake_draft")
        }
        assert ("resume_code_hash",) in unique and ("public_id",) in unique
        indexes = {i["name"] for i in inspector.get_indexes("intake_draft")}
        assert "ix_intake_draft_expires_at" in indexes
    database.downgrade(app, "0001")
    with app.app_context():
        assert "intake_draft" not in sa.inspect(db.engine).get_table_names()
        assert "intake" in sa.inspect(db.engine).get_table_names()
    database.upgrade(app)
    with app.app_context():
        assert "intake_draft" in sa.inspect(db.engine).get_table_names()
