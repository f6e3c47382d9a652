"""issue 12 (the meldcode in the household file)

- `meldcode_step`: the five steps of the Meldcode huiselijk geweld en kindermishandeling, each
  recorded with who, when and what was decided.
- `household_due.due_kind`: what is due first (an outcome, the plan's evaluation, or the next
  meldcode step), so the caseload says which.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 00:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meldcode_step",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "recorded_by_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_index("ix_meldcode_step_household_id", "meldcode_step", ["household_id"])
    with op.batch_alter_table("household_due", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_kind", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("household_due", schema=None) as batch_op:
        batch_op.drop_column("due_kind")
    op.drop_index("ix_meldcode_step_household_id", table_name="meldcode_step")
    op.drop_table("meldcode_step")
