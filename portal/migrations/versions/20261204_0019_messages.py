"""issue 19 (messages to residents, safety first)

- `message`: the outbox of e-mails and text messages to residents, with state, attempts,
  lease and the reason a message failed or was not sent.
- `message_preference`: the channels a resident chose on Mijn aanvraag.

Revision ID: 0019_messages
Revises: 0018_shared_domain_consent
Create Date: 2026-12-04 06:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_messages"
down_revision = "0018_shared_domain_consent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event", sa.String(30), nullable=False),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("household_member.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "intake_id", sa.Integer(), sa.ForeignKey("intake.id", ondelete="CASCADE"), nullable=True
        ),
        sa.Column("channel", sa.String(10), nullable=True),
        sa.Column("address", sa.String(254), nullable=True),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("subject", sa.String(200), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_message_due", "message", ["state", "next_attempt_at"])
    op.create_index("ix_message_household_id", "message", ["household_id"])
    op.create_index("ix_message_member_id", "message", ["member_id"])
    op.create_table(
        "message_preference",
        sa.Column("bsn", sa.String(9), primary_key=True),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("sms", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("message_preference")
    op.drop_index("ix_message_member_id", table_name="message")
    op.drop_index("ix_message_household_id", table_name="message")
    op.drop_index("ix_message_due", table_name="message")
    op.drop_table("message")
