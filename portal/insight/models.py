"""The insight tables (issue #18, migration 0023).

`verordening_draft`: a draft verordening file a policy officer uploaded, kept as text so a later
what-if can use it again. `whatif_run`: one what-if (live version against a draft over the
stored intakes of a period), its progress, its cancel flag and its kept result (`summary`).
`whatif_change`: one changed outcome of one household, under a pseudonym (a keyed hash of the
household id, not reversible); `household_id` is kept only so staff who may open that
household can go to it from the list (the policy officer never can).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow

QUEUED, RUNNING, DONE, CANCELLED, FAILED = "queued", "running", "done", "cancelled", "failed"
FINISHED = (DONE, CANCELLED, FAILED)


class VerordeningDraft(db.Model):
    __tablename__ = "verordening_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # the file name as uploaded
    content: Mapped[bytes] = mapped_column(LargeBinary)  # the file (YAML, or a .zip)
    content_hash: Mapped[str] = mapped_column(String(64))
    verordening_id: Mapped[str] = mapped_column(String(100))  # the `id` in the file
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )


class WhatIfRun(db.Model):
    __tablename__ = "whatif_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("verordening_draft.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    # the live version it was compared with (id and content hash), set when the run starts
    live_id: Mapped[str | None] = mapped_column(String(100))
    live_hash: Mapped[str | None] = mapped_column(String(64))
    # the period of intakes (submission date in the Netherlands), both ends included; None: all
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default=QUEUED)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # a worker holds the run until then; a run whose worker died is started again by the sweep
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)
    # the kept result: counts per regime and provision, triage moves, costs (insight/whatif.py)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class WhatIfChange(db.Model):
    __tablename__ = "whatif_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("whatif_run.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(16), index=True)
    household_id: Mapped[int] = mapped_column(Integer)  # no FK: a result outlives a household
    intake_id: Mapped[int] = mapped_column(Integer)
    member: Mapped[str | None] = mapped_column(String(20))  # the intake's member id ("m2")
    regime: Mapped[str] = mapped_column(String(40))
    provision_id: Mapped[str] = mapped_column(String(100))
    rule_id: Mapped[str] = mapped_column(String(100))
    # gained | lost | urgency | term | triage
    change: Mapped[str] = mapped_column(String(20))
    was: Mapped[str | None] = mapped_column(String(100))
    now: Mapped[str | None] = mapped_column(String(100))
    # estimated change per month in cents (+ more, - less), and where that figure comes from:
    # plan (the expected cost staff entered in the household's plan), verordening (the rule's
    # estimate_per_month on the intake's answers) or None (not known)
    cost_cents: Mapped[int | None] = mapped_column(Integer)
    cost_source: Mapped[str | None] = mapped_column(String(20))
