"""Running Alembic migrations from inside the app (CLI, tests, start-up of the demo)."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.config import Config
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from portal.config import PROJECT_ROOT


def alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "portal" / "migrations"))
    return config


def upgrade(app: Flask, revision: str = "head") -> None:
    with app.app_context():
        command.upgrade(alembic_config(), revision)


def downgrade(app: Flask, revision: str) -> None:
    with app.app_context():
        command.downgrade(alembic_config(), revision)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """The embedded SQLite default must survive many residents saving pages at once.

    WAL lets readers go on while one writer commits; busy_timeout makes a writer wait for the
    lock instead of failing with "database is locked"; foreign keys are off in SQLite unless
    asked for.
    """
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
