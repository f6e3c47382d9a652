"""The hand-off's tables: the outbox, the zaken it made, and the zaaktype per regime."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
INTAKE, PLAN, STATUS = "intake", "plan", "status"


class Handoff(db.Model):
    """One thing to deliver to the case systems, written in the same transaction as what caused
    it (an intake filed, a plan version issued), so nothing is lost between the two. Workers
    claim a row for a while (`claimed_until`): a worker that dies leaves the row to be claimed
    again when the lease runs out, and delivery is idempotent (docs/handoff.md)."""

    __tablename__ = "handoff"
    __table_args__ = (Index("ix_handoff_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # intake | plan | status
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"))
    plan_version_id: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HandoffZaak(db.Model):
    """A zaak the hand-off made for one regime of one intake, with its status as last read
    back from the Zaken API (pages show this copy, so an outage shows the last known status)."""

    __tablename__ = "handoff_zaak"
    __table_args__ = (
        UniqueConstraint("intake_id", "regime", name="uq_handoff_zaak_intake_regime"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"))
    regime: Mapped[str] = mapped_column(String(40))
    url: Mapped[str] = mapped_column(String(1000))
    identificatie: Mapped[str] = mapped_column(String(40))
    status: Mapped[str | None] = mapped_column(String(200))
    status_read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ZaaktypeMapping(db.Model):
    """Which zaaktype (in the municipality's Catalogi API) a regime's zaken get; an admin edits
    it, and each save and each worker start checks it against the Catalogi API."""

    __tablename__ = "zaaktype_mapping"

    regime: Mapped[str] = mapped_column(String(40), primary_key=True)
    zaaktype_url: Mapped[str] = mapped_column(String(1000))
    vertrouwelijkheid: Mapped[str] = mapped_column(String(30), default="vertrouwelijk")
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    check_error: Mapped[str | None] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
