"""Jeugdwet 7.3.9 (issue #19): a youth or parent asks on Mijn aanvraag (or staff register it)
to destroy the youth file; the caseload shows it due within three months; staff destroy it or
record the exception of 7.3.9 lid 3 with the reason; under a legal hold destroying is refused.
The front desk has no access; another team's contact person sees nothing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.models import HouseholdMember
from portal.retention.models import DestructionRequest, PurgeRecord
from tests.deadlines.conftest import next_due
from tests.deadlines.test_retention import close
from tests.residents.conftest import family, resident_login, submit
from tests.staff.conftest import login, text


def _requests(app, household):
    with app.app_context():
        found = db.session.scalars(
            select(DestructionRequest).where(DestructionRequest.household_id == household)
        ).all()
        db.session.expunge_all()
        return found


def _regimes(app, household) -> set[str]:
    with app.app_context():
        return set(
            db.session.scalars(
                select(HouseholdOutcome.regime).where(HouseholdOutcome.household_id == household)
            )
        )


def test_a_parent_asks_on_mijn_and_staff_keep_the_file_with_the_reason(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    close(
        mail_app,
        household,
        world,
        regimes={r for r in _regimes(mail_app, household) if r != "jeugdwet"},
    )
    resident = mail_app.test_client()
    resident_login(resident, "anouk")
    page = resident.get("/mijn/vernietigen/")
    assert page.status_code == 200 and "Vraag om vernietiging" in text(page)
    asked = resident.post("/mijn/vernietigen/", data={"huishouden": household})
    assert asked.status_code == 303
    (request,) = _requests(mail_app, household)
    assert (request.asked_via, request.requested_on, request.due_on) == (
        "mijn",
        date(2026, 11, 23),
        date(2027, 2, 23),  # three months
    )
    # the Jeugdwet terms still run until 18 January; close them, then the request is due first
    close(mail_app, household, world, regimes={"jeugdwet"})
    assert next_due(mail_app, household) == (date(2027, 2, 23), "destruction")
    contact = mail_app.test_client()
    login(contact, world["a"], clock)
    caseload = text(contact.get("/medewerkers/caseload"))
    assert "Verzoek om vernietiging (Jeugdwet)" in caseload

    path = f"/medewerkers/huishoudens/{household}/bewaren/vernietigingsverzoek/{request.id}"
    no_reason = contact.post(path, data={"besluit-decision": "legal_duty", "besluit-note": ""})
    assert no_reason.status_code == 400 and "Schrijf waarom het dossier bewaard blijft." in text(
        no_reason
    )
    kept = contact.post(
        path,
        data={
            "besluit-decision": "legal_duty",
            "besluit-note": "Een rechter vroeg het dossier op.",
        },
    )
    assert kept.status_code == 303
    (request,) = _requests(mail_app, household)
    assert (request.decision, request.decision_reason) == ("kept", "legal_duty")
    assert next_due(mail_app, household)[1] != "destruction"
    mine = text(resident.get("/mijn/vernietigen/"))
    assert "Wij bewaren de gegevens. Reden: Een rechter vroeg het dossier op." in mine


def test_staff_register_and_destroy_the_youth_records(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    contact = mail_app.test_client()
    login(contact, world["a"], clock)
    with mail_app.app_context():
        noor = db.session.scalars(
            select(HouseholdMember.id).where(
                HouseholdMember.household_id == household, HouseholdMember.given_name == "Noor"
            )
        ).first()
    base = f"/medewerkers/huishoudens/{household}/bewaren"
    assert (
        contact.post(f"{base}/vernietigingsverzoek", data={"verzoek-member": noor}).status_code
        == 303
    )
    (request,) = _requests(mail_app, household)
    assert request.asked_via == "staff" and "23-02-2027" in text(contact.get(base))

    destroyed = contact.post(
        f"{base}/vernietigingsverzoek/{request.id}", data={"besluit-decision": "destroy"}
    )
    assert destroyed.status_code == 303
    regimes = _regimes(mail_app, household)
    assert "jeugdwet" not in regimes and regimes  # the other regimes' records stay
    (request,) = _requests(mail_app, household)
    assert request.decision == "destroyed"
    with mail_app.app_context():
        (record,) = db.session.scalars(select(PurgeRecord)).all()
        assert (record.regime, record.cause, record.households) == ("jeugdwet", "jeugdwet_7_3_9", 0)
        assert record.rows["outcomes"] >= 3


def test_under_a_legal_hold_destroying_is_refused_and_nothing_is_lost(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    lead = mail_app.test_client()
    login(lead, world["l"], clock)
    base = f"/medewerkers/huishoudens/{household}/bewaren"
    lead.post(f"{base}/bewaarplicht", data={"bewaarplicht-reason": "Klacht bij de ombudsman."})
    with mail_app.app_context():
        member = db.session.scalars(
            select(HouseholdMember.id).where(HouseholdMember.household_id == household)
        ).first()
    lead.post(f"{base}/vernietigingsverzoek", data={"verzoek-member": member})
    (request,) = _requests(mail_app, household)
    before = _regimes(mail_app, household)
    refused = lead.post(
        f"{base}/vernietigingsverzoek/{request.id}", data={"besluit-decision": "destroy"}
    )
    assert refused.status_code == 409
    assert "Er geldt een bewaarplicht voor dit huishouden. Vernietigen kan niet." in text(refused)
    assert _regimes(mail_app, household) == before and "jeugdwet" in before
    assert _requests(mail_app, household)[0].decision is None


def test_who_may_see_and_handle_requests(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    base = f"/medewerkers/huishoudens/{household}/bewaren"
    for who in ("desk",):
        client = mail_app.test_client()
        login(client, world[who], clock)
        assert client.get(base).status_code == 403
        assert (
            client.post(f"{base}/vernietigingsverzoek", data={"verzoek-member": 1}).status_code
            == 403
        )
        assert (
            client.post(
                f"{base}/vernietigingsverzoek/1", data={"besluit-decision": "destroy"}
            ).status_code
            == 403
        )
        assert (
            client.post(f"{base}/bewaarplicht", data={"bewaarplicht-reason": "x"}).status_code
            == 403
        )
    other = mail_app.test_client()
    login(other, world["c"], clock)  # team Zuid's contact person
    assert other.get(base).status_code == 404
    assert other.post(f"{base}/vernietigingsverzoek", data={"verzoek-member": 1}).status_code == 404
    admin = mail_app.test_client()
    login(admin, world["admin"], clock)
    assert admin.get(base).status_code == 302  # first a logged reason of access
    assert admin.post(f"{base}/vernietigingsverzoek", data={"verzoek-member": 1}).status_code == 403
    stranger = mail_app.test_client()
    resident_login(stranger, "other")  # no youth care anywhere
    page = text(stranger.get("/mijn/vernietigen/"))
    assert "Wij hebben geen gegevens over jeugdhulp van u." in page
    assert stranger.post("/mijn/vernietigen/", data={"huishouden": household}).status_code == 303
    assert _requests(mail_app, household) == []  # not hers to ask


def test_a_file_with_only_youth_care_goes_whole(mail_app, world, clock):
    household, reference = submit(mail_app, family())
    with mail_app.app_context():  # keep only the Jeugdwet records (a youth-only file)
        for row in db.session.scalars(
            select(HouseholdOutcome).where(
                HouseholdOutcome.household_id == household, HouseholdOutcome.regime != "jeugdwet"
            )
        ):
            db.session.delete(row)
        db.session.commit()
        member = db.session.scalars(
            select(HouseholdMember.id).where(HouseholdMember.household_id == household)
        ).first()
    contact = mail_app.test_client()
    login(contact, world["a"], clock)
    base = f"/medewerkers/huishoudens/{household}/bewaren"
    contact.post(f"{base}/vernietigingsverzoek", data={"verzoek-member": member})
    (request,) = _requests(mail_app, household)
    done = contact.post(
        f"{base}/vernietigingsverzoek/{request.id}", data={"besluit-decision": "destroy"}
    )
    assert done.status_code == 303 and done.headers["Location"].endswith("/medewerkers/caseload")
    with mail_app.app_context():
        from portal.models import Household, Intake

        assert db.session.get(Household, household) is None
        assert (
            db.session.scalars(select(Intake).where(Intake.reference == reference)).first() is None
        )
        (record,) = db.session.scalars(select(PurgeRecord)).all()
        assert (record.cause, record.households) == ("jeugdwet_7_3_9", 1)
    assert contact.get(base).status_code == 404
