"""issue 4 (password change and reset, TOTP secrets encrypted, team caseload index)

- `staff_member.totp_secret` widened from 64 to 255 characters: it now holds a Fernet token
  (about 140 characters). Secrets stored before stay plaintext base32 until their next use or
  `flask --app portal encrypt-totp-secrets` (the migration has no access to the key; see
  docs/staff.md). The login code reads both forms.
- `staff_password_reset`: one-time reset codes (hash only), `staff_account_event`: the account log.
- `ix_contact_assignment_active_team`: a team lead's caseload starts from the team's active
  assignments (docs/caseload.md).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 23:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.alter_column(
            "totp_secret",
            existing_type=sa.String(length=64),
            type_=sa.String(length=255),
            existing_nullable=True,
        )

    op.create_table(
        "staff_password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reset_totp", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_member.id"],
            name=op.f("fk_staff_password_reset_created_by_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_staff_password_reset_staff_id_staff_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_password_reset")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_staff_password_reset_code_hash")),
    )
    with op.batch_alter_table("staff_password_reset", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_password_reset_staff_id"), ["staff_id"], unique=False
        )

    op.create_table(
        "staff_account_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["staff_member.id"],
            name=op.f("fk_staff_account_event_actor_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_staff_account_event_staff_id_staff_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_account_event")),
    )
    with op.batch_alter_table("staff_account_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_account_event_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_staff_account_event_staff_id"), ["staff_id"], unique=False
        )

    with op.batch_alter_table("contact_assignment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_assignment_active_team",
            ["team_id", "staff_id"],
            unique=False,
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_assignment", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_contact_assignment_active_team",
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )

    with op.batch_alter_table("staff_account_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_account_event_staff_id"))
        batch_op.drop_index(batch_op.f("ix_staff_account_event_at"))
    op.drop_table("staff_account_event")

    with op.batch_alter_table("staff_password_reset", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_password_reset_staff_id"))
    op.drop_table("staff_password_reset")

    # Encrypted secrets do not fit 64 characters: they are cleared, so those accounts link
    # their app again at the next log-in (a downgrade cannot decrypt without the key).
    op.execute(
        sa.text(
            "UPDATE staff_member SET totp_secret = NULL, totp_confirmed = false, "
            "totp_last_step = NULL WHERE length(totp_secret) > 64"
        )
    )
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.alter_column(
            "totp_secret",
            existing_type=sa.String(length=255),
            type_=sa.String(length=64),
            existing_nullable=True,
        )
