"""Each plan section's page shows what is saved, and sending that page back unchanged changes
nothing in the plan (issue #16: one `Section` object holds a section's form, how the saved plan
fills it, and what a posted form saves; a section whose load and save disagree loses text here).
"""

from __future__ import annotations

from datetime import date

from lxml import html

from portal.extensions import db
from portal.plans import sections, service
from portal.plans.overview import TITLES
from portal.services import plans as plan_changes
from tests.plans.conftest import plan_url

SECTION_FIELDS = (
    "own_words",
    "wants_to_achieve",
    "melding_date",
    "personal_plan_date",
    "network",
    "domains",
    "strengths",
    "own_contribution",
    "agreements",
    "reasoning",
    "costs",
    "evaluation_date",
)


def fill_every_section(app, household_id: int) -> dict:
    with app.app_context():
        plan = service.plan_for(household_id)
        outcome = min(service.outcome_ids(household_id))
        plan_changes.save(
            plan,
            own_words="Ik wil weer rust.\nEn hulp bij de post.",
            wants_to_achieve="Dat de schulden geregeld zijn.",
            melding_date=date(2026, 1, 5),
            personal_plan_date=date(2026, 1, 20),
            network=[
                {
                    "name": "Oma Fatima",
                    "relation": "moeder van Anouk",
                    "kind": "informal_carer",
                    "contact": "06 11111111",
                    "role": "haalt Daan op",
                }
            ],
            domains={
                "debts": {"score": 2, "situation": "Drie schuldeisers.", "goal": "Rust"},
                "housing": {"score": None, "situation": "", "goal": "Blijven wonen"},
            },
            strengths="Anouk vraagt op tijd om hulp.",
            own_contribution="Oma past op.",
            agreements=[
                {"who": "Anouk", "what": "Belt de verhuurder", "by": "2026-04-01", "done": False},
                {
                    "who": "Contactpersoon",
                    "what": "Meldt bij de schuldhulp",
                    "by": None,
                    "done": True,
                },
            ],
            reasoning=[
                {
                    "provision_id": None,
                    "need": "Geld voor de huur",
                    "effect": "Geen huisuitzetting",
                    "purpose_of_law": "Bestaanszekerheid",
                    "weighing": "Eerst het eigen netwerk",
                    "route": "Bijzondere bijstand",
                    "deviation": True,
                    "deviation_motivation": "De termijn is te kort.",
                }
            ],
            costs={str(outcome): {"cents": 245050, "note": "per jaar"}},
            evaluation_date=date(2026, 6, 1),
        )
        db.session.commit()
        return saved(household_id)


def saved(household_id: int) -> dict:
    plan = service.plan_for(household_id)
    return {name: getattr(plan, name) for name in SECTION_FIELDS} | {"revision": plan.revision}


def form_values(page: bytes, action: str) -> dict:
    """What a browser sends with the form posted to `action`, as shown: every field's value."""
    form = html.fromstring(page).xpath(f"//form[@action='{action}']")[0]
    data = {}
    for element in form.xpath(".//input|.//textarea|.//select"):
        name = element.get("name")
        if not name:
            continue
        kind = element.get("type")
        if element.tag == "input" and kind in ("checkbox", "radio"):
            if element.get("checked") is not None:
                data[name] = element.get("value") or "y"
        elif element.tag == "select":
            chosen = element.xpath("./option[@selected]") or element.xpath("./option")[:1]
            data[name] = chosen[0].get("value") if chosen else ""
        elif element.tag == "textarea":
            data[name] = element.text_content()
        elif kind != "submit":
            data[name] = element.get("value") or ""
    return data


def test_the_sections_are_the_plans_in_its_order():
    assert [s.key for s in sections.SECTIONS] == list(TITLES)
    assert all(s.title == str(TITLES[s.key]) for s in sections.SECTIONS)


def test_sending_each_section_back_unchanged_changes_nothing(app, household, a_client):
    before = fill_every_section(app, household)
    for section in sections.SECTIONS:
        url = plan_url(household, f"/{section.key}")
        page = a_client.get(url)
        assert page.status_code == 200, section.key
        r = a_client.post(url, data=form_values(page.data, url))
        assert r.status_code == 303, (section.key, r.data[-2000:])
    with app.app_context():
        after = saved(household)
    assert after.pop("revision") == before.pop("revision") + len(sections.SECTIONS)
    # the trailing empty row of a list is not saved; typed line breaks stay
    assert after == before
