"""Issue #19, people acting for a resident: DigiD Machtigen through the broker, a written
authorisation registered by staff, a parent for a child under 16. Who acts for whom is on every
page, on the intake and in the audit trail; the representative sees less than the resident."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households.models import AuditEvent, IntakeFiledBy, Representation
from portal.households.sensitivity import sensitive_domains
from portal.models import HouseholdMember, Intake, StaffMember
from portal.plans import service
from tests.intake.helpers import fill_minimal
from tests.intake.helpers import submit as submit_form
from tests.residents.conftest import (
    ANOUK,
    OTHER,
    YOUSSEF,
    authorize,
    callback_path,
    confirm_member,
    family,
    other_family,
    resident_login,
    submit,
)
from tests.staff.conftest import login, text

BANNER = "U handelt namens Anouk"


def _issue(app, household: int, staff_id: int) -> int:
    with app.app_context():
        version = service.issue(service.plan_for(household), db.session.get(StaffMember, staff_id))
        db.session.commit()
        return version.id


def _member_id(app, bsn: str) -> int:
    with app.app_context():
        return db.session.scalars(
            select(HouseholdMember.id).where(HouseholdMember.bsn == bsn)
        ).one()


def _outcome_names(app, household: int, *, sensitive: bool) -> set[str]:
    """Provision names of Anouk's intake's outcomes, sensitive (debts) or not, outside wmo."""
    with app.app_context():
        intake = db.session.scalars(select(Intake).where(Intake.household_id == household)).first()
        return {
            o["provision"]["name"]["nl"]
            for o in intake.stored_outcomes().values()
            if bool(sensitive_domains(o)) is sensitive
            and (sensitive or o["regime"]["id"] not in ("wmo",))
            and o.get("member_id") in (None, "m1")
        }


def _register(app, world, clock, household: int, **changes) -> int:
    """Staff (the team lead of team Noord) register a written authorisation for Anouk: OTHER,
    as her mantelzorger, after seeing a passport."""
    staff = app.test_client()
    login(staff, world["l"], clock)
    data = {
        "member": _member_id(app, ANOUK),
        "representative_name": "Kees Mantel",
        "representative_bsn": OTHER,
        "kind": "mantelzorger",
        "actions": ["lezen", "berichten"],
        "regimes": ["*"],
        "starts_on-day": "1",
        "starts_on-month": "11",
        "starts_on-year": "2026",
        "ends_on-day": "31",
        "ends_on-month": "12",
        "ends_on-year": "2026",
        "id_checked": "paspoort",
        **changes,
    }
    response = staff.post(f"/medewerkers/huishoudens/{household}/machtigingen", data=data)
    assert response.status_code == 303, text(response)[:2000]
    with app.app_context():
        return db.session.scalars(
            select(Representation.id).order_by(Representation.id.desc())
        ).first()


def _act_for(client, representation_id: int):
    return client.post("/mijn/namens", data={"machtiging": representation_id})


# -- DigiD Machtigen -------------------------------------------------------------------------


def test_digid_machtigen_shows_the_represented_persons_file_not_ones_own(app, client, world, clock):
    _household, reference = submit(app, family())
    _other_household, own_reference = submit(app, other_family())
    resident_login(client, "other-for-anouk")
    page = text(client.get("/mijn/"))
    assert BANNER in page
    assert reference in page and own_reference not in page
    assert "met DigiD Machtigen" in page
    # what it is recorded as: OTHER for Anouk, with the service, for today
    with app.app_context():
        row = db.session.scalars(select(Representation)).one()
        assert (row.source, row.representative_bsn, row.subject_bsn) == (
            "digid_machtigen",
            OTHER,
            ANOUK,
        )
        assert row.service_id == "eenloket-aanvragen-en-volgen"
    # stopping: back to one's own file, no banner
    client.post("/mijn/namens/stoppen")
    page = text(client.get("/mijn/"))
    assert BANNER not in page and own_reference in page and reference not in page


def test_an_unknown_machtigen_service_is_refused_clearly(app, client):
    response = client.get(callback_path(authorize(client, "other-for-anouk-unknown-service")))
    assert response.status_code == 400
    assert "DigiD Machtiging hier niet gebruiken" in text(response)
    assert client.get("/mijn/").status_code == 302  # not logged in


def test_a_token_naming_the_same_person_twice_is_refused(app, client, monkeypatch):
    from portal.residents import identity

    with app.test_request_context():
        app.config["DIGID_MACHTIGEN_SERVICES"] = {"s": {"actions": ["lezen"]}}
        with pytest.raises(identity.LoginFailed):
            identity._machtigen({"authorizee_bsn": ANOUK, "service_id": "s"}, ANOUK)
        with pytest.raises(identity.LoginFailed):
            identity._machtigen({"authorizee_bsn": "123456780", "service_id": "s"}, ANOUK)
        nested = identity.claim({"gemachtigde": {"bsn": OTHER}}, "gemachtigde.bsn")
        assert nested == OTHER


def test_the_intake_is_filed_by_x_for_y_and_audited(app, client, world, clock):
    _household, _reference = submit(app, family())
    resident_login(client, "other-for-anouk")
    fill_minimal(client)
    response = submit_form(client)
    assert response.status_code == 303, text(response)[:1000]
    with app.app_context():
        link = db.session.scalars(select(IntakeFiledBy)).one()
        row = db.session.get(Representation, link.representation_id)
        assert (row.representative_bsn, row.subject_bsn) == (OTHER, ANOUK)
        intake = db.session.get(Intake, link.intake_id)
        trail = db.session.scalars(
            select(AuditEvent).where(AuditEvent.what == f"intake:{intake.reference}")
        ).all()
        assert [(a.role, a.action, a.acting_for) for a in trail] == [
            ("representative", "change", f"representation:{row.id}")
        ]


def test_without_the_apply_scope_the_intake_is_refused_and_nothing_is_lost(app, client):
    resident_login(client, "other-for-anouk-wmo")
    fill_minimal(client)
    response = submit_form(client)
    assert response.status_code == 303 and response.headers["Location"].endswith("/controleren")
    assert "geen aanvraag doen namens" in text(client.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.scalars(select(Intake)).first() is None


# -- a written authorisation ------------------------------------------------------------------


def test_a_written_authorisation_lets_the_representative_follow_the_file(app, client, world, clock):
    household, reference = submit(app, family())
    _other, own_reference = submit(app, other_family())
    representation = _register(app, world, clock, household)
    resident_login(client, "other")
    page = text(client.get("/mijn/"))
    assert "Handelen namens iemand anders" in page and "als mantelzorger" in page
    assert _act_for(client, representation).status_code == 303
    page = text(client.get("/mijn/"))
    assert BANNER in page and "met een schriftelijke machtiging" in page
    assert reference in page and own_reference not in page


def test_an_expired_authorisation_is_refused_clearly(app, client, world, clock):
    household, _reference = submit(app, family())
    representation = _register(app, world, clock, household)
    resident_login(client, "other")
    assert _act_for(client, representation).status_code == 303
    with app.app_context():  # the end date passes while they are acting
        db.session.get(Representation, representation).ends_on = date(2026, 11, 22)
        db.session.commit()
    response = client.get("/mijn/")
    assert response.status_code == 303
    page = text(client.get("/mijn/"))
    assert "is verlopen op 22 november 2026" in page
    assert BANNER not in page
    # and choosing it again is refused with the same reason
    _act_for(client, representation)
    page = text(client.get("/mijn/"))
    assert "is verlopen op 22 november 2026" in page and BANNER not in page


def test_a_withdrawn_authorisation_is_refused_clearly(app, client, world, clock):
    household, reference = submit(app, family())
    representation = _register(app, world, clock, household)
    resident_login(client, "other")
    assert _act_for(client, representation).status_code == 303
    staff = app.test_client()
    login(staff, world["l"], clock)
    url = f"/medewerkers/huishoudens/{household}/machtigingen/{representation}/intrekken"
    assert staff.post(url).status_code == 303
    assert client.get("/mijn/").status_code == 303
    page = text(client.get("/mijn/"))
    assert "is ingetrokken" in page and BANNER not in page and reference not in page


def test_out_of_scope_pages_and_decisions_are_refused(app, client, world, clock):
    household, _reference = submit(app, family())
    version = _issue(app, household, world["a"].id)
    representation = _register(app, world, clock, household, actions=["lezen"], regimes=["wmo"])
    resident_login(client, "other")
    _act_for(client, representation)
    refused = client.get("/mijn/berichten/")
    assert refused.status_code == 403
    assert "Uw machtiging geldt niet voor: berichten van de gemeente zien" in text(refused)
    assert BANNER in text(refused)
    agree = client.post(f"/mijn/plan/{version}/akkoord")
    assert agree.status_code == 403 and "Dit kan alleen Anouk" in text(agree)
    with app.app_context():
        from portal.plans.models import PlanVersion

        assert db.session.get(PlanVersion, version).agreed_at is None
    # outcomes outside the wmo are left out for the representative, shown to Anouk herself
    outside = _outcome_names(app, household, sensitive=False)
    assert outside
    page = text(client.get("/mijn/"))
    assert not any(name in page for name in outside)
    own = app.test_client()
    resident_login(own, "anouk")
    assert any(name in text(own.get("/mijn/")) for name in outside)


def test_staff_form_refuses_bad_input_and_keeps_what_was_typed(app, world, clock):
    household, _reference = submit(app, family())
    staff = app.test_client()
    login(staff, world["l"], clock)
    response = staff.post(
        f"/medewerkers/huishoudens/{household}/machtigingen",
        data={
            "member": _member_id(app, ANOUK),
            "representative_name": "Kees Mantel",
            "representative_bsn": "123456780",
            "kind": "bewindvoerder",
            "actions": ["lezen"],
            "regimes": ["*"],
            "starts_on-day": "1",
            "starts_on-month": "11",
            "starts_on-year": "2026",
            "ends_on-day": "1",
            "ends_on-month": "1",
            "ends_on-year": "2026",
            "id_checked": "paspoort",
        },
    )
    assert response.status_code == 400
    page = text(response)
    assert "Dit burgerservicenummer klopt niet" in page
    assert 'value="Kees Mantel"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Representation)).first() is None


def test_another_team_and_the_front_desk_do_not_reach_the_files_page(app, world, clock):
    household, _reference = submit(app, family())
    for who in ("c", "m"):  # team Zuid's contact person and lead: not their household
        staff = app.test_client()
        login(staff, world[who], clock)
        assert staff.get(f"/medewerkers/huishoudens/{household}/machtigingen").status_code == 404
    desk = _desk_client(app, clock)  # the desk has its own page, without the file
    assert desk.get(f"/medewerkers/huishoudens/{household}/machtigingen").status_code == 403


# -- audit and "who looked" -------------------------------------------------------------------


def test_every_read_is_audited_as_x_acting_for_y(app, client, world, clock):
    household, _reference = submit(app, family())
    version = _issue(app, household, world["a"].id)
    representation = _register(app, world, clock, household)
    resident_login(client, "other")
    _act_for(client, representation)
    with app.app_context():
        before = db.session.query(AuditEvent).filter(AuditEvent.role == "representative").count()
    assert before == 0
    client.get("/mijn/")
    client.get(f"/mijn/plan/{version}")
    client.get(f"/mijn/plan/{version}/ondersteuningsplan.docx")
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEvent).where(AuditEvent.role == "representative").order_by(AuditEvent.id)
        ).all()
        assert [(r.action, r.what, r.household_id, r.staff_id, r.acting_for) for r in rows] == [
            (
                "read",
                "household:residents.index",
                household,
                None,
                f"representation:{representation}",
            ),
            (
                "read",
                f"plan_version:{version}",
                household,
                None,
                f"representation:{representation}",
            ),
            (
                "export",
                f"plan_version:{version}:docx",
                household,
                None,
                f"representation:{representation}",
            ),
        ]
        assert all(OTHER not in (r.what + (r.acting_for or "")) for r in rows)  # never a BSN


def test_the_represented_person_sees_who_acted_for_her_and_the_partner_does_not(
    app, client, world, clock
):
    household, _reference = submit(app, family())
    confirm_member(app, YOUSSEF)
    representation = _register(app, world, clock, household)
    resident_login(client, "other")
    _act_for(client, representation)
    client.get("/mijn/")
    anouk = app.test_client()
    resident_login(anouk, "anouk")
    looks = text(anouk.get("/mijn/wie-bekeek-mijn-gegevens"))
    assert "Kees Mantel namens Anouk" in looks and "Mantelzorger" in looks
    assert "met een schriftelijke machtiging" in looks
    youssef = app.test_client()
    resident_login(youssef, "youssef")
    assert "Kees Mantel" not in text(youssef.get("/mijn/wie-bekeek-mijn-gegevens"))


# -- safety: less than the resident -----------------------------------------------------------


def test_a_representative_never_sees_what_she_told_about_debts(app, client, world, clock):
    household, _reference = submit(app, family())
    debts = _outcome_names(app, household, sensitive=True)
    assert debts, "the family example should give Anouk debts outcomes"
    own = app.test_client()
    resident_login(own, "anouk")
    assert any(name in text(own.get("/mijn/")) for name in debts)
    resident_login(client, "other-for-anouk")  # every action, every regime
    page = text(client.get("/mijn/"))
    assert BANNER in page
    assert not any(name in page for name in debts)


def test_a_representative_sees_nothing_of_a_protected_story(app, client, world, clock):
    answers = family()
    answers["household"]["safety"]["domestic_violence"] = True
    household, reference = submit(app, answers)
    version = _issue(app, household, world["a"].id)
    own_words = answers["story"]["question"][:40]
    anouk = app.test_client()
    resident_login(anouk, "anouk")
    assert reference in text(anouk.get("/mijn/"))
    assert own_words in text(anouk.get(f"/mijn/plan/{version}"))
    resident_login(client, "other-for-anouk")
    page = text(client.get("/mijn/"))
    assert BANNER in page and reference not in page  # the intake that says home is not safe
    plan_page = text(client.get(f"/mijn/plan/{version}"))
    assert own_words not in plan_page


# -- a parent for a child under 16 ------------------------------------------------------------


def test_a_parent_acts_for_a_child_under_16_without_seeing_more(app, client, world, clock):
    _household, reference = submit(app, family())  # Noor is 17, Daan 7
    resident_login(client, "anouk")
    page = text(client.get("/mijn/"))
    assert "Handel namens Daan" in page and "Handel namens Noor" not in page
    own = client.get("/mijn/").get_data(as_text=True)
    with app.app_context():
        daan = db.session.scalars(
            select(HouseholdMember).where(HouseholdMember.given_name == "Daan")
        ).one()
        noor_youth = [
            r.provision_name["nl"]
            for r in db.session.scalars(
                select(HouseholdOutcome).where(HouseholdOutcome.regime == "jeugdwet")
            )
            if r.member_id == "m3"
        ]
    assert client.post("/mijn/namens", data={"kind": daan.id}).status_code == 303
    acting = text(client.get("/mijn/"))
    assert "U handelt namens Daan" in acting and reference in acting
    assert all(f"{name} Voor wie Noor" not in acting for name in noor_youth)
    assert len(acting) <= len(text_of(own)) + 400  # the banner, not more of the file
    # Noor is not a choice: a forged form is refused
    noor = _member_id(app, "999990044")
    client.post("/mijn/namens/stoppen")
    assert client.post("/mijn/namens", data={"kind": noor}).status_code == 404


def text_of(html: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# -- the banner on every resident page -------------------------------------------------------

PAGES = {
    "residents.index": "/mijn/",
    "residents.looks": "/mijn/wie-bekeek-mijn-gegevens",
    "residents.plan_page": "/mijn/plan/{version}",
    "residents.attach": "/mijn/koppelen",
    "residents.withdraw_consent": "/mijn/toestemming/{consent}/intrekken",
    "residents.messages.mine_page": "/mijn/berichten/",
    "residents.retention.mine_page": "/mijn/vernietigen/",  # a decision: only the resident
    # documents are one person's (docs/documents.md): a representative is refused, for now
    "residents.documents.mine_page": "/mijn/documenten/",
    # the Wmo survey asks the resident's own opinion: a representative is refused (docs/survey.md)
    "residents.survey.answer": "/mijn/tevredenheid/1",
}
# Files, not pages: the banner cannot be on them (as the plan's .docx).
DOWNLOADS = {"residents.documents.resident_download"}


def test_the_banner_list_covers_every_resident_page(app):
    """Every resident page (GET, HTML, behind the log-in) is in PAGES: a new one is added."""
    found = set()
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if not rule.endpoint.startswith("residents.") or "GET" not in (rule.methods or ()):
            continue
        if getattr(view, "public_resident_route", False) or rule.rule.endswith(".docx"):
            continue
        if rule.endpoint in DOWNLOADS:
            continue
        found.add(rule.endpoint)
    assert found == set(PAGES)


@pytest.mark.parametrize("endpoint", sorted(PAGES))
def test_every_resident_page_says_who_acts_for_whom(app, client, world, clock, endpoint):
    from portal.households.models import Consent

    household, _reference = submit(app, family())
    version = _issue(app, household, world["a"].id)
    with app.app_context():
        consent = Consent(household_id=household, organisation="Schuldhulp", purpose="Afspraak")
        db.session.add(consent)
        db.session.commit()
        consent_id = consent.id
    resident_login(client, "other-for-anouk")
    response = client.get(PAGES[endpoint].format(version=version, consent=consent_id))
    assert response.status_code in (200, 403)  # a decision page says only Anouk may
    page = text(response)
    assert BANNER in page
    assert "Stop met handelen namens Anouk" in page


def test_the_messages_page_never_shows_where_messages_go(app, client, world, clock):
    answers = family()
    household, _reference = submit(app, answers)
    own = app.test_client()
    resident_login(own, "anouk")
    email = answers["contact"]["email"]
    assert email in text(own.get("/mijn/berichten/"))
    resident_login(client, "other-for-anouk")
    page = client.get("/mijn/berichten/")
    assert page.status_code == 200 and BANNER in text(page)
    assert email not in text(page) and 'name="kanaal"' not in page.get_data(as_text=True)
    assert client.post("/mijn/berichten/", data={"kanaal": []}).status_code == 403
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEvent).where(AuditEvent.what == "messages:resident")
        ).all()
        assert [(r.role, r.household_id) for r in rows] == [("representative", household)]


# -- the front desk ---------------------------------------------------------------------------

DESK_FORM = {
    "subject_bsn": ANOUK,
    "representative_name": "Kees Mantel",
    "representative_bsn": OTHER,
    "kind": "familie",
    "actions": ["lezen"],
    "regimes": ["*"],
    "starts_on-day": "23",
    "starts_on-month": "11",
    "starts_on-year": "2026",
    "ends_on-day": "23",
    "ends_on-month": "11",
    "ends_on-year": "2027",
    "id_checked": "id_kaart",
    "written_seen": "y",
}


def _desk_client(app, clock):
    from tests.staff.conftest import make_staff

    desk = make_staff(app, "balie@test.example", "front_desk")
    staff = app.test_client()
    login(staff, desk, clock)
    return staff


def test_the_front_desk_registers_a_written_authorisation_without_seeing_the_file(
    app, client, world, clock
):
    household, reference = submit(app, family())
    staff = _desk_client(app, clock)
    form = staff.get("/balie/machtiging")
    assert form.status_code == 200 and reference not in text(form)
    done = staff.post("/balie/machtiging", data=DESK_FORM)
    assert done.status_code == 303, text(done)[:1500]
    assert reference not in text(staff.get(done.headers["Location"]))
    with app.app_context():
        row = db.session.scalars(select(Representation)).one()
        assert (row.household_id, row.kind, row.id_checked) == (household, "familie", "id_kaart")
        assert (
            db.session.scalars(
                select(AuditEvent).where(AuditEvent.what == f"representation:{row.id}")
            )
            .one()
            .role
            == "front_desk"
        )
    resident_login(client, "other")
    assert _act_for(client, row.id).status_code == 303
    assert BANNER in text(client.get("/mijn/"))


def test_the_front_desk_refuses_without_the_authorisation_seen_or_for_a_protected_household(
    app, world, clock
):
    answers = family()
    answers["household"]["safety"]["domestic_violence"] = True
    submit(app, answers)
    staff = _desk_client(app, clock)
    missing = staff.post("/balie/machtiging", data={**DESK_FORM, "written_seen": ""})
    assert missing.status_code == 400 and "Bevestig dat u de machtiging zag" in text(missing)
    assert 'value="Kees Mantel"' in missing.get_data(as_text=True)  # nothing typed is lost
    protected = staff.post("/balie/machtiging", data=DESK_FORM)
    assert protected.status_code == 400
    assert "Leg deze machtiging niet aan de balie vast" in text(protected)
    unknown = staff.post("/balie/machtiging", data={**DESK_FORM, "subject_bsn": "999990056"})
    assert unknown.status_code == 400 and "Er is geen dossier bij dit BSN" in text(unknown)
    with app.app_context():
        assert db.session.scalars(select(Representation)).first() is None


def test_the_intake_pages_say_who_acts_for_whom_too(app, client):
    from tests.intake.helpers import BASE

    resident_login(client, "other-for-anouk")  # Anouk has no file yet: no name to show
    assert "U handelt namens de persoon die u een machtiging gaf" in text(client.get(f"{BASE}/"))
    submit(app, family())
    assert BANNER in text(client.get(f"{BASE}/"))
    client.post("/mijn/namens/stoppen")
    assert BANNER not in text(client.get(f"{BASE}/"))
