"""Issue #12: what one adult told about debts, health or safety reaches the other adults only
when they agree to share that domain (recorded, revocable), on Mijn aanvraag, the plan page and
the .docx alike; in a protected household what tells of an unsafe home is never shared."""

from __future__ import annotations

import io

from docx import Document
from sqlalchemy import select

from portal.extensions import db
from portal.households.sensitivity import sensitive_domains
from portal.models import Intake, StaffMember
from portal.plans import service
from portal.residents.models import SharedDomainConsent
from tests.residents.conftest import (
    YOUSSEF,
    confirm_member,
    family,
    resident_login,
    submit,
    text,
)


def _debt_items(app, household: int) -> list[str]:
    """The names of the debts outcomes Anouk's intake led to (hers to tell)."""
    with app.app_context():
        intake = db.session.scalars(select(Intake).where(Intake.household_id == household)).first()
        return sorted(
            {
                o["provision"]["name"]["nl"]
                for o in intake.stored_outcomes().values()
                if sensitive_domains(o) == {"debts"}
            }
        )


def _issue(app, household: int, staff_id: int) -> int:
    with app.app_context():
        version = service.issue(service.plan_for(household), db.session.get(StaffMember, staff_id))
        db.session.commit()
        return version.id


def _docx(client, version_id: int) -> str:
    body = client.get(f"/mijn/plan/{version_id}/ondersteuningsplan.docx").data
    document = Document(io.BytesIO(body))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _choose(client, household: int, *domains: str):
    return client.post(
        "/mijn/delen-met-huishouden", data={"huishouden": household, "domein": list(domains)}
    )


def test_debts_reach_the_partner_only_while_she_shares_them(app, world, clock):
    household, _ = submit(app, family())
    confirm_member(app, YOUSSEF)
    items = _debt_items(app, household)
    assert items, "the family's debts lead to help that is Anouk's to tell"
    version_id = _issue(app, household, world["a"].id)
    him, her = app.test_client(), app.test_client()
    resident_login(him, "youssef")
    resident_login(her, "anouk")

    def he_reads() -> list[str]:
        pages = (
            text(him.get("/mijn/"))
            + text(him.get(f"/mijn/plan/{version_id}"))
            + _docx(him, version_id)
        )
        return [item for item in items if item in pages]

    assert he_reads() == []
    page = text(her.get("/mijn/"))
    assert "Wat mogen de anderen in uw huishouden zien?" in page and "Veiligheid thuis" in page

    assert _choose(her, household, "debts").status_code == 303
    assert he_reads() == items  # on the page, the plan page and the .docx
    with app.app_context():
        rows = db.session.scalars(select(SharedDomainConsent)).all()
        assert [(r.domain, r.withdrawn_at) for r in rows] == [("debts", None)]

    assert _choose(her, household).status_code == 303  # nothing ticked: withdrawn
    assert he_reads() == []
    with app.app_context():
        row = db.session.scalars(select(SharedDomainConsent)).one()
        assert row.withdrawn_at is not None  # the record stays, withdrawn


def test_the_partner_cannot_share_what_she_told(app, world, clock):
    household, _ = submit(app, family())
    confirm_member(app, YOUSSEF)
    items = _debt_items(app, household)
    him = app.test_client()
    resident_login(him, "youssef")
    assert _choose(him, household, "debts").status_code == 303  # his own consent only
    assert not [item for item in items if item in text(him.get("/mijn/"))]


def test_an_unsafe_home_is_never_shared_in_a_protected_household(app, world, clock):
    answers = family()
    answers["household"]["safety"]["domestic_violence"] = True
    household, _ = submit(app, answers)
    confirm_member(app, YOUSSEF)
    her = app.test_client()
    resident_login(her, "anouk")
    page = text(her.get("/mijn/"))
    assert "laten wij nooit aan anderen in uw huishouden zien" in page
    assert 'value="safety"' not in her.get("/mijn/").get_data(as_text=True)
    _choose(her, household, "safety", "debts")  # a forged safety box is ignored
    with app.app_context():
        assert {r.domain for r in db.session.scalars(select(SharedDomainConsent))} == {"debts"}
    him = app.test_client()
    resident_login(him, "youssef")
    assert "Veilig Thuis" not in text(him.get("/mijn/"))


def test_only_a_verified_adult_of_the_household_chooses(app, world, clock):
    household, _ = submit(app, family())  # Youssef is listed, not verified
    him = app.test_client()
    resident_login(him, "youssef")
    assert _choose(him, household, "debts").status_code == 404  # not his household on /mijn
    stranger = app.test_client()
    resident_login(stranger, "anouk")
    assert _choose(stranger, household + 999, "debts").status_code == 404
    with app.app_context():
        assert db.session.scalars(select(SharedDomainConsent)).all() == []
