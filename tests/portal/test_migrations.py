"""Alembic migrations build exactly the schema the models describe, and can be reversed."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal import database
from portal.extensions import db
from tests.conftest import make_app


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models differ from migrations: {differences}"


def test_migrations_downgrade_to_empty_and_back(tmp_path):
    app = make_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite'}"})
    database.upgrade(app)
    database.downgrade(app, "base")
    with app.app_context():
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    database.upgrade(app)
    with app.app_context():
        assert "intake" in sa.inspect(db.engine).get_table_names()
