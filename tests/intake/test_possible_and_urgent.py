"""Issue #11 in the portal: what may apply is shown as "maybe, the gemeente checks X" to the
resident and as "mogelijk" with what to check to the contact person; urgency that is not known
yet is shown as urgent with the reason, never as a normal term."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from flask import render_template

from portal.intake import outcomes
from portal.services import intakes
from tests.households.conftest import as_, world  # noqa: F401
from tests.staff.conftest import clock  # noqa: F401
from verordening import evaluate

SCENARIOS = Path(__file__).resolve().parents[2] / "verordening" / "scenarios" / "model-2026-01-01"
AS_OF = date(2026, 3, 2)


def scenario_intake(name: str) -> dict:
    doc = yaml.safe_load((SCENARIOS / name).read_text(encoding="utf-8"))
    return doc["intake"]


def confirmation(app, scenario: str) -> tuple[dict, str]:
    """What the confirmation page makes of a scenario's intake: the view and its HTML."""
    answers = scenario_intake(scenario)
    evaluation = evaluate(answers, AS_OF).to_dict()
    with app.test_request_context():
        view = outcomes.overview(evaluation, answers, AS_OF)
        return view, render_template("intake/_outcomes.html", **view)


def test_resident_reads_that_bijstand_may_apply_and_what_the_gemeente_checks(app):
    view, html = confirmation(app, "46-spaargeld-onbekend-bijstand-mogelijk.yaml")
    maybe = {h.provision: h for g in view["groups"] for h in g.helps if h.possible}
    assert "Algemene bijstand" in maybe
    assert maybe["Algemene bijstand"].to_check == [
        "Spaargeld en ander vermogen van de aanvrager en de partner samen, in euro"
    ]
    assert "Dit kan voor u gelden. Vraag het aan. De gemeente zoekt zelf uit:" in html
    assert "misschien" in html
    assert not view["nothing_applies"] and not view["incomplete"]


def test_unknown_departure_date_is_urgent_with_the_short_term(app):
    view, html = confirmation(app, "47-vertrekdatum-onbekend-dringend.yaml")
    (deposit,) = [
        h
        for g in view["groups"]
        for h in g.helps
        if h.provision.startswith("Borg of garantstelling")
    ]
    assert deposit.urgent and deposit.urgency_unconfirmed
    # 3 working days from Monday 2 March 2026, not 8 weeks
    assert deposit.due_on == date(2026, 3, 5)
    assert "Wij weten nog niet hoe dringend dit is" in html
    assert view["urgent"]


def test_contact_person_sees_possible_outcomes_with_what_to_check(app, world, clock):  # noqa: F811
    answers = scenario_intake("46-spaargeld-onbekend-bijstand-mogelijk.yaml")
    answers["address"]["postcode"] = "2741AB"  # team Noord: contact person A
    with app.app_context():
        household_id = intakes.submit(answers, as_of=AS_OF).household.id
    page = as_(app, world, "a", clock).get(f"/medewerkers/huishoudens/{household_id}")
    assert page.status_code == 200, page.status_code
    html = page.get_data(as_text=True)
    assert "Algemene bijstand" in html and "mogelijk" in html
    assert "Te controleren door de gemeente" in html
    # the numbers the rules worked with, for the contact person to check
    assert "Gebruikte getallen" in html and "household.social_minimum = 1.401,5" in html
