"""The plan workspace: agreement once, the evaluation date on the caseload, re-scoring shows
the change, bad input gets a message and loses nothing, the .docx export, audit rows."""

from __future__ import annotations

import io
import re

import docx
import pytest
import sqlalchemy as sa

from portal.caseload.models import HouseholdDue
from portal.extensions import db
from portal.households.models import CaseLogEntry
from portal.plans import service
from tests.plans.conftest import audit_rows, date_parts, plan_url, text


def issue(client, household, number=1):
    r = client.post(plan_url(household, "/uitgeven"), data={"number": str(number)})
    assert r.status_code == 303
    return r


def test_agreement_is_recorded_once(app, world, household, a_client):
    issue(a_client, household)
    r = a_client.post(plan_url(household, "/versies/1/akkoord"), data={"channel": "front_desk"})
    assert r.status_code == 303
    assert "aan de balie" in text(a_client.get(plan_url(household, "/versies/1")))
    again = a_client.post(
        plan_url(household, "/versies/1/akkoord"), data={"channel": "contact_person"}
    )
    assert again.status_code == 303
    assert "al vastgelegd" in text(a_client.get(plan_url(household, "/versies/1")))
    with app.app_context():
        version = service.issued_versions(household)[0]
        assert version.agreed_channel == "front_desk"  # the first one stays
        assert version.agreed_by_staff_id == world["a"].id
        with pytest.raises(service.AgreementRefused):
            service.record_agreement(version, channel="online")
        log = db.session.scalars(
            sa.select(CaseLogEntry.body).where(CaseLogEntry.household_id == household)
        ).all()
        assert sum("akkoord" in body for body in log) == 1
    # Without a channel: a message, nothing recorded.
    issue(a_client, household, 2)
    r = a_client.post(plan_url(household, "/versies/2/akkoord"), data={})
    assert r.status_code == 400 and "Kies waar de inwoner akkoord gaf." in text(r)


def test_the_evaluation_date_puts_the_household_on_the_caseload(app, world, household, a_client):
    r = a_client.post(
        plan_url(household, "/evaluatie"),
        data=date_parts("evaluatie-evaluation_date", "2026-03-20"),
    )
    assert r.status_code == 303
    with app.app_context():
        due = db.session.get(HouseholdDue, household)
        assert due.next_due_on.isoformat() == "2026-03-20"
        assert due.next_due_outcome_id is None
    page = text(a_client.get("/medewerkers/caseload"))
    assert "Evaluatie plan" in page
    # Emptied again: the outcome's own term is what is due.
    a_client.post(
        plan_url(household, "/evaluatie"), data=date_parts("evaluatie-evaluation_date", None)
    )
    with app.app_context():
        due = db.session.get(HouseholdDue, household)
        assert due.next_due_outcome_id is not None
    assert "Evaluatie plan" not in text(a_client.get("/medewerkers/caseload"))


def test_rescoring_at_evaluation_shows_the_change(app, world, household, a_client):
    a_client.post(plan_url(household, "/leefgebieden"), data={"leefgebieden-debts_score": "2"})
    issue(a_client, household)
    a_client.post(plan_url(household, "/leefgebieden"), data={"leefgebieden-debts_score": "4"})
    page = text(a_client.get(plan_url(household)))
    assert "Schulden Score 4 (vorige versie: 2, +2)" in page
    # The section page shows the previous score next to the field for the new one.
    html = a_client.get(plan_url(household, "/leefgebieden")).get_data(as_text=True)
    hint = re.search(r'id="leefgebieden-debts_score-hint">([^<]*)<', html)
    assert hint and hint.group(1) == "Vorige score: 2 (versie 1)"
    assert 'aria-describedby="leefgebieden-debts_score-hint"' in html
    assert "leefgebieden-income_score-hint" not in html  # no score before: no hint
    issue(a_client, household, 2)
    with app.app_context():
        snap = service.issued_versions(household)[0].snapshot
        debts = next(d for d in snap["domains"] if d["key"] == "debts")
        assert (debts["score"], debts["previous_score"]) == (4, 2)
        first = service.issued_versions(household)[1].snapshot
        assert next(d for d in first["domains"] if d["key"] == "debts")["score"] == 2


def test_bad_input_gets_a_message_and_loses_nothing(app, world, household, a_client):
    r = a_client.post(
        plan_url(household, "/leefgebieden"),
        data={"leefgebieden-debts_score": "7", "leefgebieden-debts_situation": "Post stapelt op"},
    )
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "Kies een score van 1 tot en met 5." in html
    assert "Post stapelt op</textarea>" in html  # what was typed is still there
    assert 'href="#leefgebieden-debts_score"' in html  # the summary links to the field
    r = a_client.post(
        plan_url(household, "/afspraken"),
        data={"afspraken-rows-0-who": "Anouk", **date_parts("afspraken-rows-0-by", "2027-01-15")},
    )
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "Schrijf wat er gebeurt." in html and 'value="Anouk"' in html
    r = a_client.post(
        plan_url(household, "/afweging"),
        data={
            "afweging-rows-0-need": "Vervoer naar school",
            "afweging-rows-0-weighing": "Taxi is de enige optie",
            "afweging-rows-0-deviation": "ja",
        },
    )
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "Schrijf waarom we afwijken van de verordening." in html
    assert "Taxi is de enige optie</textarea>" in html
    r = a_client.post(
        plan_url(household, "/afspraken"),
        data={"afspraken-rows-0-what": "Iets", **date_parts("afspraken-rows-0-by", "2027-02-31")},
    )
    assert r.status_code == 400 and "Klaar op moet een echte datum zijn." in text(r)
    r = a_client.post(
        plan_url(household, "/voorzieningen"),
        data={"voorzieningen-rows-0-outcome_id": "1", "voorzieningen-rows-0-euros": "veel"},
    )
    assert r.status_code == 400 and "Schrijf een bedrag in euro" in text(r)
    # Malformed posts: an unknown section, a kind that is not offered, a huge row index.
    assert a_client.post(plan_url(household, "/onbekend"), data={}).status_code == 404
    r = a_client.post(
        plan_url(household, "/netwerk"),
        data={"netwerk-rows-0-name": "X", "netwerk-rows-0-kind": "<script>"},
    )
    assert r.status_code == 400 and "Kies wat voor persoon dit is." in text(r)
    r = a_client.post(
        plan_url(household, "/netwerk"),
        data={"netwerk-rows-99999999-name": "Y", "netwerk-rows-99999999-kind": "network"},
    )
    assert r.status_code == 303
    with app.app_context():
        plan = service.plan_for(household)
        assert plan.domains == {} and plan.agreements == []
        assert [n["name"] for n in plan.network] == ["Y"]
        assert all(not row["deviation"] for row in plan.reasoning)


