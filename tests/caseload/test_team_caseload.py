"""A team lead's caseload of the whole team (/medewerkers/caseload/team): the team's households
with their contact person, not another team's; a filter by contact person; the same order,
filters and keyset paging as the own caseload; a constant number of queries; an audit row."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.caseload import service
from portal.extensions import db
from portal.households.models import AuditEvent, ContactAssignment, Team, TeamMembership
from tests.caseload.conftest import file_intake, outcome
from tests.caseload.test_caseload_page import count_queries
from tests.staff.conftest import login, make_staff, text

START = date(2026, 1, 5)
URL = "/medewerkers/caseload/team"


@pytest.fixture
def teams(app):
    """Team Noord: lead Lotte, contact persons Anouk and Bram. Team Zuid: lead Mira, Cees."""
    people = {
        "lead": make_staff(app, "lotte@test.example", "team_lead"),
        "a": make_staff(app, "anouk@test.example", "contact_person"),
        "b": make_staff(app, "bram@test.example", "contact_person"),
        "other_lead": make_staff(app, "mira@test.example", "team_lead"),
        "c": make_staff(app, "cees@test.example", "contact_person"),
    }
    with app.app_context():
        noord, zuid = Team(name="Noord"), Team(name="Zuid")
        db.session.add_all([noord, zuid])
        db.session.flush()
        for key, team, leads in (
            ("lead", noord, True),
            ("a", noord, False),
            ("b", noord, False),
            ("other_lead", zuid, True),
            ("c", zuid, False),
        ):
            db.session.add(TeamMembership(staff_id=people[key].id, team_id=team.id, leads=leads))
        db.session.commit()
        people["noord"], people["zuid"] = noord.id, zuid.id
    return people


def households(app, staff_id: int, team_id: int, count: int, *, first: int = 0) -> list[int]:
    ids = []
    with app.app_context():
        for n in range(first, first + count):
            urgency = "urgent" if n % 3 == 0 else "normal"
            intake = file_intake(
                submitted_on=START + timedelta(days=(n * 7) % 40),
                outcomes=[outcome("wmo_scootmobiel", urgency=urgency)],
            )
            db.session.add(
                ContactAssignment(
                    household_id=intake.household_id, staff_id=staff_id, team_id=team_id
                )
            )
            ids.append(intake.household_id)
        db.session.commit()
    return ids


def listed(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/medewerkers/huishoudens/(\d+)"', html)]


def test_the_team_lead_sees_the_whole_team_with_contact_persons(app, teams, clock):
    anouk = households(app, teams["a"].id, teams["noord"], 3)
    bram = households(app, teams["b"].id, teams["noord"], 2, first=3)
    cees = households(app, teams["c"].id, teams["zuid"], 2, first=5)
    client = app.test_client()
    login(client, teams["lead"], clock)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert sorted(listed(html)) == sorted(anouk + bram)  # not team Zuid's
    assert not set(listed(html)) & set(cees)
    page = text(response)
    assert "Anouk" in page and "Bram" in page and "Cees" not in page
    assert "Huishoudens van mijn team" in page
    # The filter offers the team's people, and the own caseload links to the team view.
    assert 'name="contactpersoon"' in html
    own = client.get("/medewerkers/caseload").get_data(as_text=True)
    assert 'href="/medewerkers/caseload/team"' in own


def test_the_order_is_what_is_due_first(app, teams):
    households(app, teams["a"].id, teams["noord"], 6)
    households(app, teams["b"].id, teams["noord"], 6, first=6)
    with app.app_context():
        rows = service.team_caseload_page([teams["noord"]], limit=50).rows
    dues = [(r.next_due_on, r.household_id) for r in rows]
    assert len(dues) == 12 and dues == sorted(dues)
    assert {r.contact_name for r in rows} == {"Anouk", "Bram"}


def test_filter_by_contact_person(app, teams, clock):
    households(app, teams["a"].id, teams["noord"], 3)
    bram = households(app, teams["b"].id, teams["noord"], 2, first=3)
    client = app.test_client()
    login(client, teams["lead"], clock)
    response = client.get(f"{URL}?contactpersoon={teams['b'].id}")
    assert sorted(listed(response.get_data(as_text=True))) == sorted(bram)
    # Someone outside the team, or nonsense, is refused rather than shown.
    assert client.get(f"{URL}?contactpersoon={teams['c'].id}").status_code == 400
    assert client.get(f"{URL}?contactpersoon=iemand").status_code == 400


def test_paging_and_filters_keep_the_contact_person(app, teams, clock):
    app.config["CASELOAD_PAGE_SIZE"] = 4
    households(app, teams["a"].id, teams["noord"], 9)
    bram = households(app, teams["b"].id, teams["noord"], 9, first=9)
    client = app.test_client()
    login(client, teams["lead"], clock)
    seen, url = [], f"{URL}?contactpersoon={teams['b'].id}"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += listed(html)
        found = re.search(r'href="([^"]*na=[^"]*)" rel="next"', html)
        url = found.group(1).replace("&amp;", "&") if found else None
        if url:
            assert f"contactpersoon={teams['b'].id}" in url
    assert sorted(seen) == sorted(bram) and len(seen) == len(set(seen))
    urgent = listed(client.get(f"{URL}?spoed=1").get_data(as_text=True))
    with app.app_context():
        expected = service.team_caseload_page(
            [teams["noord"]], service.Filters(urgent=True), limit=4
        ).rows
    assert urgent == [r.household_id for r in expected] and urgent


def test_a_contact_person_does_not_get_the_team_view(app, teams, clock):
    client = app.test_client()
    login(client, teams["a"], clock)
    assert client.get(URL).status_code == 403
    own = client.get("/medewerkers/caseload").get_data(as_text=True)
    assert "/medewerkers/caseload/team" not in own


def test_a_lead_of_another_team_sees_only_their_own_team(app, teams, clock):
    households(app, teams["a"].id, teams["noord"], 2)
    cees = households(app, teams["c"].id, teams["zuid"], 2, first=2)
    client = app.test_client()
    login(client, teams["other_lead"], clock)
    assert sorted(listed(client.get(URL).get_data(as_text=True))) == sorted(cees)
    assert client.get(f"{URL}?contactpersoon={teams['a'].id}").status_code == 400


def test_a_lead_without_a_team_sees_nothing(app, clock):
    lead = make_staff(app, "zonderteam@test.example", "team_lead")
    client = app.test_client()
    login(client, lead, clock)
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response.get_data(as_text=True)) == []
    assert "U leidt nog geen team" in text(response)


def test_the_list_is_audited_as_a_search(app, teams, clock):
    households(app, teams["a"].id, teams["noord"], 1)
    client = app.test_client()
    login(client, teams["lead"], clock)
    client.get(URL)
    with app.app_context():
        rows = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.staff_id == teams["lead"].id)
        ).all()
        assert [(r.action, r.what, r.role, r.household_id) for r in rows] == [
            ("search", "caseload.team", "team_lead", None),
            # and per household shown, for its resident's "who looked" (issue #14)
            ("search", "caseload.team", "team_lead", rows[1].household_id),
        ]
        assert rows[1].household_id is not None


def test_queries_per_page_do_not_grow_with_the_team(app, teams, clock):
    client = app.test_client()
    login(client, teams["lead"], clock)
    households(app, teams["a"].id, teams["noord"], 5)
    small = count_queries(app, client, URL)
    households(app, teams["b"].id, teams["noord"], 60, first=5)
    large = count_queries(app, client, URL)
    filtered = count_queries(app, client, f"{URL}?spoed=1&contactpersoon={teams['b'].id}")
    assert small == large == filtered
    # session check, the teams led, the team's people, the page, the audit row
    assert large == 7  # + the applicants' names (issue #13), + the per-household audit INSERT
