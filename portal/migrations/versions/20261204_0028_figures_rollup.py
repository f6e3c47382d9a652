"""issue 18 (the management figures' rollup)

- `figures_rollup`: every figure of the Cijfers page pre-counted per day, team and the
  figure's keys (portal/insight/figures_rollup.py), so the page does not grow with the data.
- `figures_refresh`: when the rollup was last brought up to date.

Revision ID: 0028_figures_rollup
Revises: 0029_survey_closing (merged after it; first written on 0027_client_survey)
Create Date: 2026-12-04 12:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0028_figures_rollup"
down_revision = "0029_survey_closing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figures_rollup",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True
        ),
        sa.Column("figure", sa.String(20), nullable=False),
        sa.Column("team_key", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("key1", sa.String(60), nullable=False),
        sa.Column("key2", sa.String(60), nullable=False),
        sa.Column("ref_day", sa.Date(), nullable=True),
        sa.Column("ref_day2", sa.Date(), nullable=True),
        sa.Column("ref_id", sa.Integer(), nullable=True),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("met", sa.BigInteger(), nullable=False),
        sa.Column("missed", sa.BigInteger(), nullable=False),
        sa.Column("open_n", sa.BigInteger(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.Column("days_sum", sa.Float(), nullable=False),
    )
    op.create_index(
        "ix_figures_rollup_figure_team_day", "figures_rollup", ["figure", "team_key", "day"]
    )
    op.create_table(
        "figures_refresh",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("figures_refresh")
    op.drop_index("ix_figures_rollup_figure_team_day", table_name="figures_rollup")
    op.drop_table("figures_rollup")
