"""issue 19 (deadlines kept, data that ends on time)

- `term_extension`: an Awb 4:14 extension of an outcome's decision term (old and new date,
  reason, who).
- `ingebrekestelling`: a received ingebrekestelling; the dwangsom clock (Awb 4:17) runs until
  `stopped_on`.
- `due_reminder`: one row per plan date a reminder was sent for (sent once).
- `legal_hold`: a household the purge must leave alone, with the reason.
- `purge_record`: counts of what a purge removed, per regime and date; no identifiers.
- `destruction_request`: Jeugdwet 7.3.9 requests and how they were handled.

Revision ID: 0024_deadlines_retention
Revises: 0019_messages
Create Date: 2026-12-04 08:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_deadlines_retention"
down_revision = "0019_messages"
branch_labels = None
depends_on = None


def _fk(table: str, ondelete: str, nullable: bool = False) -> sa.Column:
    name = {"household": "household_id", "household_outcome": "outcome_id"}.get(table)
    return sa.Column(
        name,
        sa.Integer(),
        sa.ForeignKey(f"{table}.id", ondelete=ondelete),
        nullable=nullable,
    )


def _staff(name: str) -> sa.Column:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("staff_member.id", ondelete="SET NULL"), nullable=True
    )


def upgrade() -> None:
    op.create_table(
        "term_extension",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("household_outcome", "CASCADE"),
        _fk("household", "CASCADE"),
        sa.Column("previous_due_on", sa.Date(), nullable=False),
        sa.Column("new_due_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        _staff("recorded_by_id"),
    )
    op.create_index("ix_term_extension_outcome_id", "term_extension", ["outcome_id"])
    op.create_index("ix_term_extension_household_id", "term_extension", ["household_id"])
    op.create_table(
        "ingebrekestelling",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("household_outcome", "CASCADE"),
        _fk("household", "CASCADE"),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("term_ended_on", sa.Date(), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        _staff("recorded_by_id"),
    )
    op.create_index("ix_ingebrekestelling_outcome_id", "ingebrekestelling", ["outcome_id"])
    op.create_index("ix_ingebrekestelling_household_id", "ingebrekestelling", ["household_id"])
    op.create_table(
        "due_reminder",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("household", "CASCADE"),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("household_id", "kind", "item", "due_on", name="uq_due_reminder_item"),
    )
    op.create_table(
        "legal_hold",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("household", "CASCADE"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        _staff("set_by_id"),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        _staff("lifted_by_id"),
    )
    op.create_index("ix_legal_hold_household_id", "legal_hold", ["household_id"])
    op.create_table(
        "purge_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("purged_on", sa.Date(), nullable=False),
        sa.Column("regime", sa.String(40), nullable=False),
        sa.Column("cause", sa.String(20), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "destruction_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("household", "CASCADE"),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("household_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("asked_via", sa.String(10), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        _staff("registered_by_id"),
        sa.Column("decision", sa.String(20), nullable=True),
        sa.Column("decision_reason", sa.String(30), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        _staff("decided_by_id"),
    )
    op.create_index("ix_destruction_request_household_id", "destruction_request", ["household_id"])


def downgrade() -> None:
    op.drop_table("destruction_request")
    op.drop_table("purge_record")
    op.drop_table("legal_hold")
    op.drop_table("due_reminder")
    op.drop_table("ingebrekestelling")
    op.drop_table("term_extension")
