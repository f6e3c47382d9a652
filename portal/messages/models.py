"""The messages' tables: the outbox (one row per message to one person over one channel, or
the reason none was sent) and each resident's choice of channels."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow

PENDING, SENT, FAILED, NOT_SENT = "pending", "sent", "failed", "not_sent"
INTAKE_RECEIVED, CONTACT_PERSON, PLAN_ISSUED = "intake_received", "contact_person", "plan_issued"
# issue #19, deadlines kept: a decision term extended (Awb 4:14), a plan date coming due
TERM_EXTENDED, EVALUATION_DUE, AGREEMENT_DUE = "term_extended", "evaluation_due", "agreement_due"
DOCUMENT_REQUESTED = (
    "document_requested"  # a contact person asks for a document (docs/documents.md)
)
SURVEY_INVITED = "survey_invited"  # the Wmo client-experience survey (docs/survey.md)
SURVEY_REMINDER = "survey_reminder"  # its one reminder, before it closes
EMAIL, SMS = "email", "sms"


class Message(db.Model):
    """One message to one person over one channel, written in the same transaction as the event
    (an intake filed, a contact person assigned, a plan issued) and sent by a worker afterwards,
    like the hand-off's outbox (docs/messages.md). A row in state `not_sent` has no address and
    no text: it says only why nothing was sent (no safe channel, the resident switched off)."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[str] = mapped_column(String(30))
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    # the person the message is for (the person concerned, never "the household")
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_member.id", ondelete="SET NULL"), index=True
    )
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"))
    channel: Mapped[str | None] = mapped_column(String(10))  # email | sms
    address: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(5), default="nl")
    subject: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default=PENDING)
    reason: Mapped[str | None] = mapped_column(Text)  # why not sent, or the last error
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MessagePreference(db.Model):
    """The channels a resident chose on Mijn aanvraag (by their DigiD BSN). Without a row:
    e-mail when they gave an address, else sms (docs/messages.md)."""

    __tablename__ = "message_preference"

    bsn: Mapped[str] = mapped_column(String(9), primary_key=True)
    email: Mapped[bool] = mapped_column(Boolean, default=True)
    sms: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
