"""What a resident reads first, and the dates they read: Mijn aanvraag in the order a resident
looks for things (contact person, plan, applications, consents) with a summary per
application; the plan page with the agreement at the end, after the plan; every date the date
in the Netherlands, also just after midnight there (still the day before in UTC); and the
municipality's phone number when one is configured."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import pairwise

import lxml.html
from sqlalchemy import select

from portal import dutch_time
from portal.caseload.models import HouseholdOutcome
from portal.config import settings_from_environment
from portal.dutch_time import dutch_date
from portal.extensions import db
from portal.households.models import Consent
from portal.models import Intake, StaffMember
from portal.plans import service
from portal.plans.models import PlanVersion
from tests.residents.conftest import NOOR, confirm_member, family, resident_login, submit, text

# 23:30 in UTC on 22 November is 00:30 on 23 November in the Netherlands.
LATE = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)


def page(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.get_data(as_text=True))


def words(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def visible_h2(root) -> list[str]:
    return [words(h) for h in root.iter("h2") if "visually-hidden" not in (h.get("class") or "")]


def issue_plan(app, household: int, staff_id: int) -> int:
    with app.app_context():
        version = service.issue(service.plan_for(household), db.session.get(StaffMember, staff_id))
        db.session.commit()
        return version.id


def test_contact_person_then_plan_then_applications_then_consents(app, client, world, clock):
    household, _reference = submit(app, family())
    with app.app_context():
        db.session.add(
            Consent(household_id=household, organisation="Schuldhulp Midden", purpose="Afspraak")
        )
        db.session.commit()
    version_id = issue_plan(app, household, world["a"].id)
    resident_login(client, "anouk")
    root = page(client.get("/mijn/"))
    assert visible_h2(root) == [
        "Uw contactpersoon",
        "Uw ondersteuningsplan",
        "Uw aanvragen",
        "Wat mogen de anderen in uw huishouden zien?",
        "Toestemming om gegevens te delen",
        # last: Anouk may act for her children under 16 (issue #19)
        "Handelen namens iemand anders",
    ]
    # Not agreed yet: a call to read the plan and say so, right under the plan heading.
    call = root.xpath("//a[normalize-space()='Lees uw plan en zeg of u akkoord bent']")
    assert [a.get("href") for a in call] == [f"/mijn/plan/{version_id}"]
    # Headings in order: h1, h2, then h3 per application and h4 per kind of help, no skips.
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4")]
    assert all(b <= a + 1 for a, b in pairwise(levels))
    # Agreed: the call is gone, the list says when.
    assert client.post(f"/mijn/plan/{version_id}/akkoord").status_code == 303
    body = text(client.get("/mijn/"))
    assert "Lees uw plan en zeg of u akkoord bent" not in body
    assert "u was akkoord op 23 november 2026" in body


def test_each_application_starts_with_a_summary(app, client, world, clock):
    household, reference = submit(app, family())
    with app.app_context():
        rows = db.session.scalars(
            select(HouseholdOutcome).where(HouseholdOutcome.household_id == household)
        ).all()
        kinds = len({r.provision_name["nl"] for r in rows})
        open_due = [r for r in rows if r.due_on is not None]
        assert open_due, "the family example should have an outcome with a deadline"
        first, later = open_due[0], open_due[1:]
        first.due_on = date(2026, 12, 1)
        for row in later:
            row.due_on = date(2026, 12, 20)
        db.session.commit()
    resident_login(client, "anouk")  # she sent it: she sees all but Noor's youth care
    root = page(client.get("/mijn/"))
    intake = root.xpath(f"//section[@aria-labelledby='aanvraag-{reference}']")[0]
    summary = intake.xpath(".//p[contains(@class, 'resident-intake__summary')]")[0]
    # The summary comes before the first kind of help, and names the earliest date.
    assert intake.index(summary) < intake.index(intake.xpath(".//div[@class='outcome']")[0])
    shown = len({words(h) for h in intake.iter("h4")})
    assert kinds >= shown > 1  # Noor (17) decides who sees her youth care
    assert words(summary) == (
        f"{shown} soorten hulp. De gemeente moet vóór 1 december 2026 reageren."
    )
    # Noor's summary counts only what she may see: her own help, not what her mother told
    # about the parents' debts or health (issue #12).
    confirm_member(app, NOOR)  # listed by her mother, confirmed by staff
    parent = app.test_client()
    resident_login(parent, "noor")
    theirs = page(parent.get("/mijn/")).xpath(
        f"//section[@aria-labelledby='aanvraag-{reference}']"
    )[0]
    seen = len({words(h) for h in theirs.iter("h4")})
    outcomes = ".//div[@class='outcome']"
    assert len(theirs.xpath(outcomes)) < len(intake.xpath(outcomes))
    assert words(theirs.xpath(".//p[contains(@class, 'resident-intake__summary')]")[0]).startswith(
        f"{seen} soorten hulp."
    )
    # Once nothing is open, the summary says so instead of a date.
    with app.app_context():
        for row in db.session.scalars(
            select(HouseholdOutcome).where(HouseholdOutcome.household_id == household)
        ):
            row.status = "granted"
        db.session.commit()
    body = text(client.get("/mijn/"))
    assert "De gemeente heeft op alles gereageerd." in body and "moet vóór" not in body


def test_the_agreement_comes_after_the_whole_plan(app, client, world, clock):
    household, _ = submit(app, family())
    version_id = issue_plan(app, household, world["a"].id)
    resident_login(client, "anouk")
    root = page(client.get(f"/mijn/plan/{version_id}"))
    order = list(root.iter())
    form = root.xpath(f"//form[@action='/mijn/plan/{version_id}/akkoord']")[0]
    last_section = root.xpath("//div[@class='plan-document']/section")[-1]
    assert words(last_section.find("h2")) == "Uw rechten"
    last_in_plan = list(last_section.iter())[-1]
    assert order.index(form) > order.index(last_in_plan)
    assert "Bent u het niet eens? Bel dan uw contactpersoon." in words(form)
    # At the top only a note, with a link down to the agreement.
    note = root.xpath("//a[@href='#akkoord']")[0]
    assert words(note) == "Onderaan kunt u zeggen of u akkoord bent"
    assert order.index(note) < order.index(root.xpath("//div[@class='plan-document']")[0])
    assert root.xpath("//*[@id='akkoord']")[0].tag == "section"
    # Agreed: the form is gone; the top and the end say when.
    client.post(f"/mijn/plan/{version_id}/akkoord")
    root = page(client.get(f"/mijn/plan/{version_id}"))
    assert not root.xpath("//form[contains(@action, '/akkoord')]")
    assert words(root).count("U was akkoord met dit plan op 23 november 2026.") == 2


def test_dates_are_the_dates_in_the_netherlands_around_midnight(app, client, world, clock):
    clock.moment = LATE
    household, reference = submit(app, family())
    with app.app_context():
        intake = db.session.scalars(select(Intake).where(Intake.reference == reference)).one()
        intake.submitted_at = LATE
        db.session.add(
            Consent(
                household_id=household,
                organisation="Schuldhulp Midden",
                purpose="Afspraak",
                given_at=LATE,
            )
        )
        db.session.commit()
    version_id = issue_plan(app, household, world["a"].id)
    with app.app_context():
        assert db.session.get(PlanVersion, version_id).issued_at.day == 22  # in UTC
    resident_login(client, "anouk")
    body = text(client.get("/mijn/"))
    assert f"Aanvraag {reference} van 23 november 2026" in body
    assert "Plan versie 1 van 23 november 2026" in body
    assert "Gegeven op 23 november 2026." in body
    assert "22 november" not in body
    plan_page = text(client.get(f"/mijn/plan/{version_id}"))
    # The page's own line and the plan's metadata say the same day.
    assert "Gemaakt op 23 november 2026." in plan_page
    assert "Uitgegeven op 23 november 2026" in plan_page
    assert "22 november" not in plan_page
    client.post(f"/mijn/plan/{version_id}/akkoord")
    assert "U was akkoord met dit plan op 23 november 2026." in text(
        client.get(f"/mijn/plan/{version_id}")
    )


def test_dutch_date_and_today_use_dutch_time(clock):
    assert dutch_date(LATE) == date(2026, 11, 23)
    assert dutch_date(LATE.replace(tzinfo=None)) == date(2026, 11, 23)  # naive is UTC
    assert dutch_date(datetime(2026, 7, 1, 21, 59, tzinfo=UTC)) == date(2026, 7, 1)  # CEST
    assert dutch_date(datetime(2026, 7, 1, 22, 0, tzinfo=UTC)) == date(2026, 7, 2)
    assert dutch_date(date(2026, 11, 22)) == date(2026, 11, 22)
    clock.moment = LATE
    assert dutch_time.today() == date(2026, 11, 23)
    # Turning 16 happens at Dutch midnight: born 23 November 2010, 16 "today" in the
    # Netherlands while it is still 22 November in UTC.
    assert dutch_time.age_on(date(2010, 11, 23), dutch_time.today()) == 16


def test_the_phone_number_when_the_municipality_set_one(app, client, world, clock):
    assert settings_from_environment({})["CONTACT_PHONE"] is None
    assert settings_from_environment({"CONTACT_PHONE": " 14 0123 "})["CONTACT_PHONE"] == "14 0123"
    household, _ = submit(app, family())
    version_id = issue_plan(app, household, world["a"].id)
    resident_login(client, "anouk")
    assert "Bel de gemeente en vraag naar uw contactpersoon." in text(client.get("/mijn/"))
    app.config["CONTACT_PHONE"] = "14 0123"
    body = text(client.get("/mijn/"))
    assert "Bel 14 0123 en vraag naar uw contactpersoon." in body
    assert "Bel de gemeente" not in body
    assert "Bel 14 0123 en vraag naar uw contactpersoon." in text(
        client.get(f"/mijn/plan/{version_id}")
    )
