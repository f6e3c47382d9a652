"""From intake to an issued plan, through the real pages: the contact person fills in the
sections, issues version 1 (frozen), and a second intake updates the same plan."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.households.models import CaseLogEntry
from portal.plans import service
from portal.plans.models import Plan, PlanVersion
from tests.plans.conftest import date_parts, family, plan_url, submit, text


def fill_in(client, household):
    r = client.post(
        plan_url(household, "/vraag"),
        data={
            "vraag-own_words": "Wij redden het niet meer met de rekeningen.",
            "vraag-wants_to_achieve": "Weer rust en overzicht.",
            **date_parts("vraag-melding_date", "2026-03-02"),
            **date_parts("vraag-personal_plan_date", None),
        },
    )
    assert r.status_code == 303
    r = client.post(
        plan_url(household, "/netwerk"),
        data={
            "netwerk-rows-0-name": "Oma Fatima",
            "netwerk-rows-0-kind": "informal_carer",
            "netwerk-rows-0-relation": "moeder van Anouk",
            "netwerk-rows-0-contact": "06 11111111",
            "netwerk-rows-0-role": "haalt Daan op",
            "netwerk-rows-1-name": "",
            "netwerk-rows-1-kind": "network",
        },
    )
    assert r.status_code == 303
    r = client.post(
        plan_url(household, "/leefgebieden"),
        data={
            "leefgebieden-debts_score": "2",
            "leefgebieden-debts_situation": "Achterstand energie",
            "leefgebieden-debts_goal": "Betalingsregeling loopt",
            "leefgebieden-school_score": "3",
        },
    )
    assert r.status_code == 303
    r = client.post(
        plan_url(household, "/afspraken"),
        data={
            "afspraken-rows-0-who": "Anouk",
            "afspraken-rows-0-what": "Belt de energieleverancier",
            **date_parts("afspraken-rows-0-by", "2027-01-15"),
        },
    )
    assert r.status_code == 303
    r = client.post(
        plan_url(household, "/evaluatie"),
        data=date_parts("evaluatie-evaluation_date", "2026-06-01"),
    )
    assert r.status_code == 303


def test_contact_person_takes_a_household_from_intake_to_an_issued_plan(
    app, world, household, a_client
):
    page = text(a_client.get(plan_url(household)))
    # Created as a draft from the intake: the question in the resident's words and the needs.
    assert "Sinds Youssef zijn baan kwijt is" in page
    assert "Leerlingenvervoer" in page or "leerlingenvervoer" in page
    assert f"/huishoudens/{household}/plan" in a_client.get(
        f"/medewerkers/huishoudens/{household}"
    ).get_data(as_text=True)  # the household file links to the plan
    fill_in(a_client, household)
    preview = a_client.get(plan_url(household, "/voorbeeld"))
    assert preview.status_code == 200
    assert "Wij redden het niet meer met de rekeningen." in text(preview)
    # The overview summarises each section; the section's own page holds what was saved.
    page = text(a_client.get(plan_url(household)))
    assert "Oma Fatima" in page and "Belt de energieleverancier" in page
    network = a_client.get(plan_url(household, "/netwerk")).get_data(as_text=True)
    assert 'value="Oma Fatima"' in network
    agreements = a_client.get(plan_url(household, "/afspraken")).get_data(as_text=True)
    assert "Belt de energieleverancier</textarea>" in agreements
    confirm = a_client.get(plan_url(household, "/uitgeven"))
    assert confirm.status_code == 200 and "Versie 1 uitgeven" in text(confirm)
    r = a_client.post(plan_url(household, "/uitgeven"), data={"number": "1"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/plan/versies/1")
    # A double click: the same promised number again issues nothing new.
    again = a_client.post(plan_url(household, "/uitgeven"), data={"number": "1"})
    assert again.status_code == 303 and again.headers["Location"].endswith("/plan/versies/1")
    with app.app_context():
        versions = service.issued_versions(household)
        assert [v.number for v in versions] == [1]
        snap = versions[0].snapshot
        assert snap["version"] == 1 and snap["issued_by"] == "A"
        assert snap["network"][0]["name"] == "Oma Fatima"
        assert snap["network"][0]["kind_label"] == "Mantelzorger"
        assert snap["agreements"] == [
            {
                "who": "Anouk",
                "what": "Belt de energieleverancier",
                "by": "2027-01-15",
                "done": False,
            }
        ]
        debts = next(d for d in snap["domains"] if d["key"] == "debts")
        assert debts["score"] == 2 and debts["previous_score"] is None
        assert snap["evaluation_date"] == "2026-06-01"
        assert snap["provisions"] and all(p["regime_label"] for p in snap["provisions"])
        assert snap["contact_person"]["name"] == "A"
        log = db.session.scalars(
            sa.select(CaseLogEntry.body).where(CaseLogEntry.household_id == household)
        ).all()
        assert "Versie 1 van het plan uitgegeven" in log
    view = a_client.get(plan_url(household, "/versies/1"))
    assert view.status_code == 200 and "Oma Fatima" in text(view)


def test_an_issued_version_is_frozen(app, world, household, a_client):
    fill_in(a_client, household)
    a_client.post(plan_url(household, "/uitgeven"), data={"number": "1"})
    a_client.post(
        plan_url(household, "/netwerk"),
        data={"netwerk-rows-0-name": "Buurman Kees", "netwerk-rows-0-kind": "network"},
    )
    with app.app_context():
        version = service.issued_versions(household)[0]
        assert [n["name"] for n in version.snapshot["network"]] == ["Oma Fatima"]
        plan = service.plan_for(household)
        assert [n["name"] for n in plan.network] == ["Buurman Kees"]
    assert "Buurman Kees" not in text(a_client.get(plan_url(household, "/versies/1")))
    assert "Oma Fatima" in text(a_client.get(plan_url(household, "/versies/1")))
    # No code path changes an issued version: the model refuses it.
    with app.app_context():
        version = db.session.get(PlanVersion, version.id)
        version.snapshot = {**version.snapshot, "strengths": "anders"}
        try:
            db.session.flush()
        except Exception as error:
            assert "cannot change" in str(error)
            db.session.rollback()
        else:
            raise AssertionError("an issued version was changed")


def test_a_second_intake_updates_the_same_plan(app, world, household, a_client):
    fill_in(a_client, household)
    with app.app_context():
        before = service.plan_for(household)
        provisions_before = len(before.reasoning)
    second = family("2741AB")
    second["story"]["question"] = "Daan heeft nu ook een rolstoel nodig."
    second["members"][3]["mobility"] = {"uses_wheelchair": True, "walking_difficulty": True}
    assert submit(app, second) == household
    with app.app_context():
        plans = db.session.scalars(sa.select(Plan).where(Plan.household_id == household)).all()
        assert len(plans) == 1
        plan = plans[0]
        assert plan.own_words == "Wij redden het niet meer met de rekeningen."  # typed: kept
        assert [n["name"] for n in plan.network] == ["Oma Fatima"]
        assert len(plan.question_history) == 2
        assert plan.question_history[1]["question"] == "Daan heeft nu ook een rolstoel nodig."
        assert len(plan.reasoning) >= provisions_before
        reference = plan.question_history[1]["reference"]
        log = db.session.scalars(
            sa.select(CaseLogEntry.body).where(CaseLogEntry.household_id == household)
        ).all()
        assert f"Plan bijgewerkt na aanvraag {reference}" in log
    page = text(a_client.get(plan_url(household, "/vraag")))
    assert "Daan heeft nu ook een rolstoel nodig." in page  # the question history
    assert "Wij redden het niet meer met de rekeningen." in page
    assert "Wij redden het niet meer met de rekeningen." in text(a_client.get(plan_url(household)))
