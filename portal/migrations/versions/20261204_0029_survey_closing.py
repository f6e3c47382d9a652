"""issue 18 (client experience, Wmo 2.5.1): a closing date and one reminder

- `survey_invitation.closes_on`: the last day the person can take part (the invitation's day
  plus `SURVEY_OPEN_DAYS`, stored so a later change of the setting never moves a date a
  resident was told); invitations written before this revision get their invitation day plus
  the default 28 days.
- `survey_invitation.reminded`: whether the one reminder was written (docs/survey.md).

Revision ID: 0029_survey_closing
Revises: 0027_client_survey
Create Date: 2026-12-04 12:00:00
"""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0029_survey_closing"
down_revision = "0027_client_survey"
branch_labels = None
depends_on = None

OPEN_DAYS = 28  # the default of SURVEY_OPEN_DAYS (portal/services/survey.py)


def upgrade() -> None:
    with op.batch_alter_table("survey_invitation") as batch:
        batch.add_column(sa.Column("closes_on", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("reminded", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    table = sa.table(
        "survey_invitation",
        sa.column("id", sa.Integer()),
        sa.column("invited_at", sa.DateTime(timezone=True)),
        sa.column("closes_on", sa.Date()),
    )
    connection = op.get_bind()
    amsterdam = ZoneInfo("Europe/Amsterdam")
    rows = connection.execute(sa.select(table.c.id, table.c.invited_at)).all()
    for row_id, invited_at in rows:
        moment = invited_at if invited_at.tzinfo else invited_at.replace(tzinfo=UTC)
        closes_on = moment.astimezone(amsterdam).date() + timedelta(days=OPEN_DAYS)
        connection.execute(table.update().where(table.c.id == row_id).values(closes_on=closes_on))
    with op.batch_alter_table("survey_invitation") as batch:
        batch.alter_column("closes_on", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("survey_invitation") as batch:
        batch.drop_column("reminded")
        batch.drop_column("closes_on")
