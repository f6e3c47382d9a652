"""Who may open a plan: exactly as the household file. The household's contact person and the
lead of its team read and change; an admin with a logged reason reads only; another contact
person gets 404 on every plan route (the same as a household that does not exist); the front
desk gets 403."""

from __future__ import annotations

import pytest

from tests.plans.conftest import as_, audit_rows, plan_url


def routes(household):
    return [
        ("get", plan_url(household), {}),
        ("get", plan_url(household, "/voorbeeld"), {}),
        ("get", plan_url(household, "/uitgeven"), {}),
        ("post", plan_url(household, "/uitgeven"), {"number": "2"}),
        ("post", plan_url(household, "/maken"), {}),
        ("get", plan_url(household, "/netwerk"), {}),
        ("post", plan_url(household, "/netwerk"), {"netwerk-rows-0-name": "Z"}),
        ("post", plan_url(household, "/evaluatie"), {}),
        ("get", plan_url(household, "/versies/1"), {}),
        ("get", plan_url(household, "/versies/1/docx"), {}),
        ("post", plan_url(household, "/versies/1/akkoord"), {"channel": "front_desk"}),
    ]


@pytest.fixture
def issued(app, world, household, a_client):
    assert a_client.post(plan_url(household, "/uitgeven"), data={"number": "1"}).status_code == 303
    return household


def test_another_contact_person_gets_404_on_every_plan_route(app, world, issued, clock):
    before = audit_rows(app, issued)
    other = as_(app, world, "b", clock)  # same team, not this household's contact person
    for method, url, data in routes(issued):
        response = getattr(other, method)(url, data=data)
        assert response.status_code == 404, (method, url, response.status_code)
    far = as_(app, world, "c", clock)
    for method, url, data in routes(issued):
        assert getattr(far, method)(url, data=data).status_code == 404, (method, url)
    # a refused request changes nothing and reads nothing; it leaves a trace (issue #14)
    after = audit_rows(app, issued)
    assert after[: len(before)] == before
    assert {action for action, _what in after[len(before) :]} == {"refused"}
    assert len(after) - len(before) == 2 * len(routes(issued))


def test_a_household_that_does_not_exist_answers_the_same(app, world, household, a_client):
    for method, url, data in routes(987654):
        assert getattr(a_client, method)(url, data=data).status_code == 404, (method, url)


def test_front_desk_gets_403(app, world, issued, clock):
    desk = as_(app, world, "desk", clock)
    for method, url, data in routes(issued):
        assert getattr(desk, method)(url, data=data).status_code == 403, (method, url)


def test_the_team_lead_reads_and_changes(app, world, issued, clock):
    lead = as_(app, world, "l", clock)
    assert lead.get(plan_url(issued)).status_code == 200
    r = lead.post(plan_url(issued, "/eigen-kracht"), data={"eigen-kracht-strengths": "Veel"})
    assert r.status_code == 303
    assert ("change", "plan:1:eigen-kracht") in audit_rows(app, issued)
    assert lead.get(plan_url(issued, "/versies/1/docx")).status_code == 200


def test_an_admin_reads_only_with_a_reason(app, world, issued, clock):
    admin = as_(app, world, "admin", clock)
    r = admin.get(plan_url(issued))
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/{issued}/inzage")
    admin.post(
        f"/medewerkers/huishoudens/{issued}/inzage", data={"reason": "Klacht van de inwoner"}
    )
    page = admin.get(plan_url(issued))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "U kunt niets wijzigen." in html
    assert "Opslaan" not in html
    assert admin.get(plan_url(issued, "/versies/1")).status_code == 200
    assert admin.get(plan_url(issued, "/versies/1/docx")).status_code == 200
    assert "Wijzigen" not in html  # no links to section pages it may not open
    for method, url, data in routes(issued):
        if method == "post" or url.endswith("/netwerk"):
            assert getattr(admin, method)(url, data=data).status_code == 403, url
    rows = audit_rows(app, issued)
    assert ("read", f"plan:household:{issued}") in rows
    assert any(action == "export" for action, _what in rows)