def test_rows_are_added_and_removed(app, world, household, a_client):
    a_client.post(
        plan_url(household, "/afspraken"),
        data={"afspraken-rows-0-what": "Een", "afspraken-rows-1-what": "Twee"},
    )
    r = a_client.post(
        plan_url(household, "/afspraken"),
        data={"afspraken-rows-0-what": "Een", "afspraken-rows-1-what": "Twee", "action": "add"},
    )
    assert r.status_code == 200 and 'id="afspraken-rows-2-what"' in r.get_data(as_text=True)
    a_client.post(
        plan_url(household, "/afspraken"),
        data={
            "afspraken-rows-0-what": "Een",
            "afspraken-rows-0-remove": "y",
            "afspraken-rows-1-what": "Twee",
        },
    )
    with app.app_context():
        assert [a["what"] for a in service.plan_for(household).agreements] == ["Twee"]


def test_costs_add_up_across_regimes(app, world, household, a_client):
    with app.app_context():
        ids = sorted(service.outcome_ids(household))
    r = a_client.post(
        plan_url(household, "/voorzieningen"),
        data={
            "voorzieningen-rows-0-outcome_id": str(ids[0]),
            "voorzieningen-rows-0-euros": "2.450,50",
            "voorzieningen-rows-0-note": "per jaar",
            "voorzieningen-rows-1-outcome_id": str(ids[-1]),
            "voorzieningen-rows-1-euros": "100",
            "voorzieningen-rows-2-outcome_id": "999999",  # not this household's: ignored
            "voorzieningen-rows-2-euros": "5",
        },
    )
    assert r.status_code == 303
    page = text(a_client.get(plan_url(household)))
    assert "€ 2.550,50" in page
    issue(a_client, household)
    with app.app_context():
        snap = service.issued_versions(household)[0].snapshot
        assert snap["costs"]["total_cents"] == 255050
        assert sum(r["cents"] for r in snap["costs"]["by_regime"]) == 255050
        priced = [p for p in snap["provisions"] if p["expected_cost_cents"]]
        assert {p["expected_cost_cents"] for p in priced} == {245050, 10000}


def test_docx_download_of_an_issued_version_is_audited(app, world, household, a_client):
    a_client.post(
        plan_url(household, "/eigen-kracht"), data={"eigen-kracht-strengths": "Sterk gezin"}
    )
    issue(a_client, household)
    r = a_client.get(plan_url(household, "/versies/1/docx"))
    assert r.status_code == 200
    assert "attachment" in r.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(r.data))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Sterk gezin" in body
    assert a_client.get(plan_url(household, "/versies/2/docx")).status_code == 404
    rows = audit_rows(app, household)
    assert ("export", f"plan_version:{_version_id(app, household)}:docx") in rows


def _version_id(app, household):
    with app.app_context():
        return service.issued_versions(household)[0].id


def test_every_read_and_change_is_audited(app, world, household, a_client):
    a_client.get(plan_url(household))
    a_client.post(plan_url(household, "/eigen-kracht"), data={"eigen-kracht-strengths": "x"})
    a_client.get(plan_url(household, "/voorbeeld"))
    issue(a_client, household)
    a_client.get(plan_url(household, "/versies/1"))
    actions = audit_rows(app, household)
    whats = [w for _a, w in actions]
    assert ("read", f"plan:household:{household}") in actions
    assert any(a == "change" and re.fullmatch(r"plan:\d+:eigen-kracht", w) for a, w in actions)
    assert any(w.endswith(":preview") for w in whats)
    assert any(a == "change" and w.startswith("plan_version:") for a, w in actions)
    assert any(a == "read" and w.startswith("plan_version:") for a, w in actions)
    # Never a name or typed text in `what`.
    assert not any("Anouk" in w or w == "x" for w in whats)


def test_the_issue_page_names_the_unfinished_sections(a_client, household):
    """Issue #13: a plan with empty sections could be issued without a word. The issue page now
    lists them by name (issuing stays possible: the resident reads 'Nog niet ingevuld')."""
    page = text(a_client.get(plan_url(household, "/uitgeven")))
    assert "delen van het plan zijn niet af" in page
    assert "Afspraken — Nog niet ingevuld" in page
    assert "Evaluatie — Nog niet ingevuld" in page


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("2.450", 245000), ("2.450,50", 245050), ("€ 2450", 245000), ("2450.5", 245050)],
)
def test_amounts_in_dutch_notation(typed, cents):
    from portal.plans.forms import parse_euros

    assert parse_euros(typed) == cents
