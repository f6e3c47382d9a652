"""Issue #15: the hand-off's cases and faults against the fake ZGW server (which checks every
request against the official OpenAPI files): nothing lost, nothing twice, the admin page and the
household file tell the truth."""

from __future__ import annotations

import base64
import copy
from datetime import UTC

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.handoff import outbox
from portal.handoff.models import FAILED, PENDING, Handoff, HandoffZaak, ZaaktypeMapping
from portal.handoff.process import deliver_due
from portal.models import StaffMember
from portal.plans import service as plans
from portal.services import plans as plan_changes
from tests.residents.conftest import family, submit
from tests.staff.conftest import login, text


def _deliver(app) -> dict:
    with app.app_context():
        return deliver_due()


def _rows(app) -> list[Handoff]:
    with app.app_context():
        rows = db.session.scalars(select(Handoff).order_by(Handoff.id)).all()
        db.session.expunge_all()
        return rows


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def one_question() -> dict:
    """Only a question about school transport: one regime, one zaak."""
    answers = family()
    answers["members"] = [m for m in answers["members"] if m["role"] == "applicant"]
    answers["household"] = {}
    answers["consents"] = []
    return answers


@pytest.mark.parametrize("fault", ["refuse", "500", "timeout"])
def test_an_outage_keeps_the_row_and_delivers_it_once_afterwards(app, zgw, world, clock, fault):
    submit(app, family())
    if fault == "refuse":
        zgw.stop()
        app.config["ZGW_ZAKEN_API_ROOT"] = "http://127.0.0.1:9"  # nothing listens there
    else:
        zgw.fault = fault
    assert _deliver(app) == {"retry": 1}
    (row,) = _rows(app)
    assert row.state == PENDING and row.attempts == 1 and row.last_error
    assert _aware(row.next_attempt_at) > clock.moment  # backoff: not before 30 seconds
    assert _deliver(app) == {}  # not due yet
    if fault == "refuse":
        return  # the server is gone for good in this test; the row waits, nothing was lost
    zgw.fault = None
    clock.advance(seconds=31)
    assert _deliver(app) == {"delivered": 1}
    identifications = [z["identificatie"] for z in zgw.all("zaken")]
    assert len(identifications) == len(set(identifications)) > 0
    assert zgw.violations == []


def test_a_refusal_is_a_failure_the_admin_sees_and_retries(app, client, zgw, world, clock):
    submit(app, family())
    zgw.fault = "400"
    assert _deliver(app) == {"failed": 1}
    (row,) = _rows(app)
    assert row.state == FAILED and "Ongeldige invoer" in row.last_error
    login(client, world["admin"], clock)
    page = text(client.get("/medewerkers/beheer/overdracht"))
    assert "Mislukt 1" in page and "Ongeldige invoer" in page
    zgw.fault = None
    response = client.post(f"/medewerkers/beheer/overdracht/{row.id}/opnieuw")
    assert response.status_code == 303
    assert _deliver(app) == {"delivered": 1}
    page = text(client.get("/medewerkers/beheer/overdracht"))
    assert "Mislukt 0" in page and "Afgeleverd 1" in page


def test_a_regime_without_a_zaaktype_fails_with_what_to_fix(app, zgw, world, clock):
    with app.app_context():
        db.session.delete(db.session.get(ZaaktypeMapping, "wmo"))
        db.session.commit()
    submit(app, family())
    assert _deliver(app) == {"failed": 1}
    (row,) = _rows(app)
    assert "Geen zaaktype ingesteld voor: wmo" in row.last_error
    assert zgw.all("zaken") == []


def test_a_single_question_is_one_zaak_without_relations(app, zgw, world, clock):
    answers = one_question()
    submit(app, answers)
    _deliver(app)
    zaken = zgw.all("zaken")
    # one municipal regime (Wmo; the GP referral is no zaak of the municipality's): one zaak,
    # related to nothing (the earlier version passed whatever the count was)
    assert len(zaken) >= 1
    assert len(zaken) == 1 and zaken[0]["identificatie"].endswith("-wmo")
    assert zaken[0]["relevanteAndereZaken"] == []
    assert zgw.violations == []


def test_a_protected_household_gets_the_highest_confidentiality(app, zgw, world, clock):
    answers = family()
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    submit(app, answers)
    _deliver(app)
    assert {z["vertrouwelijkheidaanduiding"] for z in zgw.all("zaken")} == {"zeer_geheim"}
    documents = zgw.all("enkelvoudiginformatieobjecten")
    assert {d["vertrouwelijkheidaanduiding"] for d in documents} == {"zeer_geheim"}


def test_each_regime_gets_only_the_answers_its_own_rules_used(app, zgw, world, clock):
    answers = family()
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    reference = submit(app, answers)[1]
    _deliver(app)
    by_regime = {}
    for document in zgw.all("enkelvoudiginformatieobjecten"):
        regime = document["identificatie"].removeprefix(reference + "-").removesuffix("-A")
        by_regime[regime] = base64.b64decode(document["inhoud"]).decode("utf-8")
    assert "leerlingenvervoer" in by_regime or "leerplicht" in by_regime
    school = by_regime.get("leerlingenvervoer") or by_regime["leerplicht"]
    assert "geweld" not in school.lower() and "schulden" not in school.lower()


