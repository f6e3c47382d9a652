"""Tables of the resident pages (migration 0009).

- `resident_session`: the server-side record of a resident's log-in. The cookie holds only a
  random token; its SHA-256 hash is the key here. Log-out (or a timeout) ends the row, so a
  copied cookie stops working. The BSN lives here, never in the cookie.
- `resident_intake_link`: an intake a resident attached with its reference number and resume
  code (their BSN was not in it, e.g. they applied without one).
- `intake_resume_code` (the model is `portal.models.IntakeResumeCode`, written when the intake
  is filed): the keyed hash of the resume code the draft had, read here to attach an intake.
- `resident_visit`: which contact assignment the resident saw last, per household ("you have a
  new contact person").
- `shared_domain_consent` (0018): a member lets the others see what they told about debts,
  health or safety, per domain, until withdrawn.
- `youth_data_consent`: a member of 16 or older lets the other members of the household see
  their Jeugdwet outcomes and plan provisions (until withdrawn).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow


class ResidentSession(db.Model):
    __tablename__ = "resident_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    bsn: Mapped[str] = mapped_column(String(9), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # acting for someone else (issue #19): the `representation` row, checked at every request
    acting_for_id: Mapped[int | None] = mapped_column(Integer)


class ResidentIntakeLink(db.Model):
    __tablename__ = "resident_intake_link"
    __table_args__ = (UniqueConstraint("bsn", "intake_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bsn: Mapped[str] = mapped_column(String(9), index=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ResidentVisit(db.Model):
    __tablename__ = "resident_visit"

    bsn: Mapped[str] = mapped_column(String(9), primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True
    )
    contact_assignment_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class YouthDataConsent(db.Model):
    __tablename__ = "youth_data_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("household_member.id", ondelete="CASCADE"), index=True
    )
    given_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SharedDomainConsent(db.Model):
    """A member lets the other members of the household see what they told about one sensitive
    life domain (debts, health, safety), until withdrawn (issue #12: a consent per purpose,
    recorded and revocable). Migration 0018."""

    __tablename__ = "shared_domain_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("household_member.id", ondelete="CASCADE"), index=True
    )
    domain: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
