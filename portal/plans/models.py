"""The ondersteuningsplan tables (issue #5, migration 0008).

`plan`: one per household, the living draft the contact person edits. Its sections are
well-shaped JSON columns (lists of small records), the dates the caseload needs are real
columns. `plan_version`: an issued version, frozen as one JSON snapshot
(docs/plan-document.md). An issued version never changes: a flush that would change its
snapshot, number or issue fields, or an agreement once recorded, raises `FrozenVersion`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow

CHANNELS = ("online", "front_desk", "contact_person")


class FrozenVersion(RuntimeError):
    """Something tried to change an issued plan version."""


class Plan(db.Model):
    """The household's one plan: the structured, editable draft."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Raised on every saved change of the draft (shows whether the draft differs from a version).
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # The question: in the resident's own words (from the first intake, editable) and its history
    # (one entry per intake: reference, submitted_at, question as sent).
    own_words: Mapped[str] = mapped_column(Text, default="")
    wants_to_achieve: Mapped[str] = mapped_column(Text, default="")
    melding_date: Mapped[date | None] = mapped_column(Date)
    personal_plan_date: Mapped[date | None] = mapped_column(Date)
    question_history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # [{name, relation, kind, contact, role}]
    network: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # {domain key: {score, situation, goal}}; previous scores come from the last issued version.
    domains: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    strengths: Mapped[str] = mapped_column(Text, default="")
    own_contribution: Mapped[str] = mapped_column(Text, default="")
    # [{who, what, by (ISO date or null), done}]
    agreements: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # [{provision_id, need, effect, purpose_of_law, weighing, route, deviation,
    #   deviation_motivation}]
    reasoning: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # {household_outcome id (text): {cents, note}}: the expected cost per provision.
    costs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    evaluation_date: Mapped[date | None] = mapped_column(Date)


class PlanVersion(db.Model):
    """An issued version: numbered 1..n per household, frozen, kept forever."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("household_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    issued_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # online | front_desk | contact_person
    agreed_channel: Mapped[str | None] = mapped_column(String(20))
    agreed_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )


FROZEN = ("plan_id", "household_id", "number", "issued_at", "issued_by_staff_id", "snapshot")
ONCE = ("agreed_at", "agreed_channel", "agreed_by_staff_id")


@event.listens_for(PlanVersion, "before_update")
def _refuse_changes(_mapper, _connection, version: PlanVersion) -> None:
    state = inspect(version)
    for name in FROZEN:
        if state.attrs[name].history.has_changes():
            raise FrozenVersion(f"plan_version {version.id}: {name} cannot change")
    for name in ONCE:
        history = state.attrs[name].history
        if history.has_changes() and any(value is not None for value in history.deleted):
            raise FrozenVersion(f"plan_version {version.id}: {name} was already recorded")
