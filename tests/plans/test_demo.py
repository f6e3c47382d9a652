"""The demo has a household with a plan and an issued version, so a newcomer sees one."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.plans.models import PlanVersion


def test_seed_demo_issues_a_plan_version(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo plan: household" in result.output
    with app.app_context():
        version = db.session.scalars(sa.select(PlanVersion)).one()
        assert version.number == 1
        assert version.snapshot["network"][0]["name"] == "Tante Mirjam"
        assert version.snapshot["evaluation_date"] is not None
