"""The plan overview and the section pages: the overview summarises every section with a status
and a link to change it; a section has its own page; saving goes back to the overview at that
section; a mistake keeps the section page with everything typed."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.plans import service
from portal.plans.models import PlanVersion
from tests.plans.conftest import audit_rows, date_parts, plan_url, text

SECTIONS = ("vraag", "netwerk", "leefgebieden", "eigen-kracht", "afspraken", "voorzieningen")


def status_of(html: str, section: str) -> str:
    """The status badge's words in a section of the overview."""
    part = re.search(rf'<section id="{section}".*?</section>', html, re.S)
    assert part, f"no section {section} on the overview"
    badge = re.search(r'utrecht-status-badge--\w+">([^<]+)<', part.group(0))
    return badge.group(1)


def test_the_overview_summarises_each_section_without_forms(app, household, a_client):
    r = a_client.get(plan_url(household))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<textarea" not in html and "<select" not in html  # no section's form on it
    for section in (*SECTIONS, "afweging", "evaluatie"):
        assert f'href="{plan_url(household, "/" + section)}"' in html, section
    # Fresh from the intake: the question is there, the rest still to do.
    assert "Sinds Youssef zijn baan kwijt is" in text(r)
    assert status_of(html, "afspraken") == "Nog niet ingevuld"
    assert status_of(html, "evaluatie") == "Nog niet ingevuld"
    assert status_of(html, "afweging") == "Deels ingevuld"  # needs named, weighing not yet
    assert "Nog in te vullen: effect, afweging." in text(r)
    assert "Versie 1 uitgeven" in text(r) and "Er is nog geen versie uitgegeven." in text(r)


def test_statuses_follow_what_is_filled_in_and_what_is_due(app, household, a_client, clock):
    a_client.post(
        plan_url(household, "/afspraken"),
        data={
            "afspraken-rows-0-who": "Anouk",
            "afspraken-rows-0-what": "Belt de energieleverancier",
            **date_parts("afspraken-rows-0-by", "2020-01-15"),
        },
    )
    a_client.post(
        plan_url(household, "/evaluatie"),
        data=date_parts("evaluatie-evaluation_date", "2099-06-01"),
    )
    with app.app_context():
        ids = sorted(service.outcome_ids(household))
    a_client.post(
        plan_url(household, "/voorzieningen"),
        data={"voorzieningen-rows-0-outcome_id": str(ids[0]), "voorzieningen-rows-0-euros": "80"},
    )
    r = a_client.get(plan_url(household))
    html, page = r.get_data(as_text=True), text(r)
    assert status_of(html, "afspraken") == "Datum voorbij"
    assert "Anouk Belt de energieleverancier Klaar op 15 januari 2020. De datum is voorbij." in page
    assert status_of(html, "evaluatie") == "Ingevuld" and "1 juni 2099" in page
    expected = "Ingevuld" if len(ids) == 1 else "Deels ingevuld"
    assert status_of(html, "voorzieningen") == expected
    assert "Verwachte kosten: € 80,00." in page and "Totaal € 80,00" in page
    # Done: the agreement no longer counts as late.
    a_client.post(
        plan_url(household, "/afspraken"),
        data={
            "afspraken-rows-0-who": "Anouk",
            "afspraken-rows-0-what": "Belt de energieleverancier",
            "afspraken-rows-0-done": "y",
            **date_parts("afspraken-rows-0-by", "2020-01-15"),
        },
    )
    assert status_of(a_client.get(plan_url(household)).get_data(as_text=True), "afspraken") == (
        "Ingevuld"
    )


