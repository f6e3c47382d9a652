"""The embedded SQLite default is set up for concurrent residents, and submission is atomic."""

import pytest
import sqlalchemy as sa

from portal.extensions import db


def test_sqlite_uses_wal_and_waits_for_locks(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite-only settings")
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(sa.text("PRAGMA busy_timeout")).scalar() == 30000
            assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
