"""issue 19 (people acting for a resident)

- `representation`: someone acting for a resident: a written authorisation registered by
  staff, a DigiD Machtigen log-in, or a parent for a child under 16 (kind, scope, dates).
- `intake_filed_by`: an intake a representative filed for the resident.
- `resident_session.acting_for_id`: the representation the session acts under, if any.

Revision ID: 0025_representation
Revises: 0024_deadlines_retention
Create Date: 2026-12-04 08:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0025_representation"
down_revision = "0022_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "representation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("representative_bsn", sa.String(length=9), nullable=False),
        sa.Column("representative_name", sa.String(length=200), nullable=True),
        sa.Column("subject_bsn", sa.String(length=9), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("actions", sa.String(length=100), nullable=False),
        sa.Column("regimes", sa.String(length=200), nullable=False),
        sa.Column("service_id", sa.String(length=200), nullable=True),
        sa.Column("id_checked", sa.String(length=40), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("registered_by_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_representation_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["household_member.id"],
            name=op.f("fk_representation_member_id_household_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["registered_by_id"],
            ["staff_member.id"],
            name=op.f("fk_representation_registered_by_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_member.id"],
            name=op.f("fk_representation_withdrawn_by_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_representation")),
    )
    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_representation_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_representation_representative_bsn"), ["representative_bsn"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_representation_subject_bsn"), ["subject_bsn"], unique=False
        )
    op.create_table(
        "intake_filed_by",
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("representation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"],
            ["intake.id"],
            name=op.f("fk_intake_filed_by_intake_id_intake"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["representation_id"],
            ["representation.id"],
            name=op.f("fk_intake_filed_by_representation_id_representation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("intake_id", name=op.f("pk_intake_filed_by")),
    )
    with op.batch_alter_table("intake_filed_by", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_filed_by_representation_id"), ["representation_id"], unique=False
        )
    with op.batch_alter_table("resident_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("acting_for_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("resident_session", schema=None) as batch_op:
        batch_op.drop_column("acting_for_id")
    with op.batch_alter_table("intake_filed_by", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_filed_by_representation_id"))
    op.drop_table("intake_filed_by")
    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_representation_subject_bsn"))
        batch_op.drop_index(batch_op.f("ix_representation_representative_bsn"))
        batch_op.drop_index(batch_op.f("ix_representation_household_id"))
    op.drop_table("representation")
