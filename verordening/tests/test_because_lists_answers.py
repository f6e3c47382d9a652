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


def test_what_the_resident_did_not_say_is_no_reason_in_the_text():
    """A rule may need a 'no' (no bijstand yet, no eviction); staff see it in `because`, but the
    resident's 'U gaf aan' names only what they did say (issue #13: an 82-year-old read
    reasons about childcare and eviction he never chose)."""
    intake = json.loads(FAMILY.read_text())
    evaluation = evaluate(intake, date(2026, 3, 2))
    outcomes = [o for o in evaluation.outcomes if any(b.value is False for b in o.because)]
    assert outcomes, "some rule of the family needs a 'no'"
    for outcome in outcomes:
        assert "— nee" not in outcome.explanation.nl
        assert "— no" not in outcome.explanation.en


def test_bijstand_says_what_it_is_worth_from_the_verordening():
    """The amount is the rule's own `estimate_per_month` (social minimum minus income), with the
    norm it comes from; help without an estimate in the file has none."""
    intake = json.loads(FAMILY.read_text())
    intake["household"]["income"].update(monthly_net_income=1200, assets=0)
    d = evaluate(intake, date(2026, 3, 2)).to_dict()
    outcomes = {o["rule_id"]: o for o in d["household"]["outcomes"]}
    estimate = outcomes["pw_algemene_bijstand"]["estimate"]
    names = {n["name"] for n in estimate["numbers"]}
    assert "household.social_minimum" in names
    minimum = next(
        n["value"] for n in estimate["numbers"] if n["name"] == "household.social_minimum"
    )
    assert estimate["per_month"] == round(minimum - 1200, 2)
    assert outcomes["minima_kindpakket"]["estimate"] is None
