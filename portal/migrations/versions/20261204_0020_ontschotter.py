"""issue 17 (the ontschotter: escalation, casusplatform, decision, handgeld, evaluation)

- `escalation` and `escalation_barrier`: a stuck household escalated, with its schotten;
- `case_platform`, `platform_participant`, `platform_action`: the casusplatform, the decision
  with its Omgekeerde Toets motivation and the evaluation; actions land in the owner's caseload;
- `ontschotter_mandate`: the mandate an admin gives;
- `handgeld_budget` and `handgeld_payment`: the budget per year and its ledger (cents).

Revision ID: 0020_ontschotter
Revises: 0019_messages
Create Date: 2026-12-04 08:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_ontschotter"
down_revision = "0021_household_budget"
branch_labels = None
depends_on = None


def _staff(name: str, ondelete: str = "SET NULL", nullable: bool = True) -> sa.Column:
    return sa.Column(
        name,
        sa.Integer(),
        sa.ForeignKey("staff_member.id", ondelete=ondelete),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _staff("raised_by_id"),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("target_on", sa.Date(), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("tried", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("days_to_breakthrough", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    op.create_index("ix_escalation_household_id", "escalation", ["household_id"])
    op.create_index("ix_escalation_target_on", "escalation", ["target_on"])
    op.create_table(
        "escalation_barrier",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "escalation_id",
            sa.Integer(),
            sa.ForeignKey("escalation.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("side_a", sa.String(40), nullable=False),
        sa.Column("side_b", sa.String(40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_escalation_barrier_escalation_id", "escalation_barrier", ["escalation_id"])
    op.create_table(
        "case_platform",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "escalation_id",
            sa.Integer(),
            sa.ForeignKey("escalation.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        _staff("convened_by_id"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("first_problem", sa.Text(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.Column("authority", sa.String(20), nullable=True),
        sa.Column("effect", sa.Text(), nullable=True),
        sa.Column("purpose_of_law", sa.Text(), nullable=True),
        sa.Column("weighing", sa.Text(), nullable=True),
        sa.Column("route", sa.Text(), nullable=True),
        _staff("decided_by_id"),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("evaluation", sa.String(10), nullable=True),
        sa.Column("evaluation_schot", sa.Text(), nullable=True),
        sa.Column("evaluation_note", sa.Text(), nullable=True),
        _staff("evaluated_by_id"),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_case_platform_decided_on", "case_platform", ["decided_on"])
    op.create_table(
        "platform_participant",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "platform_id",
            sa.Integer(),
            sa.ForeignKey("case_platform.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
    )
    op.create_index("ix_platform_participant_platform_id", "platform_participant", ["platform_id"])
    op.create_table(
        "platform_action",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "platform_id",
            sa.Integer(),
            sa.ForeignKey("case_platform.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("what", sa.Text(), nullable=False),
        _staff("owner_id", "RESTRICT", nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_platform_action_platform_id", "platform_action", ["platform_id"])
    op.create_index("ix_platform_action_household_id", "platform_action", ["household_id"])
    op.create_index("ix_platform_action_owner_id", "platform_action", ["owner_id"])
    op.create_table(
        "ontschotter_mandate",
        sa.Column(
            "staff_id",
            sa.Integer(),
            sa.ForeignKey("staff_member.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("granted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("per_payment_limit_cents", sa.BigInteger(), nullable=True),
        _staff("set_by_id"),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "handgeld_budget",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("per_payment_limit_cents", sa.BigInteger(), nullable=False),
        _staff("set_by_id"),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    op.create_table(
        "handgeld_payment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), sa.ForeignKey("handgeld_budget.year"), nullable=False),
        sa.Column(
            "escalation_id",
            sa.Integer(),
            sa.ForeignKey("escalation.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        _staff("approved_by_id"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prefinancing", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("recover_from", sa.String(40), nullable=True),
        sa.Column("recovered_cents", sa.BigInteger(), nullable=True),
        sa.Column("recovered_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_handgeld_payment_year", "handgeld_payment", ["year"])
    op.create_index("ix_handgeld_payment_escalation_id", "handgeld_payment", ["escalation_id"])


def downgrade() -> None:
    op.drop_index("ix_handgeld_payment_escalation_id", table_name="handgeld_payment")
    op.drop_index("ix_handgeld_payment_year", table_name="handgeld_payment")
    op.drop_table("handgeld_payment")
    op.drop_table("handgeld_budget")
    op.drop_table("ontschotter_mandate")
    op.drop_index("ix_platform_action_owner_id", table_name="platform_action")
    op.drop_index("ix_platform_action_household_id", table_name="platform_action")
    op.drop_index("ix_platform_action_platform_id", table_name="platform_action")
    op.drop_table("platform_action")
    op.drop_index("ix_platform_participant_platform_id", table_name="platform_participant")
    op.drop_table("platform_participant")
    op.drop_index("ix_case_platform_decided_on", table_name="case_platform")
    op.drop_table("case_platform")
    op.drop_index("ix_escalation_barrier_escalation_id", table_name="escalation_barrier")
    op.drop_table("escalation_barrier")
    op.drop_index("ix_escalation_target_on", table_name="escalation")
    op.drop_index("ix_escalation_household_id", table_name="escalation")
    op.drop_table("escalation")
