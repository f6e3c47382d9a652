"""issue 6 (resident log-in and Mijn aanvraag): resident sessions, attached intakes, the resume
code of a submitted intake, the last visit per household, and youth-data consent (Jeugdwet 16+)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 23:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resident_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_resident_session_token_hash")),
    )
    with op.batch_alter_table("resident_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resident_session_bsn"), ["bsn"], unique=False)

    op.create_table(
        "resident_intake_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"],
            ["intake.id"],
            name=op.f("fk_resident_intake_link_intake_id_intake"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident_intake_link")),
        sa.UniqueConstraint("bsn", "intake_id", name=op.f("uq_resident_intake_link_bsn")),
    )
    with op.batch_alter_table("resident_intake_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resident_intake_link_bsn"), ["bsn"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_resident_intake_link_intake_id"), ["intake_id"], unique=False
        )

    op.create_table(
        "intake_resume_code",
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["intake_id"],
            ["intake.id"],
            name=op.f("fk_intake_resume_code_intake_id_intake"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("intake_id", name=op.f("pk_intake_resume_code")),
    )

    op.create_table(
        "resident_visit",
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("contact_assignment_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_resident_visit_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("bsn", "household_id", name=op.f("pk_resident_visit")),
    )

    op.create_table(
        "youth_data_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["household_member.id"],
            name=op.f("fk_youth_data_consent_member_id_household_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth_data_consent")),
    )
    with op.batch_alter_table("youth_data_consent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_youth_data_consent_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("youth_data_consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_youth_data_consent_member_id"))
    op.drop_table("youth_data_consent")
    op.drop_table("resident_visit")
    op.drop_table("intake_resume_code")
    with op.batch_alter_table("resident_intake_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resident_intake_link_intake_id"))
        batch_op.drop_index(batch_op.f("ix_resident_intake_link_bsn"))
    op.drop_table("resident_intake_link")
    with op.batch_alter_table("resident_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resident_session_bsn"))
    op.drop_table("resident_session")
