"""The documents' tables: each stored file with the purpose it was given for, the documents a
contact person asked a resident for, and the household's post register (issue #17)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow

# Who handed the document in (`Document.source`).
RESIDENT, DESK, POST = "resident", "desk", "post"
# The purpose of the household's post register: not a regime, the household's memory.
POST_PURPOSE = "post"
# Post directions.
INCOMING, OUTGOING = "in", "out"


class Document(db.Model):
    """One stored file: checked by content, kept outside the web root (portal/documents/
    storage.py, `storage_key`), with the purpose (a regime id, or "post") it was given for.
    Only those with that purpose open it (portal/documents/access.py); every open is audited."""

    __tablename__ = "document"
    __table_args__ = (Index("ix_document_household_purpose", "household_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    # The person who gave it (resident or at the desk for them); NULL for the post register.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_member.id", ondelete="SET NULL"), index=True
    )
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intake.id", ondelete="SET NULL"))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_request.id", ondelete="SET NULL")
    )
    purpose: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(10))  # resident | desk | post
    uploaded_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    content_type: Mapped[str] = mapped_column(String(40))  # what we found inside, not the name
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(100), unique=True)
    # The name the file had, cleaned: shown to people, never used as a path.
    original_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentRequest(db.Model):
    """A contact person asks a resident for a document: what, why, by when. The resident sees
    it on Mijn aanvraag and gets a message that there is news (never what is asked)."""

    __tablename__ = "document_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    # The person asked (a member who applied).
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_member.id", ondelete="SET NULL")
    )
    purpose: Mapped[str] = mapped_column(String(40))
    what: Mapped[str] = mapped_column(String(300))
    why: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    requested_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    fulfilled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PostItem(db.Model):
    """One letter in the household's post register (issue #17): incoming or outgoing
    correspondence with an organisation around the household. It belongs to the household, not
    to the contact person who registered it: a new contact person finds it all."""

    __tablename__ = "post_item"
    __table_args__ = (Index("ix_post_item_household_due", "household_id", "action_due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    dated_on: Mapped[date] = mapped_column(Date)
    direction: Mapped[str] = mapped_column(String(3))  # in | out
    organisation: Mapped[str] = mapped_column(String(30))  # a key of ORGANISATIONS
    organisation_name: Mapped[str | None] = mapped_column(String(200))  # which provider, creditor
    subject: Mapped[str] = mapped_column(String(300))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    action: Mapped[str | None] = mapped_column(Text)
    action_due_on: Mapped[date | None] = mapped_column(Date)
    action_done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    registered_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
