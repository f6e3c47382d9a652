"""Households and their one contact person: teams, assignments, the case log, consent and the
append-only audit trail (issue #4). Migration 0005."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
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
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models import HouseholdMember, StaffMember, utcnow


class Team(db.Model):
    """A team of contact persons, serving an area given as postcode ranges."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # Households whose postcode no team covers go to the fallback team.
    is_fallback: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    ranges: Mapped[list[TeamPostcodeRange]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="TeamPostcodeRange.start"
    )
    memberships: Mapped[list[TeamMembership]] = relationship(back_populates="team")


class TeamPostcodeRange(db.Model):
    """Postcode numbers (the four digits) `start`..`end`, both included."""

    __tablename__ = "team_postcode_range"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    team: Mapped[Team] = relationship(back_populates="ranges")


class TeamMembership(db.Model):
    """A staff member belongs to at most one team; `leads` marks the team lead.

    `available` (default yes) says whether the person can take an urgent household now.
    """

    __tablename__ = "team_membership"

    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    leads: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    available: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    team: Mapped[Team] = relationship(back_populates="memberships")
    staff: Mapped[StaffMember] = relationship()


class ContactAssignment(db.Model):
    """Who is (or was) the contact person of a household. At most one active row per household,
    enforced by the database (partial unique index where `ended_at` is null)."""

    __tablename__ = "contact_assignment"
    __table_args__ = (
        Index(
            "uq_contact_assignment_one_active",
            "household_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="RESTRICT"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The note for the new contact person (mandatory at a handover; a short reason otherwise).
    note: Mapped[str | None] = mapped_column(Text)
    # Who made the assignment; None when the rules did it on a submitted intake.
    assigned_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )

    staff: Mapped[StaffMember] = relationship(foreign_keys=[staff_id])
    assigned_by: Mapped[StaffMember | None] = relationship(foreign_keys=[assigned_by_id])
    team: Mapped[Team | None] = relationship()


class CaseLogEntry(db.Model):
    """The household's chronological case log: notes, calls, events, handovers."""

    __tablename__ = "case_log_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"))
    # note | call | event | handover | stuck | unstuck | consent | consent_withdrawn
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)

    staff: Mapped[StaffMember | None] = relationship()


class HouseholdCase(db.Model):
    """Follow-through state of a household that is not part of the intake: the stuck flag."""

    __tablename__ = "household_case"

    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True
    )
    stuck_reason: Mapped[str | None] = mapped_column(Text)
    stuck_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Consent(db.Model):
    """The resident agreed that we share with `organisation` for `purpose` (until withdrawn)."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    organisation: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    given_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )


class AccessGrant(db.Model):
    """An admin gave a reason to open one household file; valid until `expires_at`."""

    __tablename__ = "access_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), index=True
    )
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


REFUSED = "refused"  # AuditEvent.action of an attempt the access rules turned down (issue #14)
LOOKUP = "lookup"  # the front desk asked whom to call for a BSN (issue #12)


class AuditEvent(db.Model):
    """Append-only: who read or changed which household's data, when, from where.

    Never holds a BSN or health values: `what` is a route or an object id. There is no code
    that updates or deletes a row; on PostgreSQL a trigger refuses UPDATE and DELETE.
    """

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(20))
    acting_for: Mapped[str | None] = mapped_column(String(100))
    # No foreign key: the trail outlives the household file (retention differs).
    household_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(20))  # read | search | export | change | refused
    what: Mapped[str] = mapped_column(String(200))
    ip: Mapped[str | None] = mapped_column(String(45))


class HouseholdMembershipChange(db.Model):
    """A member moved from one household to another (a child turning 18, a partner leaving),
    by a staff member, with a reason. The history stays when the member moves again."""

    __tablename__ = "household_membership_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("household_member.id", ondelete="CASCADE"), index=True
    )
    from_household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="SET NULL"), index=True
    )
    to_household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    member: Mapped[HouseholdMember] = relationship()
    staff: Mapped[StaffMember | None] = relationship()


class HouseholdMatch(db.Model):
    """A submitted intake names a BSN that an existing household already has, but nobody
    verified who typed it (issue #12). The intake got a household of its own; staff decide
    here whether it is the same household (merge), not (keep_apart), or ask the resident."""

    __tablename__ = "household_match"

    id: Mapped[int] = mapped_column(primary_key=True)
    # the household the new intake was filed in, and the existing one it may belong to
    new_household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    existing_household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    existing_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_member.id", ondelete="SET NULL")
    )
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intake.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(30))  # bsn | bsn_birth_date_differs
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decision: Mapped[str | None] = mapped_column(String(20))  # merge | keep_apart | ask
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )

    existing_member: Mapped[HouseholdMember | None] = relationship()
    decided_by: Mapped[StaffMember | None] = relationship()


class MeldcodeStep(db.Model):
    """One step of the Meldcode huiselijk geweld en kindermishandeling worked in a household's
    file (issue #12): who did it, on which day, and what was decided. Steps are recorded, never
    edited: a later record of the same step is its new state (the history stays)."""

    __tablename__ = "meldcode_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[int] = mapped_column()  # 1..5, see portal/households/meldcode.py
    who: Mapped[str] = mapped_column(String(200))
    done_on: Mapped[date] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(Text)
    # step 5 only: help | report | help_and_report
    outcome: Mapped[str | None] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )

    recorded_by: Mapped[StaffMember | None] = relationship()


class Representation(db.Model):
    """Someone acting for a resident (issue #19, migration 0025): who acts (BSN and name), for
    whom (BSN; the member when known), on what ground (`source`), with what `kind` and scope.

    - `written`: a written authorisation registered by staff (the household's contact person
      or team lead) after checking the representative's ID: kind, scope, start and end date;
      staff may withdraw it. An expired or withdrawn one is refused at every request.
    - `digid_machtigen`: the DigiD broker said so at log-in (the acting person's and the
      represented person's BSN, and the DigiD Machtigen service); scope from the service.
    - `ouder`: a verified adult member acting for a child under 16 of the same household.

    Audit rows name a representation (`audit_event.acting_for = "representation:<id>"`), never
    a BSN, so "who looked" can say who acted for whom. Kept as long as the household file."""

    __tablename__ = "representation"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))  # written | digid_machtigen | ouder
    kind: Mapped[str] = mapped_column(String(20))  # mantelzorger | familie | bewindvoerder | ...
    representative_bsn: Mapped[str] = mapped_column(String(9), index=True)
    representative_name: Mapped[str | None] = mapped_column(String(200))
    subject_bsn: Mapped[str | None] = mapped_column(String(9), index=True)  # a child may have none
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_member.id", ondelete="SET NULL")
    )
    # what the representative may do: aanvragen, lezen, berichten (comma-separated)
    actions: Mapped[str] = mapped_column(String(100))
    # the regimes it covers (comma-separated keys of the verordening; empty: none)
    regimes: Mapped[str] = mapped_column(String(200))
    service_id: Mapped[str | None] = mapped_column(String(200))  # DigiD Machtigen dienst
    id_checked: Mapped[str | None] = mapped_column(String(40))  # the document staff saw
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    registered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )

    registered_by: Mapped[StaffMember | None] = relationship(foreign_keys=[registered_by_id])


class IntakeFiledBy(db.Model):
    """An intake filed by a representative for the resident ("ingediend door X namens Y")."""

    __tablename__ = "intake_filed_by"

    intake_id: Mapped[int] = mapped_column(
        ForeignKey("intake.id", ondelete="CASCADE"), primary_key=True
    )
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
