"""issue 17 (one household budget)

- `household_budget_line`: a provision's (or the integrated) budget for a period.
- `household_budget_booking`: spending booked against a line, by staff or from a CSV file;
  struck out (never deleted) when it was made in error.

Revision ID: 0021_household_budget
Revises: 0019_messages
Create Date: 2026-12-04 08:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_household_budget"
down_revision = "0023_insight"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "household_budget_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "outcome_id",
            sa.Integer(),
            sa.ForeignKey("household_outcome.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("integrated", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("regime", sa.String(40), nullable=False),
        sa.Column("regimes", sa.String(400), nullable=False),
        sa.Column("provision_id", sa.String(100), nullable=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("allocated_cents", sa.BigInteger(), nullable=False),
        sa.Column("provider", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_by_staff_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    op.create_index(
        "ix_household_budget_line_household_id", "household_budget_line", ["household_id"]
    )
    op.create_table(
        "household_budget_booking",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "line_id",
            sa.Integer(),
            sa.ForeignKey("household_budget_line.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("provider", sa.String(200), nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("import_digest", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_by_staff_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "cancelled_by_staff_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("cancel_reason", sa.String(200), nullable=True),
    )
    op.create_index("ix_household_budget_booking_line_id", "household_budget_booking", ["line_id"])
    op.create_index(
        "ix_household_budget_booking_digest",
        "household_budget_booking",
        ["household_id", "import_digest"],
    )


def downgrade() -> None:
    op.drop_index("ix_household_budget_booking_digest", table_name="household_budget_booking")
    op.drop_index("ix_household_budget_booking_line_id", table_name="household_budget_booking")
    op.drop_table("household_budget_booking")
    op.drop_index("ix_household_budget_line_household_id", table_name="household_budget_line")
    op.drop_table("household_budget_line")