def test_a_section_page_has_its_form_and_the_way_back(app, household, a_client):
    r = a_client.get(plan_url(household, "/vraag"))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert html.count("utrecht-button--primary-action") == 1  # one primary button
    assert f'href="{plan_url(household)}#vraag">Terug naar het plan' in html
    # The resident's question gets room: a textarea of eight rows, with a hint.
    textarea = re.search(r'<textarea[^>]*id="vraag-own_words"[^>]*>', html).group(0)
    assert (
        'rows="8"' in textarea
        and 'cols="60"' in textarea
        and 'aria-describedby="vraag-own_words-hint"' in textarea
    )
    assert 'name="netwerk-' not in html  # only this section's fields
    with app.app_context():
        plan_id = service.plan_for(household).id
    assert ("read", f"plan:{plan_id}:vraag") in audit_rows(app, household)
    assert a_client.get(plan_url(household, "/onbekend")).status_code == 404
    # An amount box is sized for an amount, not for a sentence.
    costs = a_client.get(plan_url(household, "/voorzieningen")).get_data(as_text=True)
    assert re.search(r'class="[^"]*utrecht-textbox--tel-nl-size[^"]*"[^>]*rows-0-euros', costs)


def test_saving_goes_back_to_the_overview_at_that_section(app, household, a_client):
    r = a_client.post(
        plan_url(household, "/eigen-kracht"),
        data={"eigen-kracht-strengths": "Het gezin houdt afspraken."},
    )
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/{household}/plan#eigen-kracht")
    page = a_client.get(plan_url(household))
    assert "Opgeslagen: Sterke kanten en wat men zelf doet." in text(page)
    # Where the browser lands (#eigen-kracht) it says so too, and only there.
    html = page.get_data(as_text=True)
    assert html.count("Net opgeslagen.") == 1
    assert "Net opgeslagen." in re.search(r'<section id="eigen-kracht".*?</section>', html, re.S)[0]
    assert "Net opgeslagen." not in text(a_client.get(plan_url(household)))  # once
    assert "Het gezin houdt afspraken." in text(page)
    assert status_of(page.get_data(as_text=True), "eigen-kracht") == "Deels ingevuld"


def test_a_mistake_keeps_the_section_page_with_everything_typed(app, household, a_client):
    r = a_client.post(
        plan_url(household, "/afweging"),
        data={
            "afweging-rows-0-need": "Vervoer naar school",
            "afweging-rows-0-effect": "Daan komt zelf op school",
            "afweging-rows-0-deviation": "ja",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "<title>Fout:" in html and 'id="fouten"' in html
    assert 'href="#afweging-rows-0-deviation_motivation"' in html
    assert "Daan komt zelf op school</textarea>" in html
    assert 'value="ja" checked' in html
    assert '<h1 class="utrecht-heading-1">Afweging per behoefte (Omgekeerde Toets)</h1>' in html
    assert 'name="vraag-' not in html  # the section page, not the whole plan
    # "Nog een lege rij" shows the section page with one more row, nothing saved yet.
    r = a_client.post(
        plan_url(household, "/netwerk"),
        data={
            "netwerk-rows-0-name": "Oma Fatima",
            "netwerk-rows-0-kind": "network",
            "action": "add",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'value="Oma Fatima"' in html
    assert 'id="netwerk-rows-1-name"' in html and "Persoon 2" in html
    with app.app_context():
        assert "Oma Fatima" not in [n["name"] for n in service.plan_for(household).network]


def test_the_demo_plan_looks_like_a_plan_in_use(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        snap = db.session.scalars(sa.select(PlanVersion)).one().snapshot
    deviating = [r for r in snap["reasoning"] if r["deviation"]]
    assert len(deviating) == 1 and deviating[0]["deviation_motivation"]
    assert sum(bool(r["effect"] and r["weighing"]) for r in snap["reasoning"]) == 2
    assert sum(d["score"] is not None for d in snap["domains"]) == 3
    assert len(snap["agreements"]) == 2 and snap["evaluation_date"]
    assert sum(p["expected_cost_cents"] is not None for p in snap["provisions"]) == 3
    assert snap["costs"]["total_cents"] == 450000 + 120000 + 90000
