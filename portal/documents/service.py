"""Storing, reading and deleting documents; document requests; the household's post register.

Every function works inside the caller's transaction (flushes, never commits). Files follow
the transaction: a file written for a row that is rolled back is removed again, and a deleted
row's file is removed only once the deletion is committed (so a purge that fails halfway
leaves rows and files together).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from portal import clock
from portal.caseload.models import HouseholdOutcome
from portal.documents import checks
from portal.documents.models import (
    POST,
    POST_PURPOSE,
    Document,
    DocumentRequest,
    PostItem,
)
from portal.documents.storage import new_key, storage
from portal.extensions import db
from portal.models import Intake

WRITTEN, DELETED = "documents_written", "documents_deleted"


@event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    session.info.pop(WRITTEN, None)
    keys = session.info.pop(DELETED, None)
    if keys:
        store = storage()
        for key in keys:
            store.delete(key)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop(DELETED, None)
    keys = session.info.pop(WRITTEN, None)
    if keys:
        store = storage()
        for key in keys:
            store.delete(key)


class TooMany(ValueError):
    """More files than one upload or one household may have; nothing was stored."""

    def __init__(self, limit: int, per: str):
        super().__init__(per)
        self.limit, self.per = limit, per


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it: its name (for people, never a path) and its bytes
    (read up to one byte past the limit, so a larger file is known to be too large)."""

    name: str
    data: bytes


@dataclass
class Result:
    stored: list[Document] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)


def limits() -> dict[str, int]:
    config = current_app.config
    return {
        "max_bytes": int(config["DOCUMENTS_MAX_BYTES"]),
        "max_files": int(config["DOCUMENTS_MAX_FILES"]),
        "per_household": int(config["DOCUMENTS_MAX_PER_HOUSEHOLD"]),
        "max_pixels": int(config["DOCUMENTS_MAX_PIXELS"]),
    }


