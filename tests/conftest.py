"""Shared fixtures: a real database (SQLite by default, PostgreSQL when TEST_DATABASE_URL is set),
migrated with Alembic exactly as production is, and an app + client per test."""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal import create_app, database
from portal.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def database_settings() -> Iterator[dict]:
    """A fresh, empty database for this test run (and this xdist worker)."""
    if TEST_DATABASE_URL:
        # A new schema per run: tests never see what an earlier run or another worker left.
        schema = f"t_{secrets.token_hex(6)}"
        admin = sa.create_engine(TEST_DATABASE_URL)
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        yield {
            "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
            "SQLALCHEMY_ENGINE_OPTIONS": {
                "pool_pre_ping": True,
                "connect_args": {"options": f"-csearch_path={schema}"},
            },
        }
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'test.sqlite'}"}


def make_app(database_settings: dict, **overrides):
    settings = {
        "ENV_MODE": "test",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "WTF_CSRF_ENABLED": False,
        # tests deliver the hand-off outbox themselves (or through a real Celery worker)
        "HANDOFF_EMBEDDED_WORKER": False,
        **database_settings,
        **overrides,
    }
    return create_app(settings)


@pytest.fixture(scope="session")
def migrated(database_settings: dict) -> dict:
    database.upgrade(make_app(database_settings))
    return database_settings


@pytest.fixture
def app(migrated: dict):
    app = make_app(migrated)
    yield app
    # Each test starts from empty tables; the schema itself stays (migrating is slow).
    with app.app_context():
        db.session.rollback()
        # Only tables the migrations made: a model without a migration is caught by
        # test_models_and_migrations_agree, not by a confusing teardown error here.
        existing = set(sa.inspect(db.engine).get_table_names())
        tables = [t for t in reversed(db.metadata.sorted_tables) if t.name in existing]
        if db.engine.dialect.name == "postgresql":
            # TRUNCATE, not DELETE: the append-only audit table has a trigger refusing DELETE
            # (as it should in production), and one TRUNCATE is faster than a DELETE per table.
            names = ", ".join(f'"{t.name}"' for t in tables)
            db.session.execute(sa.text(f"TRUNCATE TABLE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(table.delete())
        db.session.commit()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
