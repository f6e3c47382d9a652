"""Jeugdwet: a member of 16 or older decides who sees their youth-care data. The other members
do not see their Jeugdwet outcomes or plan provisions without their consent (HTML and .docx).
And the plan: shown as HTML, downloadable as .docx, agreed to online."""

from __future__ import annotations

import io
import shutil

import docx
from sqlalchemy import select

from portal import rulebook
from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households.models import CaseLogEntry
from portal.models import HouseholdMember, StaffMember
from portal.plans import service
from portal.plans.models import PlanVersion
from portal.residents import plan as resident_plan
from tests.residents.conftest import NOOR, confirm_member, family, resident_login, submit, text
from verordening.registry import default_path, load_verordeningen

NOTE = "Dan beslist die persoon zelf wie zijn of haar jeugdhulp mag zien."


def noor_youth_care(app, household: int) -> list[str]:
    """The provision names of Noor's Jeugdwet outcomes (the test needs at least one)."""
    with app.app_context():
        rows = db.session.scalars(
            select(HouseholdOutcome).where(
                HouseholdOutcome.household_id == household, HouseholdOutcome.regime == "jeugdwet"
            )
        ).all()
        # As the page shows them: the provision, then for whom.
        names = [
            f"{r.provision_name['nl']} Voor wie Noor Bakkali" for r in rows if r.member_id == "m3"
        ]
    assert names, "the family example should give Noor a Jeugdwet outcome"
    return names


def issue_plan(app, household: int, staff_id: int) -> int:
    with app.app_context():
        plan = service.plan_for(household)
        version = service.issue(plan, db.session.get(StaffMember, staff_id))
        db.session.commit()
        return version.id


def test_parents_do_not_see_a_16_plus_members_youth_care_without_consent(app, world, clock):
    household, _ = submit(app, family())  # Noor is 17
    names = noor_youth_care(app, household)
    parent = app.test_client()
    resident_login(parent, "anouk")
    body = text(parent.get("/mijn/"))
    assert not any(name in body for name in names)
    assert NOTE in body
    assert "Uw jeugdhulp: wie mag het zien?" not in body  # the choice is Noor's, not the parent's

    noor = app.test_client()
    confirm_member(app, NOOR)  # listed by her mother, confirmed by staff
    resident_login(noor, "noor")
    body = text(noor.get("/mijn/"))
    assert all(name in body for name in names)  # her own: always
    assert "Nu: alleen u ziet uw jeugdhulp." in body
    with app.app_context():
        me = db.session.scalars(select(HouseholdMember).where(HouseholdMember.bsn == NOOR)).one().id
    assert (
        noor.post("/mijn/jeugdhulp-delen", data={"member": me, "keuze": "delen"}).status_code == 303
    )
    body = text(parent.get("/mijn/"))
    assert all(name in body for name in names)

    assert (
        noor.post("/mijn/jeugdhulp-delen", data={"member": me, "keuze": "niet-delen"}).status_code
        == 303
    )
    assert not any(name in text(parent.get("/mijn/")) for name in names)
    with app.app_context():
        kinds = [
            e.kind
            for e in db.session.scalars(
                select(CaseLogEntry).where(CaseLogEntry.household_id == household)
            )
        ]
    assert "consent" in kinds and "consent_withdrawn" in kinds


def test_under_16_the_parents_see_the_youth_care(app, world, clock):
    household, _ = submit(app, family(noor_birth="2012-03-21"))  # 14
    names = noor_youth_care(app, household)
    parent = app.test_client()
    resident_login(parent, "anouk")
    body = text(parent.get("/mijn/"))
    assert all(name in body for name in names)
    # The note is there all the same (Youssef is an adult): it must not tell that Noor gets
    # youth care when she is 16 or older.
    assert NOTE in body


