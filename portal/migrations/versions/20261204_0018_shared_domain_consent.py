"""issue 12 (a consent per domain to share with the household)

- `shared_domain_consent`: a member lets the other members see what they told about debts,
  health or safety (one row per domain, until withdrawn).

Revision ID: 0018_shared_domain_consent
Revises: 0017_record_versions
Create Date: 2026-12-04 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_shared_domain_consent"
down_revision = "0017_record_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shared_domain_consent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("household_member.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("domain", sa.String(20), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_shared_domain_consent_member_id", "shared_domain_consent", ["member_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_shared_domain_consent_member_id", table_name="shared_domain_consent")
    op.drop_table("shared_domain_consent")
