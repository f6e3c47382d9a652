"""Issue #12, protected households: staff protect with a reason (or a safety answer does); a
banner on every staff page of the household; the team lead and the admin read the file only
after giving a reason (break-the-glass), audited with it; the contact person reads as before;
the front desk learns only that the resident is protected and whom to call."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.households.models import AccessGrant, AuditEvent
from portal.models import Household, HouseholdMember
from tests.households.conftest import as_, family, submit
from tests.staff.conftest import text

BANNER = "Afgeschermd huishouden."


def _protect(app, world, clock, household: int, reason: str = "Partner dreigt, zegt de inwoner"):
    client = as_(app, world, "a", clock)
    response = client.post(
        f"/medewerkers/huishoudens/{household}/afschermen", data={"reason": reason}
    )
    assert response.status_code == 303
    return client


def test_the_contact_person_protects_with_a_reason_and_every_page_shows_it(
    app, world, clock, household
):
    client = as_(app, world, "a", clock)
    assert BANNER not in text(client.get(f"/medewerkers/huishoudens/{household}"))
    refused = client.post(f"/medewerkers/huishoudens/{household}/afschermen", data={"reason": ""})
    assert refused.status_code == 303
    with app.app_context():
        assert db.session.get(Household, household).protected_since is None
    _protect(app, world, clock, household)
    for page in (
        f"/medewerkers/huishoudens/{household}",
        f"/medewerkers/huishoudens/{household}/plan",
    ):
        body = text(client.get(page, follow_redirects=True))
        assert BANNER in body, page
    body = text(client.get(f"/medewerkers/huishoudens/{household}"))
    assert "Partner dreigt, zegt de inwoner" in body  # the reason, on the file and in the log
    # lifting it again takes a reason too
    client.post(
        f"/medewerkers/huishoudens/{household}/afschermen",
        data={"reason": "Inwoner is verhuisd naar een veilig adres", "lift": "y"},
    )
    assert BANNER not in text(client.get(f"/medewerkers/huishoudens/{household}"))


def test_a_safety_answer_protects_without_staff(app, world, clock):
    answers = family("2741AB")
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    household = submit(app, answers)
    client = as_(app, world, "a", clock)
    assert BANNER in text(client.get(f"/medewerkers/huishoudens/{household}"))


def test_the_team_lead_gives_a_reason_first_and_it_is_audited(app, world, clock, household):
    _protect(app, world, clock, household)
    lead = as_(app, world, "l", clock)
    first = lead.get(f"/medewerkers/huishoudens/{household}")
    assert first.status_code == 302 and first.headers["Location"].endswith(
        f"/medewerkers/huishoudens/{household}/inzage"
    )
    page = text(lead.get(f"/medewerkers/huishoudens/{household}/inzage"))
    assert "Dit huishouden is afgeschermd" in page
    assert (
        lead.post(
            f"/medewerkers/huishoudens/{household}/inzage", data={"reason": "kort"}
        ).status_code
        == 400
    )
    granted = lead.post(
        f"/medewerkers/huishoudens/{household}/inzage",
        data={"reason": "Overleg meldcode stap 2 met de contactpersoon"},
    )
    assert granted.status_code == 303
    assert lead.get(f"/medewerkers/huishoudens/{household}").status_code == 200
    with app.app_context():
        grant = db.session.scalars(select(AccessGrant)).one()
        assert grant.staff_id == world["l"].id and "meldcode" in grant.reason
        reads = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.staff_id == world["l"].id, AuditEvent.action == "read"
            )
        ).all()
        assert reads and all(r.acting_for == f"access_grant:{grant.id}" for r in reads)
    # the lead of another team still gets nothing, reason or not
    other = as_(app, world, "m", clock)
    assert other.get(f"/medewerkers/huishoudens/{household}").status_code == 404
    assert other.get(f"/medewerkers/huishoudens/{household}/inzage").status_code == 404


def test_an_unprotected_file_opens_for_the_team_lead_as_before(app, world, clock, household):
    lead = as_(app, world, "l", clock)
    assert lead.get(f"/medewerkers/huishoudens/{household}").status_code == 200


def test_the_front_desk_learns_only_whom_to_call(app, world, clock, household):
    _protect(app, world, clock, household)
    with app.app_context():
        bsn = db.session.scalars(
            select(HouseholdMember.bsn).where(
                HouseholdMember.household_id == household, HouseholdMember.bsn.is_not(None)
            )
        ).first()
    desk = as_(app, world, "desk", clock)
    assert desk.get(f"/medewerkers/huishoudens/{household}").status_code in (403, 404)
    found = text(desk.post("/balie/inwoner-zoeken", data={"bsn": bsn}))
    assert "Deze inwoner is afgeschermd" in found
    assert "Noord" in found  # the team to call
    assert "2741" not in found and "Partner dreigt" not in found  # no address, no reason
    wrong = desk.post("/balie/inwoner-zoeken", data={"bsn": "123456789"})
    assert wrong.status_code == 400 and "Dit BSN klopt niet" in text(wrong)
    none = text(desk.post("/balie/inwoner-zoeken", data={"bsn": "999990056"}))
    assert "Er is geen dossier bij dit BSN" in none
    with app.app_context():
        lookups = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "lookup")).all()
        assert len(lookups) == 2 and lookups[0].household_id == household
