"""The tables of data that ends on time (issue #19, docs/retention.md): a legal hold per
household (the purge leaves it alone), the anonymous record of what was purged, and the
Jeugdwet 7.3.9 requests to destroy a file."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow


class LegalHold(db.Model):
    """The household's data must be kept (a court case, a complaint, an investigation): the
    purge and a 7.3.9 destruction are refused while a hold is not lifted."""

    __tablename__ = "legal_hold"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    set_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lifted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )


class PurgeRecord(db.Model):
    """What one purge run (or one 7.3.9 destruction) removed, per regime: counts only. No
    household id, no name, no date of anything in the file: nothing that points to a person."""

    __tablename__ = "purge_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    purged_on: Mapped[date] = mapped_column(Date)
    regime: Mapped[str] = mapped_column(String(40))
    cause: Mapped[str] = mapped_column(String(20))  # retention | jeugdwet_7_3_9
    households: Mapped[int] = mapped_column(Integer, default=0)
    rows: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # {"intakes": 2, ...}
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DestructionRequest(db.Model):
    """A youth or parent asks to destroy the youth file (Jeugdwet 7.3.9): staff handle it
    within three months (`due_on`), destroying it or recording why it is kept (7.3.9 lid 3)."""

    __tablename__ = "destruction_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_member.id", ondelete="SET NULL")
    )
    asked_via: Mapped[str] = mapped_column(String(10))  # mijn | staff
    requested_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    registered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    decision: Mapped[str | None] = mapped_column(String(20))  # kept (destroyed: the row goes)
    decision_reason: Mapped[str | None] = mapped_column(String(30))  # other_interest | legal_duty
    decision_note: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
