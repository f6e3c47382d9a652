"""issue 12 (a household protected by staff, with a reason)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 03:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.add_column(sa.Column("protected_since", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("protected_reason", sa.Text()))
        batch.add_column(
            sa.Column(
                "protected_by_id",
                sa.Integer(),
                sa.ForeignKey(
                    "staff_member.id",
                    ondelete="SET NULL",
                    name="fk_household_protected_by_id_staff_member",
                ),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.drop_column("protected_by_id")
        batch.drop_column("protected_reason")
        batch.drop_column("protected_since")