def clean_name(name: str | None) -> str:
    """The file's name for people to read: no folders, no control or bidi characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    return kept.strip()[:200] or "document"


def count(household_id: int) -> int:
    return db.session.scalar(
        select(func.count(Document.id)).where(Document.household_id == household_id)
    )


def store(
    household_id: int,
    uploads: list[Upload],
    *,
    purpose: str,
    source: str,
    member_id: int | None = None,
    intake_id: int | None = None,
    request_id: int | None = None,
    staff_id: int | None = None,
    description: str | None = None,
) -> Result:
    """Check each file by its content and keep the good ones (`Result.refused` says why the
    others were not kept). Raises `TooMany` before storing anything when the upload has more
    files than one upload, or the household, may have."""
    limit = limits()
    if len(uploads) > limit["max_files"]:
        raise TooMany(limit["max_files"], "upload")
    if count(household_id) + len(uploads) > limit["per_household"]:
        raise TooMany(limit["per_household"], "household")
    result = Result()
    for upload in uploads:
        try:
            checked = checks.check(
                upload.data, max_bytes=limit["max_bytes"], max_pixels=limit["max_pixels"]
            )
        except checks.Refused as refused:
            result.refused.append((clean_name(upload.name), refused.reason))
            continue
        key = new_key(checked.extension)
        storage().put(key, checked.data)
        db.session.info.setdefault(WRITTEN, []).append(key)
        document = Document(
            household_id=household_id,
            member_id=member_id,
            intake_id=intake_id,
            request_id=request_id,
            purpose=purpose,
            source=source,
            uploaded_by_staff_id=staff_id,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=checked.sha256,
            storage_key=key,
            original_name=clean_name(upload.name),
            description=(description or "").strip()[:300] or None,
            created_at=clock.now(),
        )
        db.session.add(document)
        result.stored.append(document)
    if request_id is not None and result.stored:
        asked = db.session.get(DocumentRequest, request_id)
        if asked is not None and asked.fulfilled_at is None:
            asked.fulfilled_at = clock.now()
    db.session.flush()
    return result


def read(document: Document) -> bytes:
    """The stored bytes. Callers check access and audit first (portal/documents/access.py)."""
    return storage().get(document.storage_key)


def delete(document: Document) -> None:
    """Remove one document: its row now, its file once the caller commits (the retention
    purge of issue #19 calls this; a post register entry keeps its line, without the file)."""
    db.session.info.setdefault(DELETED, []).append(document.storage_key)
    db.session.delete(document)
    db.session.flush()


def delete_household(household_id: int) -> int:
    """Remove every document of a household (the purge): how many went."""
    found = db.session.scalars(select(Document).where(Document.household_id == household_id))
    gone = 0
    for document in found.all():
        delete(document)
        gone += 1
    return gone


def documents_of(household_id: int, *, purposes=None, member_id=None) -> list[Document]:
    query = select(Document).where(Document.household_id == household_id)
    if purposes is not None:
        query = query.where(Document.purpose.in_(sorted(purposes)))
    if member_id is not None:
        query = query.where(Document.member_id == member_id, Document.source != POST)
    return list(db.session.scalars(query.order_by(Document.created_at.desc(), Document.id.desc())))


# -- purposes -------------------------------------------------------------------------------------


def regimes_of_household(household_id: int) -> list[str]:
    """The regimes the household's outcomes fall under: the purposes its documents may have."""
    found = db.session.scalars(
        select(HouseholdOutcome.regime).where(HouseholdOutcome.household_id == household_id)
    )
    return sorted(set(found))


def regimes_of_intake(intake: Intake) -> list[str]:
    found = db.session.scalars(
        select(HouseholdOutcome.regime).where(HouseholdOutcome.intake_id == intake.id)
    )
    return sorted(set(found))


def outcomes_of_intake(intake: Intake) -> list[tuple[str, str | None]]:
    """(regime, the intake's member id) of each outcome of the intake."""
    return list(
        db.session.execute(
            select(HouseholdOutcome.regime, HouseholdOutcome.member_id).where(
                HouseholdOutcome.intake_id == intake.id
            )
        ).tuples()
    )


def staff_purposes(household_id: int) -> set[str]:
    """What the household's contact person works on: its regimes and its post."""
    return {*regimes_of_household(household_id), POST_PURPOSE}


# -- document requests ----------------------------------------------------------------------------


def ask(
    household_id: int,
    *,
    member_id: int | None,
    purpose: str,
    what: str,
    why: str,
    due_on: date,
    staff_id: int,
) -> DocumentRequest:
    """Record what the contact person asks for (the message goes from services/documents)."""
    asked = DocumentRequest(
        household_id=household_id,
        member_id=member_id,
        purpose=purpose,
        what=what.strip()[:300],
        why=why.strip(),
        due_on=due_on,
        requested_by_staff_id=staff_id,
        created_at=clock.now(),
    )
    db.session.add(asked)
    db.session.flush()
    return asked


def requests_of(household_id: int, *, member_ids=None, open_only=False) -> list[DocumentRequest]:
    query = select(DocumentRequest).where(DocumentRequest.household_id == household_id)
    if member_ids is not None:
        query = query.where(DocumentRequest.member_id.in_(sorted(member_ids)))
    if open_only:
        query = query.where(DocumentRequest.fulfilled_at.is_(None))
    return list(db.session.scalars(query.order_by(DocumentRequest.due_on, DocumentRequest.id)))


# -- the household's post register (issue #17) ----------------------------------------------------


def register_post(
    household_id: int,
    *,
    dated_on: date,
    direction: str,
    organisation: str,
    organisation_name: str | None,
    subject: str,
    action: str | None,
    action_due_on: date | None,
    staff_id: int,
    upload: Upload | None = None,
) -> tuple[PostItem, Result]:
    """One letter in the register, with its document through the same checks as every upload.
    The caller refreshes the caseload's due date (services/documents.py)."""
    result = Result()
    if upload is not None:
        result = store(household_id, [upload], purpose=POST_PURPOSE, source=POST, staff_id=staff_id)
        if result.refused:
            return None, result
    item = PostItem(
        household_id=household_id,
        dated_on=dated_on,
        direction=direction,
        organisation=organisation,
        organisation_name=(organisation_name or "").strip()[:200] or None,
        subject=subject.strip()[:300],
        document_id=result.stored[0].id if result.stored else None,
        action=(action or "").strip() or None,
        action_due_on=action_due_on if (action or "").strip() else None,
        registered_by_staff_id=staff_id,
        created_at=clock.now(),
    )
    db.session.add(item)
    db.session.flush()
    return item, result


def post_of(household_id: int) -> list[PostItem]:
    return list(
        db.session.scalars(
            select(PostItem)
            .where(PostItem.household_id == household_id)
            .order_by(PostItem.dated_on.desc(), PostItem.id.desc())
        )
    )


def action_done(item: PostItem) -> None:
    item.action_done_at = clock.now()
    db.session.flush()


def next_post_action(household_id: int) -> date | None:
    """The earliest due date of a post action not yet done: the caseload shows it."""
    return db.session.scalar(
        select(func.min(PostItem.action_due_on)).where(
            PostItem.household_id == household_id,
            PostItem.action_due_on.is_not(None),
            PostItem.action_done_at.is_(None),
        )
    )
