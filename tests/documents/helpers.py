"""Helpers for the document page tests: a household of the test family (contact person A of
team Noord), uploads the way a browser sends them, and reading what was stored."""

from __future__ import annotations

import io

from sqlalchemy import select

from portal.documents.models import Document
from portal.extensions import db
from portal.households.models import AuditEvent
from tests.residents.conftest import family, submit

MIJN = "/mijn/documenten/"


def file_page(household_id: int) -> str:
    return f"/medewerkers/huishoudens/{household_id}/documenten"


def post_page(household_id: int) -> str:
    return f"/medewerkers/huishoudens/{household_id}/post"


def family_household(app) -> int:
    household_id, _reference = submit(app, family())
    return household_id


def files(*items) -> list:
    """(bytes, name, content type the browser claims)"""
    return [(io.BytesIO(data), name, kind) for data, name, kind in items]


def upload(client, purpose: str, *items, description: str = "", url: str = MIJN):
    return client.post(
        url,
        data={"purpose": purpose, "description": description, "bestand": files(*items)},
        content_type="multipart/form-data",
    )


def documents(app) -> list[Document]:
    with app.app_context():
        found = db.session.scalars(select(Document).order_by(Document.id)).all()
        db.session.expunge_all()
        return found


def audit_rows(app, what_prefix: str) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.what.startswith(what_prefix))
            .order_by(AuditEvent.id)
        ).all()
        db.session.expunge_all()
        return found
