"""issue 12 (households matched only on a verified identity)

- `household_member.identity_verified` / `verified_via`: whose identity was checked (DigiD, an
  ID document at the desk, staff). Existing members start unverified: before this revision a
  household was matched on any typed BSN, so no existing membership is proof of identity. A
  resident whose member row is unverified still reaches their intake by attaching it with its
  reference number and resume code, or after staff confirm it (docs/households.md).
- `household_match`: a typed BSN that matches an existing household, for staff to decide.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 23:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "identity_verified", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(sa.Column("verified_via", sa.String(length=20), nullable=True))
    op.create_table(
        "household_match",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "new_household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column(
            "existing_household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "existing_member_id",
            sa.Integer(),
            sa.ForeignKey("household_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "decided_by_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_index("ix_household_match_new_household_id", "household_match", ["new_household_id"])
    op.create_index(
        "ix_household_match_existing_household_id", "household_match", ["existing_household_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_household_match_existing_household_id", table_name="household_match")
    op.drop_index("ix_household_match_new_household_id", table_name="household_match")
    op.drop_table("household_match")
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.drop_column("verified_via")
        batch_op.drop_column("identity_verified")
