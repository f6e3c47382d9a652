"""The caseload page: the contact person's own households, what is due first on top, filters,
keyset paging without duplicates or gaps, and a constant number of queries per page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from portal.caseload import service
from portal.extensions import db
from tests.caseload.conftest import AWB_8_WEEKS, assign, file_intake, outcome
from tests.staff.conftest import login, text

START = date(2026, 1, 5)


def households(app, staff_id: int, count: int, *, first_number: int = 0) -> list[int]:
    """`count` households assigned to `staff_id`, submitted on different days; every fourth
    has no term at all, every third is urgent, every fifth has a Jeugdwet outcome."""
    ids = []
    with app.app_context():
        for n in range(first_number, first_number + count):
            outcomes = [outcome("wmo_scootmobiel", urgency="urgent" if n % 3 == 0 else "normal")]
            if n % 4 == 0:
                outcomes = [outcome("wmo_hulp", deadline=None, kind="algemene_voorziening")]
            if n % 5 == 0:
                outcomes.append(outcome("jeugd_jeugdhulp", regime="jeugdwet", deadline=AWB_8_WEEKS))
            intake = file_intake(
                submitted_on=START + timedelta(days=(n * 7) % 40),
                outcomes=outcomes,
                triage="multi_domain" if n % 2 else "single_question",
            )
            assign(intake.household_id, staff_id)
            ids.append(intake.household_id)
        db.session.commit()
    return ids


def all_pages(app, staff_id: int, filters=None, limit: int = 7) -> list[list]:
    filters, pages, cursor = filters or service.Filters(), [], None
    with app.app_context():
        while True:
            page = service.caseload_page(
                staff_id, filters, cursor, on=date(2026, 2, 20), limit=limit
            )
            pages.append(page.rows)
            if page.next_cursor is None:
                return pages
            cursor = page.next_cursor


def expected_order(app, ids: list[int]) -> list[int]:
    from portal.caseload.models import HouseholdDue

    with app.app_context():
        dues = {d.household_id: d.next_due_on for d in db.session.query(HouseholdDue)}
    return sorted(ids, key=lambda i: (dues[i] is None, dues[i] or date.min, i))


def test_pages_follow_the_due_date_without_duplicates_or_gaps(app, contact, other_contact):
    mine = households(app, contact.id, 30)
    households(app, other_contact.id, 10, first_number=30)
    pages = all_pages(app, contact.id)
    assert [len(p) for p in pages] == [7, 7, 7, 7, 2]
    seen = [row.household_id for page in pages for row in page]
    assert seen == expected_order(app, mine)  # every own household once, in due order
    dues = [row.next_due_on for page in pages for row in page]
    with_date = [d for d in dues if d is not None]
    assert with_date == sorted(with_date)
    assert dues[len(with_date) :] == [None] * (len(dues) - len(with_date))  # no term: last


def test_filters(app, contact, other_contact):
    mine = households(app, contact.id, 20)
    households(app, other_contact.id, 20, first_number=20)
    on = date(2026, 2, 20)

    def ids(**kwargs):
        rows = [r for page in all_pages(app, contact.id, service.Filters(**kwargs)) for r in page]
        return [r.household_id for r in rows], rows

    urgent, rows = ids(urgent=True)
    assert urgent and all(r.urgent for r in rows)
    assert len(urgent) == sum(1 for n in range(20) if n % 3 == 0 and n % 4 != 0)
    overdue, rows = ids(overdue=True)
    assert overdue and all(r.next_due_on < on and r.overdue for r in rows)
    everyone = [r for p in all_pages(app, contact.id) for r in p]
    assert len(overdue) == sum(1 for r in everyone if r.next_due_on and r.next_due_on < on)
    single, rows = ids(triage="single_question")
    assert len(single) == 10 and {r.triage for r in rows} == {"single_question"}
    youth, _ = ids(regime="jeugdwet")
    assert sorted(youth) == sorted(mine[n] for n in range(0, 20, 5))
    both, rows = ids(urgent=True, triage="single_question")
    assert set(both) == set(urgent) & set(single)
    assert set(urgent + overdue + single + youth) <= set(mine)


def test_the_page_shows_own_households_with_dutch_dates(app, contact, other_contact, clock):
    mine = households(app, contact.id, 3)
    theirs = households(app, other_contact.id, 2, first_number=3)
    client = app.test_client()
    login(client, contact, clock)
    response = client.get("/medewerkers/caseload")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for household_id in mine:
        assert f'href="/medewerkers/huishoudens/{household_id}"' in html
    for household_id in theirs:
        assert f'/medewerkers/huishoudens/{household_id}"' not in html
    page = text(response)
    assert re.search(r"\d{1,2} (januari|februari|maart|april) 2026", page)
    assert "utrecht-status-badge" in html and "te laat" in page
    assert "SD-TEST-" in page and "2741AB" in page


def test_next_page_link_keeps_the_filters(app, contact, clock):
    app.config["CASELOAD_PAGE_SIZE"] = 5
    households(app, contact.id, 30)
    client = app.test_client()
    login(client, contact, clock)
    html = client.get("/medewerkers/caseload?triage=multi_domain").get_data(as_text=True)
    link = re.search(r'href="([^"]*na=[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "triage=multi_domain" in link
    later = client.get(link)
    assert later.status_code == 200
    assert "Naar het begin" in text(later)


@pytest.mark.parametrize(
    "query",
    ["na=zomaar", "na=2026-01-01_x", "triage=iets", "regeling=geen_regeling", "na=2026-13-01_4"],
)
def test_bad_page_parameters_are_refused(app, contact, clock, query):
    client = app.test_client()
    login(client, contact, clock)
    assert client.get(f"/medewerkers/caseload?{query}").status_code == 400


def test_page_parameters_never_show_someone_elses_households(app, contact, other_contact, clock):
    households(app, contact.id, 2)
    theirs = households(app, other_contact.id, 5, first_number=2)
    client = app.test_client()
    login(client, contact, clock)
    for query in (
        f"staff_id={other_contact.id}",
        f"medewerker={other_contact.id}",
        f"na=0001-01-01_{min(theirs) - 1}",
        "na=0001-01-01_0",
    ):
        html = client.get(f"/medewerkers/caseload?{query}").get_data(as_text=True)
        for household_id in theirs:
            assert f'/medewerkers/huishoudens/{household_id}"' not in html


def count_queries(app, client, path: str) -> int:
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def test_queries_per_page_do_not_grow_with_the_caseload(app, contact, clock):
    client = app.test_client()
    login(client, contact, clock)
    households(app, contact.id, 10)
    small = count_queries(app, client, "/medewerkers/caseload")
    households(app, contact.id, 90, first_number=10)
    large = count_queries(app, client, "/medewerkers/caseload")
    filtered = count_queries(app, client, "/medewerkers/caseload?spoed=1&te_laat=1")
    assert small == large == filtered
    # the staff member (session check), the page, the applicants' names (issue #13), the
    # page's audit row, one INSERT for the households it showed (issue #14), the actions from a
    # casusplatform this person owns (issue #17)
    assert large == 6
