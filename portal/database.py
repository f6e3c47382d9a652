"""Running Alembic migrations from inside the app (CLI, tests, start-up of the demo)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from flask import Flask

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
