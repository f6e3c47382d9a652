"""Database models. Schema changes go through Alembic (portal/migrations)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class Household(db.Model):
    """The unit that gets one plan and one contact person."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    postcode: Mapped[str | None] = mapped_column(String(6))
    # Triage of the latest intake: single_question | multi_domain | urgent | nothing_applies.
    triage: Mapped[str | None] = mapped_column(String(20))
    # Protected by staff (issue #12), with their reason: no post or messages to the home, a
    # banner on every staff page, a reason to read for anyone but the contact person. A safety
    # answer in an intake protects the household too (households/sensitivity.py).
    protected_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    protected_reason: Mapped[str | None] = mapped_column(Text)
    protected_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    # The version staff forms compare on save (issue #14, portal/staff/versions.py): bumped by
    # every change of the household's data (members, protection, stuck flag).
    version: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="HouseholdMember.id"
    )
    intakes: Mapped[list[Intake]] = relationship(
        back_populates="household", order_by="Intake.submitted_at"
    )


class HouseholdMember(db.Model):
    __tablename__ = "household_member"
    __table_args__ = (Index("ix_household_member_bsn", "bsn"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    given_name: Mapped[str | None] = mapped_column(String(100))
    family_name: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[date | None] = mapped_column(Date)
    # Optional: children and walk-ins may not have one at hand.
    bsn: Mapped[str | None] = mapped_column(String(9))
    # Whose identity was checked (issue #12): the applicant logged in with DigiD, a front-desk
    # employee saw an ID document, or staff confirmed a match. Only a verified member is matched
    # by BSN to a later intake and sees the household on Mijn aanvraag; a member someone else
    # listed (a typed BSN) is not: see portal/households/matching.py.
    identity_verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    verified_via: Mapped[str | None] = mapped_column(String(20))  # digid | desk | staff | demo

    household: Mapped[Household] = relationship(back_populates="members")

    def is_described_by(self, answered: dict) -> bool:
        """An intake's member entry (`answered`) is this member: the same BSN, or, without a
        BSN on either side (a young child, a walk-in), the same first name and birth date."""
        if self.bsn and answered.get("bsn"):
            return self.bsn == answered["bsn"]
        return (
            self.birth_date is not None
            and answered.get("birth_date") == self.birth_date.isoformat()
            and (answered.get("given_name") or None) == self.given_name
        )


class Intake(db.Model):
    """One submitted intake: the answers as given, and what the verordening made of them."""

    __tablename__ = "intake"
    # the dashboard counts intakes by period, channel and triage from this index (issue #18)
    __table_args__ = (
        Index("ix_intake_submitted_channel_triage", "submitted_at", "channel", "triage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="RESTRICT"), index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    channel: Mapped[str] = mapped_column(String(20), default="online")
    schema_version: Mapped[str] = mapped_column(String(10))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The evaluation is stored with the version and content hash of the verordening that made
    # it, so a later policy change can re-evaluate and show what differs.
    verordening_id: Mapped[str] = mapped_column(String(100))
    verordening_hash: Mapped[str] = mapped_column(String(64))
    evaluation: Mapped[dict[str, Any]] = mapped_column(JSON)
    triage: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    # Front desk (channel front_desk): who filled in the form with the resident, which
    # identity document they checked, and when the resident agreed to sending it.
    acting_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    identity_document: Mapped[str | None] = mapped_column(String(30))
    identity_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resident_agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    household: Mapped[Household] = relationship(back_populates="intakes")

    def stored_outcomes(self) -> dict[tuple[str, str | None], dict]:
        """The outcomes of the stored evaluation (household and members), by (rule id, the
        intake's member id): what the resident was told, with its explanation and reasons."""
        evaluation = self.evaluation or {}
        found = list((evaluation.get("household") or {}).get("outcomes") or [])
        for member in evaluation.get("members") or []:
            found += member.get("outcomes") or []
        return {(o.get("rule_id"), o.get("member_id")): o for o in found}

    def applicant_member(self) -> HouseholdMember | None:
        """The household member who sent this intake (its applicant): who told what it says."""
        applicant = next(
            (m for m in (self.answers or {}).get("members") or [] if m.get("role") == "applicant"),
            None,
        )
        return self.household_member(applicant.get("id")) if applicant else None

    def household_member(self, local_id: str | None) -> HouseholdMember | None:
        """The member of this intake's household that its member id ("m1") is about (by BSN,
        else name and birth date, as the intake service matches them)."""
        if not local_id:
            return None
        given = next(
            (m for m in (self.answers or {}).get("members") or [] if m.get("id") == local_id),
            None,
        )
        if given is None:
            return None
        return next((m for m in self.household.members if m.is_described_by(given)), None)


class IntakeResumeCode(db.Model):
    """The keyed hash of the resume code the draft had when it was submitted (the draft forgets
    it at submission), with the attempt counter for attaching the intake to a DigiD log-in
    later (portal/residents/attach.py). Written when the intake is filed (migration 0009)."""

    __tablename__ = "intake_resume_code"

    intake_id: Mapped[int] = mapped_column(
        ForeignKey("intake.id", ondelete="CASCADE"), primary_key=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class StaffMember(UserMixin, db.Model):
    """A municipal employee. Logs in with a password and a TOTP code (portal/staff/)."""

    __tablename__ = "staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    # Comma-separated role ids: front_desk, contact_person, team_lead, ontschotter,
    # policy_officer, admin.
    roles: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Argon2id hash (the argon2 string carries its own salt and parameters).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # The TOTP secret, Fernet-encrypted (portal/staff/totp.py; plaintext base32 from before
    # migration 0010 still works); `totp_confirmed` once the staff member entered a good code.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_confirmed: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The last TOTP time step that was accepted: a code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column()
    # Sessions carry this number; logging out or disabling the account raises it, so every
    # cookie issued before stops working (the cookie session itself lives in the browser).
    session_generation: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return bool(self.active)

    @property
    def role_set(self) -> frozenset[str]:
        return frozenset(r.strip() for r in (self.roles or "").split(",") if r.strip())

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set & set(roles))
