"""issue 14 (no lost updates on household data and outcome statuses)

- `household.version`, `household_outcome.version`: the version a staff form was read at is
  compared with these on save (portal/staff/versions.py); 0 for every existing row.
- `kept_post.draft_public_id`: a front-desk page kept after the staff session expired names the
  walk-in's draft, so the kept page can attach it to the browser again.

Revision ID: 0017_record_versions
Revises: 0016
Create Date: 2026-12-04 05:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_record_versions"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("household", "household_outcome"):
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
    op.add_column("kept_post", sa.Column("draft_public_id", sa.String(43), nullable=True))


def downgrade() -> None:
    for table in ("kept_post", "household_outcome", "household"):
        column = "draft_public_id" if table == "kept_post" else "version"
        with op.batch_alter_table(table) as batch:  # SQLite before 3.35 cannot drop a column
            batch.drop_column(column)
