"""Four households walk the whole form, page by page, to the confirmation. What they answer is
in tests/intake/households.py (the load benchmark walks the same households)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import format_date

from portal.drafts import Draft
from portal.extensions import db
from portal.models import Intake
from tests.intake.helpers import BASE, add_member, begin, ok, step_url, submit, text
from tests.intake.households import (
    DEBTS_ONLY,
    FAMILY,
    OLDER_RESIDENT,
    STORY_AND_CONTACT,
    UNSAFE_HOME,
)
from verordening.deadlines import due_date


def only_intake(app) -> Intake:
    with app.app_context():
        intakes = db.session.scalars(sa.select(Intake)).all()
        assert len(intakes) == 1
        db.session.expunge(intakes[0])
        return intakes[0]


def deadline_dates(app, intake: Intake) -> set[str]:
    """Every deadline on the confirmation, as the resident must see it: a date."""
    outcomes = list(intake.evaluation["household"]["outcomes"])
    for member in intake.evaluation["members"]:
        outcomes += member["outcomes"]
    started = intake.submitted_at.date()
    with app.test_request_context():
        return {
            format_date(due_date(o["deadline"], started), "long") for o in outcomes if o["deadline"]
        }


def test_older_resident_living_alone_with_care_needs(app, client):
    answers = OLDER_RESIDENT.pages
    assert client.get(f"{BASE}/").status_code == 200
    begin(client)
    location = ok(client, "over-u", OLDER_RESIDENT.people[0])
    assert location.endswith("/stap/huishouden")
    ok(client, "huishouden", {"actie": "verder"})
    for step in STORY_AND_CONTACT:
        ok(client, step, answers[step])
    # No children: no parenting or school subjects on offer.
    page = client.get(step_url("onderwerpen")).get_data(as_text=True)
    assert 'value="school"' not in page and 'value="parenting"' not in page
    assert "Uw aanvraag: stap 9 van" in page
    ok(client, "onderwerpen", answers["onderwerpen"])  # care and network
    ok(client, "zorg-voor-wie", answers["zorg-voor-wie"])
    for step in ("gezondheid", "zelfzorg", "vervoer"):  # wheelchair: 'weet ik niet'
        ok(client, step, answers[(step, 0)], member="m1")
    ok(client, "netwerk", answers["netwerk"])
    location = ok(client, "mantelzorg", answers[("mantelzorg", 0)], member="m1")
    assert location.endswith("/stap/toestemming")
    location = ok(client, "toestemming", answers["toestemming"])  # contact_network unknown
    assert location.endswith("/controleren")
    response = submit(client)
    assert response.status_code == 303 and response.headers["Location"].endswith("/bevestiging")

    intake = only_intake(app)
    member = intake.answers["members"][0]
    assert member["role"] == "applicant" and member["bsn"] == "111222333"
    assert member["mobility"]["uses_wheelchair"] is None  # unknown is not false
    assert member["mobility"]["walking_difficulty"] is True
    consents = {c["purpose"]: c["given"] for c in intake.answers["consents"]}
    assert consents["contact_network"] is None and consents["combine_regimes"] is True
    assert "share_with_school" not in consents  # no school subject, not asked

    page = client.get(f"{BASE}/bevestiging")
    words = text(page)
    assert page.status_code == 200
    assert intake.reference in words
    assert "contactpersoon" in words
    assert "Voor uzelf" in words
    dates = deadline_dates(app, intake)
    assert dates, "a Wmo melding has a statutory term"
    for date_text in dates:
        assert date_text in words
    outcomes = [o for m in intake.evaluation["members"] for o in m["outcomes"]]
    outcomes += intake.evaluation["household"]["outcomes"]
    first = min(
        due_date(o["deadline"], intake.submitted_at.date()) for o in outcomes if o["deadline"]
    )
    with app.test_request_context():
        assert f"De eerste datum voor u is {format_date(first, 'long')}." in words
    printable = client.get(f"{BASE}/bevestiging/afdrukken")
    assert printable.status_code == 200
    assert intake.reference in text(printable) and "Gerrit" in text(printable)
    assert "<script" not in printable.get_data(as_text=True)


def test_family_with_two_children_and_money_worries(app, client):
    answers = FAMILY.pages
    fatima, youssef, noor, adam = FAMILY.people
    begin(client)
    ok(client, "over-u", fatima)
    partner = add_member(client, youssef)
    school_child = add_member(client, noor)
    toddler = add_member(client, adam)
    household = client.get(step_url("huishouden")).get_data(as_text=True)
    assert "Noor El Amrani" in household and "Adam El Amrani" in household
    ok(client, "huishouden", {"actie": "verder"})
    for step in STORY_AND_CONTACT:  # no goals, no efforts; Arabic with an interpreter
        ok(client, step, answers[step])
    page = client.get(step_url("onderwerpen")).get_data(as_text=True)
    assert 'value="school"' in page and 'value="parenting"' in page
    location = ok(client, "onderwerpen", answers["onderwerpen"])
    assert location.endswith("/stap/inkomen")
    ok(client, "inkomen", answers["inkomen"])  # '1.650' a month, savings left empty
    # 'No debts' skips the debt details page.
    location = ok(client, "schulden", answers["schulden"])
    assert location.endswith("/stap/opvoeden")
    ok(client, "opvoeden", answers["opvoeden"])
    ok(client, "opgroeien", answers[("opgroeien", 2)], member=school_child)
    location = ok(client, "opgroeien", answers[("opgroeien", 3)], member=toddler)
    # Only the school-age child gets school questions.
    assert location.endswith(f"/stap/school/{school_child}")
    ok(client, "school", answers[("school", 2)], member=school_child)  # '1,5' km
    # Work questions for the adults only.
    location = ok(client, "werk", answers[("werk", 0)], member="m1")
    assert location.endswith(f"/stap/werk/{partner}")
    ok(client, "werk", answers[("werk", 1)], member=partner)
    page = client.get(step_url("toestemming")).get_data(as_text=True)
    assert "share_with_school" in page and "share_with_uwv" in page
    ok(client, "toestemming", answers["toestemming"])
    assert submit(client).status_code == 303

    intake = only_intake(app)
    answers = intake.answers
    assert [m["role"] for m in answers["members"]] == ["applicant", "partner", "child", "child"]
    assert answers["members"][2]["bsn"] is None
    assert answers["household"]["income"]["monthly_net_income"] == 1650
    assert answers["household"]["income"]["assets"] is None
    assert answers["household"]["debts"] == {"has_debts": False}
    assert answers["members"][2]["school"]["distance_to_school_km"] == 1.5
    assert "school" not in answers["members"][3]  # the toddler was never asked
    assert answers["language"] == {"preferred": "ar", "interpreter_needed": True}
    assert answers["address"]["postcode"] == "2741AB"

    words = text(client.get(f"{BASE}/bevestiging"))
    assert "Voor Noor" in words and "Voor Youssef" in words
    assert "U gaf aan:" in words  # why: the answers that counted, by name, not by id
    assert not any(f"({member_id})" in words for member_id in ("m1", "m2", "m3", "m4"))
    for date_text in deadline_dates(app, intake):
        assert date_text in words


def test_unsafe_home_gets_a_discreet_confirmation(app, client):
    answers = UNSAFE_HOME.pages
    lisa, mila = UNSAFE_HOME.people
    begin(client)
    ok(client, "over-u", lisa)
    child = add_member(client, mila)
    ok(client, "huishouden", {"actie": "verder"})
    for step in STORY_AND_CONTACT:  # no fixed address; not safe to contact
        ok(client, step, answers[step])
    ok(client, "onderwerpen", answers["onderwerpen"])
    ok(client, "opvoeden", answers["opvoeden"])
    ok(client, "opgroeien", answers[("opgroeien", 1)], member=child)
    page = client.get(step_url("veiligheid")).get_data(as_text=True)
    assert "0800 2000" in page and "112" in page
    ok(client, "veiligheid", answers["veiligheid"])  # unsafe at home, domestic violence
    ok(client, "toestemming", answers["toestemming"])
    assert submit(client).status_code == 303

    intake = only_intake(app)
    assert intake.answers["household"]["safety"]["domestic_violence"] is True
    assert intake.triage == "urgent"
    assert intake.answers["address"]["no_fixed_address"] is True
    safety_outcomes = [
        o
        for m in intake.evaluation["members"]
        for o in m["outcomes"]
        if o["life_domain"] == "safety"
    ] + [o for o in intake.evaluation["household"]["outcomes"] if o["life_domain"] == "safety"]
    assert safety_outcomes, "the verordening routes an unsafe home (Veilig Thuis)"

    for url in (f"{BASE}/bevestiging", f"{BASE}/bevestiging/afdrukken"):
        words = text(client.get(url))
        assert intake.reference in words
        assert "0800 2000" in words and "voorrang" in words
        for outcome in safety_outcomes:
            assert outcome["explanation"]["nl"][:60] not in words
            assert outcome["provision"]["name"]["nl"] not in words
        assert "geweld" not in words.lower()
        assert "U gaf aan" not in words  # no trail of answers anyone could read along
        assert "Ik wil graag praten over thuis." not in words  # nor their own words
    with app.app_context():
        draft = db.session.scalars(sa.select(Draft)).one()
        assert draft.answers == {} and draft.resume_code_hash is None


def test_confirmation_lists_what_the_contact_person_may_still_ask(app, client):
    from tests.intake.helpers import fill_until_subjects

    fill_until_subjects(client)  # the DEBTS_ONLY household
    for step in ("onderwerpen", "schulden", "toestemming"):  # debts: 'weet ik niet'
        ok(client, step, DEBTS_ONLY.pages[step])
    submit(client)
    intake = only_intake(app)
    missing = [m for m in intake.evaluation["missing"] if "safety" not in m["path"]]
    assert missing, "'weet ik niet' about debts leaves something to ask"
    words = text(client.get(f"{BASE}/bevestiging"))
    assert "Wat wij u nog gaan vragen" in words
    assert missing[0]["label"]["nl"] in words
    assert "Voelt zich thuis niet veilig" not in words  # safety is never listed
