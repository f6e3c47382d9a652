"""'U gaf aan' lists the answers about the situation, not who is who in the household."""

import json
from datetime import date
from pathlib import Path

from verordening import evaluate

FAMILY = Path(__file__).resolve().parents[2] / "docs" / "examples" / "intake-family.json"


def test_kindpakket_explanation_names_income_not_every_members_role():
    intake = json.loads(FAMILY.read_text())
    outcome = evaluate(intake, date(2026, 3, 2)).outcome("minima_kindpakket")
    paths = {b.path for b in outcome.because}
    assert "household.income.monthly_net_income" in paths
    assert "household.children_under_18" in paths
    assert not paths & {"member.role", "member.relation", "member.is_applicant"}
    assert "Rol in het huishouden" not in outcome.explanation.nl
