"""issue 15 (our own JSON API, /api/v1)

- `api_client`: a calling system, its scopes and its token (only a prefix and a SHA-256 hash).
- `api_submission`: the intakes a client filed, with the answer (an Idempotency-Key retry
  gets it again).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_client",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("scopes", sa.String(400), nullable=False),
        sa.Column("token_prefix", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "staff_member.id",
                ondelete="SET NULL",
                name="fk_api_client_created_by_id_staff_member",
            ),
        ),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column(
            "revoked_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "staff_member.id",
                ondelete="SET NULL",
                name="fk_api_client_revoked_by_id_staff_member",
            ),
        ),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("token_prefix", name="uq_api_client_token_prefix"),
    )
    op.create_table(
        "api_submission",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "client_id",
            sa.Integer(),
            sa.ForeignKey("api_client.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="SET NULL")),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("idempotency_key", sa.String(200)),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "client_id", "idempotency_key", name="uq_api_submission_client_id"
        ),
    )
    op.create_index("ix_api_submission_client_id", "api_submission", ["client_id"])
    op.create_index("ix_api_submission_intake_id", "api_submission", ["intake_id"])
    op.create_index("ix_api_submission_reference", "api_submission", ["reference"])


def downgrade() -> None:
    op.drop_table("api_submission")
    op.drop_table("api_client")
