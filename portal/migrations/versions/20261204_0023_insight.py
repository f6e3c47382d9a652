"""issue 18 (insight: what-if over real intakes, management figures)

- `verordening_draft`: draft verordening files a policy officer uploaded.
- `whatif_run`: one what-if (live against a draft over the intakes of a period), its progress,
  cancel flag, lease and kept summary.
- `whatif_change`: one changed outcome of one household, under a pseudonym.
- indexes for the dashboard's aggregates: intakes by submission moment.

Revision ID: 0023_insight
Revises: 0022_documents (re-chained after merging main; written against 0019_messages)
Create Date: 2026-12-04 08:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0023_insight"
down_revision = "0025_representation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verordening_draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("verordening_id", sa.String(100), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "uploaded_by_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_table(
        "whatif_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "draft_id",
            sa.Integer(),
            sa.ForeignKey("verordening_draft.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_by_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("live_id", sa.String(100), nullable=True),
        sa.Column("live_hash", sa.String(64), nullable=True),
        sa.Column("period_from", sa.Date(), nullable=True),
        sa.Column("period_to", sa.Date(), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
    )
    op.create_table(
        "whatif_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "run_id",
            sa.Integer(),
            sa.ForeignKey("whatif_run.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("pseudonym", sa.String(16), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("member", sa.String(20), nullable=True),
        sa.Column("regime", sa.String(40), nullable=False),
        sa.Column("provision_id", sa.String(100), nullable=False),
        sa.Column("rule_id", sa.String(100), nullable=False),
        sa.Column("change", sa.String(20), nullable=False),
        sa.Column("was", sa.String(100), nullable=True),
        sa.Column("now", sa.String(100), nullable=True),
        sa.Column("cost_cents", sa.Integer(), nullable=True),
        sa.Column("cost_source", sa.String(20), nullable=True),
    )
    op.create_index("ix_whatif_change_run_id", "whatif_change", ["run_id"])
    op.create_index("ix_whatif_change_pseudonym", "whatif_change", ["pseudonym"])
    # the dashboard counts intakes by period, channel and triage from this index alone
    op.create_index(
        "ix_intake_submitted_channel_triage", "intake", ["submitted_at", "channel", "triage"]
    )


def downgrade() -> None:
    op.drop_index("ix_intake_submitted_channel_triage", table_name="intake")
    op.drop_index("ix_whatif_change_pseudonym", table_name="whatif_change")
    op.drop_index("ix_whatif_change_run_id", table_name="whatif_change")
    op.drop_table("whatif_change")
    op.drop_table("whatif_run")
    op.drop_table("verordening_draft")