def test_a_second_intake_makes_new_zaken_related_to_the_open_ones(app, zgw, world, clock):
    household, _ = submit(app, family())
    _deliver(app)
    first = {z["url"] for z in zgw.all("zaken")}
    second = copy.deepcopy(family())
    second["story"]["question"] = "Nu ook hulp bij het huishouden."
    household_again, reference = submit(app, second)
    assert household_again == household  # the verified applicant's household
    assert _deliver(app) == {"delivered": 1}
    new = [z for z in zgw.all("zaken") if z["identificatie"].startswith(reference)]
    assert new
    for zaak in new:
        related = {r["url"] for r in zaak["relevanteAndereZaken"]}
        assert first <= related
    assert zgw.violations == []


def test_a_plan_issued_later_is_added_to_the_existing_zaken(app, zgw, world, clock):
    household, _ = submit(app, family())
    _deliver(app)
    zaken = len(zgw.all("zaken"))
    with app.app_context():
        staff = db.session.get(StaffMember, world["a"].id)
        plan_changes.issue(plans.plan_for(household), staff)
        db.session.commit()
    assert _deliver(app) == {"delivered": 1}
    plan_documents = [
        d for d in zgw.all("enkelvoudiginformatieobjecten") if d["identificatie"].startswith("P")
    ]
    assert len(plan_documents) == zaken
    assert all(d["bestandsnaam"].endswith(".docx") for d in plan_documents)
    assert len(zgw.all("zaken")) == zaken
    assert zgw.violations == []


def test_the_household_file_shows_the_zaken_and_their_last_known_status(
    app, client, zgw, world, clock
):
    household, _ = submit(app, family())
    login(client, world["a"], clock)
    before = text(client.get(f"/medewerkers/huishoudens/{household}"))
    assert "Wordt overgedragen naar het zaaksysteem" in before
    _deliver(app)
    with app.app_context():
        from portal.handoff import statuses

        assert statuses.read_all() > 0
        identification = db.session.scalars(select(HandoffZaak.identificatie)).first()
    page = text(client.get(f"/medewerkers/huishoudens/{household}"))
    assert identification in page and "Ontvangen" in page
    zgw.stop()  # an outage: the page still shows the last known status
    with app.app_context():
        from portal.handoff import statuses

        statuses.read_all()
    page = client.get(f"/medewerkers/huishoudens/{household}")
    assert page.status_code == 200 and "Ontvangen" in text(page)


def test_health_reports_the_outbox(app, client, zgw, world, clock):
    submit(app, family())
    zgw.fault = "400"
    _deliver(app)
    health = client.get("/healthz/overdracht").get_json()
    assert health["status"] == "degraded" and health["failed"] == 1 and health["enabled"]
    with app.app_context():
        outbox.retry_now(db.session.scalars(select(Handoff)).one())
    zgw.fault = None
    _deliver(app)
    health = client.get("/healthz/overdracht").get_json()
    assert health == {**health, "status": "ok", "failed": 0, "pending": 0, "delivered": 1}


def test_only_admins_open_the_handoff_page(app, client, zgw, world, clock):
    login(client, world["a"], clock)  # a contact person
    assert client.get("/medewerkers/beheer/overdracht").status_code == 403


def test_the_zaak_status_follows_the_contact_persons_decisions(app, zgw, world, clock):
    from portal.caseload.models import HouseholdOutcome
    from portal.handoff import statuses
    from portal.services import outcomes as outcome_changes

    submit(app, family())
    _deliver(app)
    with app.app_context():
        zaak = db.session.scalars(select(HandoffZaak).order_by(HandoffZaak.id)).first()
        regime, intake_id, zaak_id, zaak_url = zaak.regime, zaak.intake_id, zaak.id, zaak.url
        outcomes = db.session.scalars(
            select(HouseholdOutcome).where(
                HouseholdOutcome.intake_id == intake_id, HouseholdOutcome.regime == regime
            )
        ).all()
        for outcome in outcomes:
            outcome_changes.change_status(outcome, "in_onderzoek", staff_id=world["a"].id)
        db.session.commit()
    assert _deliver(app) == {"delivered": len(outcomes)}
    with app.app_context():
        statuses.read_all()
        assert db.session.get(HandoffZaak, zaak_id).status == "In behandeling"
        for outcome in db.session.scalars(
            select(HouseholdOutcome).where(
                HouseholdOutcome.intake_id == intake_id, HouseholdOutcome.regime == regime
            )
        ):
            outcome_changes.change_status(outcome, "granted", staff_id=world["a"].id)
        db.session.commit()
    _deliver(app)
    with app.app_context():
        statuses.read_all()
        assert db.session.get(HandoffZaak, zaak_id).status == "Afgehandeld"
    assert zgw.violations == []
    # one status per step: ontvangen, in behandeling, afgehandeld (no repeats per outcome)
    mine = [s for s in zgw.all("statussen") if s["zaak"] == zaak_url]
    assert len(mine) == 3
