"""Alembic environment: migrations run against the app's own engine and metadata."""

from __future__ import annotations

from alembic import context
from flask import current_app

from portal import (
    drafts,  # noqa: F401  (the intake drafts live in their own module)
    models,  # noqa: F401  (registers every table on the metadata)
)
from portal.api import models as api_models  # noqa: F401  (API clients, submissions)
from portal.caseload import models as caseload_models  # noqa: F401  (outcomes, due dates)
from portal.deadlines import models as deadline_models  # noqa: F401  (Awb 4:14, 4:17)
from portal.documents import models as document_models  # noqa: F401  (documents, post register)
from portal.escalations import models as escalation_models  # noqa: F401  (the ontschotter)
from portal.extensions import db
from portal.handoff import models as handoff_models  # noqa: F401  (the outbox, zaken)
from portal.households import models as household_models  # noqa: F401  (teams, contact, audit)
from portal.insight import models as insight_models  # noqa: F401  (drafts, what-if runs)
from portal.plans import models as plan_models  # noqa: F401  (plans and their versions)
from portal.residents import models as resident_models  # noqa: F401  (resume codes, consents)
from portal.retention import models as retention_models  # noqa: F401  (holds, purges, 7.3.9)
from portal.staff import models as staff_models  # noqa: F401  (failed staff log-ins)


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with db.engine.connect() as connection:
        _run(connection)
        connection.commit()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=db.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run them against a database.")
with current_app.app_context():
    run_migrations()
