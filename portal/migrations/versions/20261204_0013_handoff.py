"""issue 15 (the hand-off to the municipality's case systems)

- `handoff`: the outbox, written in the same transaction as the intake or the plan version.
- `handoff_zaak`: the zaken made per intake and regime, with the status last read back.
- `zaaktype_mapping`: the zaaktype per regime, edited by an admin.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoff",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE")),
        sa.Column("plan_version_id", sa.Integer()),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_handoff_household_id", "handoff", ["household_id"])
    op.create_index("ix_handoff_due", "handoff", ["state", "next_attempt_at"])
    op.create_table(
        "handoff_zaak",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "intake_id",
            sa.Integer(),
            sa.ForeignKey("intake.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("regime", sa.String(40), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("identificatie", sa.String(40), nullable=False),
        sa.Column("status", sa.String(200)),
        sa.Column("status_read_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("intake_id", "regime", name="uq_handoff_zaak_intake_regime"),
    )
    op.create_index("ix_handoff_zaak_household_id", "handoff_zaak", ["household_id"])
    op.create_table(
        "zaaktype_mapping",
        sa.Column("regime", sa.String(40), primary_key=True),
        sa.Column("zaaktype_url", sa.String(1000), nullable=False),
        sa.Column("vertrouwelijkheid", sa.String(30), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True)),
        sa.Column("check_error", sa.Text()),
        sa.Column(
            "updated_by_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="SET NULL"),
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("zaaktype_mapping")
    op.drop_index("ix_handoff_zaak_household_id", table_name="handoff_zaak")
    op.drop_table("handoff_zaak")
    op.drop_index("ix_handoff_due", table_name="handoff")
    op.drop_index("ix_handoff_household_id", table_name="handoff")
    op.drop_table("handoff")
