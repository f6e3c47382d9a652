"""The tables of deadlines kept (issue #19, docs/caseload.md, "Deadlines kept"): an Awb 4:14
extension of a decision term, a received ingebrekestelling (whose dwangsom clock runs under
Awb 4:17 until a decision is taken), and the reminders already sent for plan dates coming due
(so each goes once)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow


class TermExtension(db.Model):
    """An extension of one outcome's decision term (Awb 4:14): the term it replaced, the new
    date, why, and who recorded it. The outcome's `due_on` holds the new date, so the caseload
    counts with it; this row keeps the history."""

    __tablename__ = "term_extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("household_outcome.id", ondelete="CASCADE"), index=True
    )
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    previous_due_on: Mapped[date] = mapped_column(Date)
    new_due_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )


class Ingebrekestelling(db.Model):
    """A written ingebrekestelling received for one outcome's late decision. The dwangsom
    clock (Awb 4:17) runs from two weeks after `received_on` until a decision is taken
    (`stopped_on`, the day the outcome left new/in_onderzoek), for at most 42 days."""

    __tablename__ = "ingebrekestelling"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("household_outcome.id", ondelete="CASCADE"), index=True
    )
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    received_on: Mapped[date] = mapped_column(Date)
    term_ended_on: Mapped[date] = mapped_column(Date)  # the decision term it was late for
    stopped_on: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )


class DueReminder(db.Model):
    """A reminder sent for one plan date coming due (the evaluation, an agreement's date):
    the unique key makes the scheduled job send each one once, also with two workers."""

    __tablename__ = "due_reminder"
    __table_args__ = (
        UniqueConstraint("household_id", "kind", "item", "due_on", name="uq_due_reminder_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # evaluation | agreement
    # which one: "plan" for the evaluation, a hash of the agreement (never its words)
    item: Mapped[str] = mapped_column(String(64))
    due_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