def test_only_the_young_person_decides(app, world, clock):
    submit(app, family())
    with app.app_context():
        noor_id = (
            db.session.scalars(select(HouseholdMember).where(HouseholdMember.bsn == NOOR)).one().id
        )
    parent = app.test_client()
    resident_login(parent, "anouk")
    # The parent sends Noor's member id: refused as if it did not exist.
    assert (
        parent.post("/mijn/jeugdhulp-delen", data={"member": noor_id, "keuze": "delen"}).status_code
        == 404
    )


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_plan_html_docx_and_agreement(app, world, clock):
    household, _ = submit(app, family())  # Noor is 17
    version_id = issue_plan(app, household, world["a"].id)
    with app.app_context():
        snapshot = db.session.get(PlanVersion, version_id).snapshot
        noor_id = db.session.scalars(
            select(HouseholdMember.id).where(HouseholdMember.bsn == NOOR)
        ).one()
    hers = [
        p["provision"]
        for p in snapshot["provisions"]
        if p["regime"] == "jeugdwet" and p["member_id"] == noor_id
    ]
    assert hers, "the plan should list Noor's youth care"
    parent, noor = app.test_client(), app.test_client()
    resident_login(parent, "anouk")
    confirm_member(app, NOOR)  # listed by her mother, confirmed by staff
    resident_login(noor, "noor")
    assert "Plan versie 1 van" in text(parent.get("/mijn/"))
    page = parent.get(f"/mijn/plan/{version_id}")
    assert page.status_code == 200
    body, own = text(page), text(noor.get(f"/mijn/plan/{version_id}"))
    assert "Ondersteuningsplan versie 1" in body and "Ik ga akkoord met dit plan" in body
    # Noor's youth-care provisions are in her view and missing from her parent's, once each.
    for name in set(hers):
        assert body.count(name) == own.count(name) - hers.count(name), name
    url = f"/mijn/plan/{version_id}/ondersteuningsplan.docx"
    download = parent.get(url)
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    words, own_words = docx_text(download.data), docx_text(noor.get(url).data)
    for name in set(hers):
        assert words.count(name) == own_words.count(name) - hers.count(name), name
    # Agreeing online, once.
    assert parent.post(f"/mijn/plan/{version_id}/akkoord").status_code == 303
    assert "U was akkoord met dit plan op" in text(parent.get(f"/mijn/plan/{version_id}"))
    with app.app_context():
        version = db.session.get(PlanVersion, version_id)
        assert version.agreed_at is not None and version.agreed_channel == "online"


def test_the_filter_drops_only_the_hidden_members_youth_care():
    snapshot = {
        "provisions": [
            {
                "member_id": 3,
                "regime": "jeugdwet",
                "provision": "Jeugdhulp",
                "expected_cost_cents": 500,
            },
            {
                "member_id": 4,
                "regime": "jeugdwet",
                "provision": "Jeugdhulp jong",
                "expected_cost_cents": 200,
            },
            {
                "member_id": 3,
                "regime": "leerplicht",
                "provision": "Leerplicht",
                "expected_cost_cents": None,
            },
        ],
        "costs": {"total_cents": 700, "by_regime": [{"regime": "jeugdwet", "cents": 700}]},
    }
    result = resident_plan.filtered(snapshot, {3})
    assert [p["provision"] for p in result["provisions"]] == ["Jeugdhulp jong", "Leerplicht"]
    assert result["costs"] == {
        "total_cents": 200,
        "by_regime": [{"regime": "jeugdwet", "cents": 200}],
    }
    assert snapshot["provisions"][0]["provision"] == "Jeugdhulp"  # the stored snapshot is untouched


def test_the_verordening_names_the_age_from_which_a_young_person_decides(
    app, world, clock, tmp_path
):
    """The age is policy data (parameter jeugd_eigen_gegevens_leeftijd), not code: with a
    verordening that says 18, Noor (17) does not decide yet and her parents see her youth care."""
    shutil.copy(default_path() / "model-2026-01-01.yaml", tmp_path / "verordening.yaml")
    shutil.copytree(default_path() / "parameters", tmp_path / "parameters")  # shared by versions
    youth = tmp_path / "parameters" / "jeugd.yaml"
    source = youth.read_text(encoding="utf-8")
    start = source.index("jeugd_eigen_gegevens_leeftijd:")
    end = source.index("2015-01-01: {value: 16,", start)
    old, new = "2015-01-01: {value: 16,", "2015-01-01: {value: 18,"
    youth.write_text(source[:end] + new + source[end + len(old) :], encoding="utf-8")
    household, _ = submit(app, family())
    names = noor_youth_care(app, household)
    app.extensions[rulebook.EXTENSION_KEY] = load_verordeningen(str(tmp_path))
    parent = app.test_client()
    resident_login(parent, "anouk")
    body = text(parent.get("/mijn/"))
    assert all(name in body for name in names)
