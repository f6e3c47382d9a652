"""issue 18 (client experience, Wmo 2.5.1)

- `survey_invitation`: who was invited for which plan, and only whether they answered.
- `survey_response`: one filled-in survey: the quarter, the team, an optional free text; a
  random key and no household, member or invitation (docs/survey.md).
- `survey_answer`: one answer per statement of a response.

Revision ID: 0027_client_survey
Revises: 0019_messages
Create Date: 2026-12-04 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0027_client_survey"
down_revision = "0020_ontschotter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_invitation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "household_id",
            sa.Integer(),
            sa.ForeignKey("household.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "member_id",
            sa.Integer(),
            sa.ForeignKey("household_member.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("plan_id", "member_id", name="uq_survey_invitation_person"),
    )
    op.create_index("ix_survey_invitation_household_id", "survey_invitation", ["household_id"])
    op.create_index("ix_survey_invitation_member_id", "survey_invitation", ["member_id"])
    op.create_table(
        "survey_response",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column(
            "team_id", sa.Integer(), sa.ForeignKey("team.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("comment", sa.Text(), nullable=True),
    )
    op.create_index("ix_survey_response_period_start", "survey_response", ["period_start"])
    op.create_table(
        "survey_answer",
        sa.Column(
            "response_id",
            sa.String(32),
            sa.ForeignKey("survey_response.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("question", sa.String(20), primary_key=True),
        sa.Column("answer", sa.String(1), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("survey_answer")
    op.drop_index("ix_survey_response_period_start", table_name="survey_response")
    op.drop_table("survey_response")
    op.drop_index("ix_survey_invitation_member_id", table_name="survey_invitation")
    op.drop_index("ix_survey_invitation_household_id", table_name="survey_invitation")
    op.drop_table("survey_invitation")
