"""The ontschotter's tables (issue #17, docs/escalations.md): escalations with their schotten,
the casusplatform with participants and actions, the breakthrough decision and its evaluation,
the mandate an admin gives, and the handgeld: a budget per year and a ledger of payments.

Money is integer cents (BigInteger), never a float. Migration 0020_ontschotter."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models import StaffMember, utcnow

# escalation.status: raised → platform (a casusplatform is planned or held) → decided
# (breakthrough decision recorded) → evaluated
RAISED, PLATFORM, DECIDED, EVALUATED = "raised", "platform", "decided", "evaluated"
# decision authority (docs/escalations.md)
MANDATE, HARDHEID, EXPERIMENT, COUNCIL = "mandate", "hardheidsclausule", "experiment", "council"
TARGET_DAYS = 21  # the three weeks of the seed (000_…: "binnen drie weken vlot getrokken")


class Escalation(db.Model):
    """A household escalated to the ontschotter by its contact person or team lead."""

    __tablename__ = "escalation"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    raised_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the day in the Netherlands it was raised, and the three-week target from it
    raised_on: Mapped[date] = mapped_column(Date)
    target_on: Mapped[date] = mapped_column(Date, index=True)
    need: Mapped[str] = mapped_column(Text)  # what the resident needs
    tried: Mapped[str] = mapped_column(Text)  # what has been tried
    status: Mapped[str] = mapped_column(String(20), default=RAISED)
    # Days from raised_on to the breakthrough decision (set when decided): the report's median
    # and share within three weeks are SQL aggregates over this column.
    days_to_breakthrough: Mapped[int | None] = mapped_column(Integer)
    # Compared on every save of the platform, decision and evaluation (portal/staff/versions.py).
    version: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    raised_by: Mapped[StaffMember | None] = relationship()
    barriers: Mapped[list[Barrier]] = relationship(
        back_populates="escalation", cascade="all, delete-orphan", order_by="Barrier.id"
    )
    platform: Mapped[CasePlatform | None] = relationship(
        back_populates="escalation", cascade="all, delete-orphan", uselist=False
    )


class Barrier(db.Model):
    """One schot: two regimes or organisations that together block the solution. Stored with
    the two ids in sorted order, so "Wmo and Zvw" and "Zvw and Wmo" count as one schot."""

    __tablename__ = "escalation_barrier"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(
        ForeignKey("escalation.id", ondelete="CASCADE"), index=True
    )
    side_a: Mapped[str] = mapped_column(String(40))
    side_b: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)

    escalation: Mapped[Escalation] = relationship(back_populates="barriers")


class CasePlatform(db.Model):
    """The casusplatform of one escalation: when, who, the first problem, and later the
    breakthrough decision (with its Omgekeerde Toets motivation) and the evaluation."""

    __tablename__ = "case_platform"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(
        ForeignKey("escalation.id", ondelete="CASCADE"), unique=True
    )
    convened_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    held_on: Mapped[date] = mapped_column(Date)
    first_problem: Mapped[str] = mapped_column(Text)
    # the breakthrough decision
    decision: Mapped[str | None] = mapped_column(Text)
    authority: Mapped[str | None] = mapped_column(String(20))
    effect: Mapped[str | None] = mapped_column(Text)
    purpose_of_law: Mapped[str | None] = mapped_column(Text)
    weighing: Mapped[str | None] = mapped_column(Text)
    route: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_on: Mapped[date | None] = mapped_column(Date, index=True)
    # the evaluation after the decision: worked | partly | not
    evaluation: Mapped[str | None] = mapped_column(String(10))
    evaluation_schot: Mapped[str | None] = mapped_column(Text)
    evaluation_note: Mapped[str | None] = mapped_column(Text)
    evaluated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    evaluated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    escalation: Mapped[Escalation] = relationship(back_populates="platform")
    decided_by: Mapped[StaffMember | None] = relationship(foreign_keys=[decided_by_id])
    participants: Mapped[list[PlatformParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="PlatformParticipant.id"
    )
    actions: Mapped[list[PlatformAction]] = relationship(
        cascade="all, delete-orphan", order_by="PlatformAction.id"
    )


class PlatformParticipant(db.Model):
    """A professional at the table: name, organisation and role (no resident data)."""

    __tablename__ = "platform_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(
        ForeignKey("case_platform.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))


class PlatformAction(db.Model):
    """An action agreed at the platform, owned by a staff member inside the product, due on a
    date: it shows in the owner's caseload until done (docs/escalations.md)."""

    __tablename__ = "platform_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(
        ForeignKey("case_platform.id", ondelete="CASCADE"), index=True
    )
    # copied from the escalation: the caseload reads a household's open actions by it
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="RESTRICT"), index=True
    )
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    owner: Mapped[StaffMember] = relationship()


class OntschotterMandate(db.Model):
    """The mandate an admin gives one ontschotter: whether they may decide and pay, and an
    optional limit per payment of their own (below the year's limit)."""

    __tablename__ = "ontschotter_mandate"

    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True
    )
    granted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    per_payment_limit_cents: Mapped[int | None] = mapped_column(BigInteger)
    set_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class HandgeldBudget(db.Model):
    """The handgeld for one calendar year, set by an admin: the year's amount (the limit per
    year) and the limit per payment. `version` is also taken by every payment, so two payments
    at the same moment cannot both spend the last euros."""

    __tablename__ = "handgeld_budget"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    per_payment_limit_cents: Mapped[int] = mapped_column(BigInteger)
    set_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=0, server_default=text("0"))


class HandgeldPayment(db.Model):
    """One payment from the handgeld: for which household (through its escalation), what for,
    how much, approved by whom; and, for pre-financing, from which regime it is to be
    recovered and later how much was recovered."""

    __tablename__ = "handgeld_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("handgeld_budget.year"), index=True)
    # The ledger outlives the household file (retention): the links become NULL, the money stays.
    escalation_id: Mapped[int | None] = mapped_column(
        ForeignKey("escalation.id", ondelete="SET NULL"), index=True
    )
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id", ondelete="SET NULL")
    )
    purpose: Mapped[str] = mapped_column(Text)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    paid_on: Mapped[date] = mapped_column(Date)
    approved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    prefinancing: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    recover_from: Mapped[str | None] = mapped_column(String(40))  # a schot side id
    recovered_cents: Mapped[int | None] = mapped_column(BigInteger)
    recovered_on: Mapped[date | None] = mapped_column(Date)

    approved_by: Mapped[StaffMember | None] = relationship(foreign_keys=[approved_by_id])
