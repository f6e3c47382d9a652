"""Three households walk the whole form, page by page, to the confirmation."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import format_date

from forms.steps import domains
from forms.steps.consents import ConsentsForm
from portal.drafts import Draft
from portal.extensions import db
from portal.models import Intake
from tests.intake.helpers import (
    BASE,
    add_member,
    all_answered,
    begin,
    ok,
    person,
    step_url,
    subjects,
    submit,
    text,
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
    assert client.get(f"{BASE}/").status_code == 200
    begin(client)
    location = ok(client, "over-u", person("Gerrit", "Bakker", "1941-02-11", "111222333"))
    assert location.endswith("/stap/huishouden")
    ok(client, "huishouden", {"actie": "verder"})
    ok(client, "vraag", {"question": "Ik kan niet meer goed lopen en de trap op."})
    ok(client, "doel", {"goals": "Thuis blijven wonen."})
    ok(client, "wat-al-gebeurt", {"network_efforts": "Mijn buurvrouw doet boodschappen."})
    ok(client, "adres", {"postcode": "2741AB", "house_number": "3", "city": "Waddinxveen"})
    ok(client, "contact", {"preferred_channel": "visit", "safe_to_contact": "ja"})
    ok(client, "taal", {"preferred": "nl", "interpreter_needed": "nee"})
    # No children: no parenting or school subjects on offer.
    page = client.get(step_url("onderwerpen")).get_data(as_text=True)
    assert 'value="school"' not in page and 'value="parenting"' not in page
    assert "Stap 9 van" in page
    ok(client, "onderwerpen", subjects("care", "network"))
    ok(client, "zorg-voor-wie", {"members": ["m1"]})
    ok(
        client,
        "gezondheid",
        all_answered(domains.HealthForm, physical_limitation="ja", fall_risk="ja"),
        member="m1",
    )
    ok(
        client,
        "zelfzorg",
        all_answered(domains.SelfCareForm, needs_help_housekeeping="ja"),
        member="m1",
    )
    ok(
        client,
        "vervoer",
        all_answered(
            domains.MobilityForm,
            walking_difficulty="ja",
            stairs_difficulty="ja",
            uses_wheelchair="onbekend",
        ),
        member="m1",
    )
    ok(client, "netwerk", all_answered(domains.NetworkForm, wants_client_support="ja"))
    location = ok(client, "mantelzorg", all_answered(domains.InformalCareForm), member="m1")
    assert location.endswith("/stap/toestemming")
    location = ok(
        client, "toestemming", all_answered(ConsentsForm, "ja", contact_network="onbekend")
    )
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
    begin(client)
    ok(client, "over-u", person("Fatima", "El Amrani", "1986-09-30", "111222333"))
    partner = add_member(
        client, person("Youssef", "El Amrani", "1984-01-15", "123456782", "partner")
    )
    school_child = add_member(client, person("Noor", "El Amrani", "2017-03-05", relation="child"))
    toddler = add_member(client, person("Adam", "El Amrani", "2024-05-20", relation="child"))
    household = client.get(step_url("huishouden")).get_data(as_text=True)
    assert "Noor El Amrani" in household and "Adam El Amrani" in household
    ok(client, "huishouden", {"actie": "verder"})
    ok(client, "vraag", {"question": "Wij komen niet rond en Noor gaat niet graag naar school."})
    ok(client, "doel", {})
    ok(client, "wat-al-gebeurt", {})
    ok(client, "adres", {"postcode": "2741 AB", "house_number": "8", "house_number_addition": "a"})
    ok(
        client,
        "contact",
        {"preferred_channel": "email", "email": "fatima@example.nl", "safe_to_contact": "ja"},
    )
    ok(client, "taal", {"preferred": "ar", "interpreter_needed": "ja"})
    page = client.get(step_url("onderwerpen")).get_data(as_text=True)
    assert 'value="school"' in page and 'value="parenting"' in page
    location = ok(client, "onderwerpen", subjects("income", "debts", "parenting", "school", "work"))
    assert location.endswith("/stap/inkomen")
    ok(
        client,
        "inkomen",
        all_answered(
            domains.IncomeForm, monthly_net_income="1.650", assets="", low_income_years="4"
        ),
    )
    # 'No debts' skips the debt details page.
    location = ok(client, "schulden", {"has_debts": "nee"})
    assert location.endswith("/stap/opvoeden")
    ok(client, "opvoeden", all_answered(domains.ParentingForm, parents_overburdened="ja"))
    ok(client, "opgroeien", all_answered(domains.GrowingUpForm), member=school_child)
    location = ok(
        client,
        "opgroeien",
        all_answered(domains.GrowingUpForm, development_worries="ja"),
        member=toddler,
    )
    # Only the school-age child gets school questions.
    assert location.endswith(f"/stap/school/{school_child}")
    ok(
        client,
        "school",
        all_answered(
            domains.SchoolForm,
            type="primary",
            enrolled="ja",
            unauthorised_absence="ja",
            absence_hours_last_4_weeks="20",
            distance_to_school_km="1,5",
        ),
        member=school_child,
    )
    # Work questions for the adults only.
    location = ok(client, "werk", all_answered(domains.WorkForm, status="employed"), member="m1")
    assert location.endswith(f"/stap/werk/{partner}")
    ok(
        client,
        "werk",
        all_answered(domains.WorkForm, status="unemployed", wants_work="ja"),
        member=partner,
    )
    page = client.get(step_url("toestemming")).get_data(as_text=True)
    assert "share_with_school" in page and "share_with_uwv" in page
    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))
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
    begin(client)
    ok(client, "over-u", person("Lisa", "Smit", "1990-07-07", "111222333"))
    child = add_member(client, person("Mila", "Smit", "2016-02-02", relation="child"))
    ok(client, "huishouden", {"actie": "verder"})
    ok(client, "vraag", {"question": "Ik wil graag praten over thuis."})
    ok(client, "doel", {})
    ok(client, "wat-al-gebeurt", {})
    ok(client, "adres", {"no_fixed_address": "y"})
    ok(
        client,
        "contact",
        {"preferred_channel": "phone", "phone": "06 12345678", "safe_to_contact": "nee"},
    )
    ok(client, "taal", {"preferred": "nl", "interpreter_needed": "nee"})
    ok(client, "onderwerpen", subjects("safety", "parenting"))
    ok(client, "opvoeden", all_answered(domains.ParentingForm, parenting_worries="ja"))
    ok(
        client,
        "opgroeien",
        all_answered(domains.GrowingUpForm, behaviour_worries="ja"),
        member=child,
    )
    page = client.get(step_url("veiligheid")).get_data(as_text=True)
    assert "0800 2000" in page and "112" in page
    ok(
        client,
        "veiligheid",
        all_answered(domains.SafetyForm, feels_unsafe_at_home="ja", domestic_violence="ja"),
    )
    ok(client, "toestemming", all_answered(ConsentsForm, "nee"))
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

    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("debts"))
    ok(client, "schulden", {"has_debts": "onbekend"})
    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))
    submit(client)
    intake = only_intake(app)
    missing = [m for m in intake.evaluation["missing"] if "safety" not in m["path"]]
    assert missing, "'weet ik niet' about debts leaves something to ask"
    words = text(client.get(f"{BASE}/bevestiging"))
    assert "Wat wij u nog gaan vragen" in words
    assert missing[0]["label"]["nl"] in words
    assert "Voelt zich thuis niet veilig" not in words  # safety is never listed
