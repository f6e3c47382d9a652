"""Who may see the insight pages, and the policy officer never opens a resident's file."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.insight import whatif
from portal.insight.models import WhatIfChange
from tests.insight.conftest import as_, draft_upload, family, submit
from tests.staff.conftest import make_staff

WHATIF_PAGES = ["/medewerkers/beleid/wat-als"]
FIGURE_PAGES = ["/medewerkers/beleid/cijfers", "/medewerkers/beleid/cijfers.csv"]


def test_the_role_rules_of_the_insight_routes(app):
    rules = {
        r.endpoint: set(app.view_functions[r.endpoint].required_roles)
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith("staff.insight.")
    }
    for endpoint, roles in rules.items():
        if endpoint.startswith("staff.insight.whatif"):
            assert roles == {"policy_officer", "admin"}, endpoint
        elif endpoint.startswith("staff.insight.figures"):
            assert roles == {"team_lead", "policy_officer"}, endpoint
        else:
            assert endpoint == "staff.insight.open_pseudonym"
            assert "policy_officer" not in roles


@pytest.mark.parametrize("roles", ["front_desk", "contact_person", "ontschotter"])
def test_front_desk_and_contact_persons_do_not_see_the_what_if_or_figures(app, clock, roles):
    client = as_(app, make_staff(app, f"{roles}@x.example", roles), clock)
    for path in WHATIF_PAGES + FIGURE_PAGES:
        assert client.get(path).status_code == 403, path
    assert client.post(WHATIF_PAGES[0]).status_code == 403


def test_a_team_lead_sees_figures_but_not_the_what_if(app, world, clock):
    client = as_(app, world["l"], clock)
    assert client.get(FIGURE_PAGES[0]).status_code == 200
    assert client.get(WHATIF_PAGES[0]).status_code == 403


def test_the_policy_officer_never_opens_a_household_file(app, world, officer, clock):
    household_id = submit(app, family())
    client = as_(app, officer, clock)
    assert client.get(f"/medewerkers/huishoudens/{household_id}").status_code == 403
    assert client.get("/medewerkers/huishoudens").status_code == 403
    assert client.get(f"/medewerkers/huishoudens/{household_id}/plan").status_code in (403, 404)
    response = client.post(
        "/medewerkers/beleid/wat-als",
        data={"draft_file": (io.BytesIO(draft_upload(100)[1]), draft_upload(100)[0])},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    with app.app_context():
        whatif.run_due()
        pseudonym = db.session.scalars(select(WhatIfChange.pseudonym)).first()
    assert client.get(f"/medewerkers/beleid/huishouden/{pseudonym}").status_code == 403

    # the household's own contact person may open it from the pseudonym; another may not
    own = as_(app, world["a"], clock)
    response = own.get(f"/medewerkers/beleid/huishouden/{pseudonym}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/medewerkers/huishoudens/{household_id}")
    other = as_(app, world["c"], clock)
    assert other.get(f"/medewerkers/beleid/huishouden/{pseudonym}").status_code == 404
    assert other.get("/medewerkers/beleid/huishouden/H-000000000000").status_code == 404


def test_pseudonyms_are_keyed_and_stable(app):
    from portal.insight.pseudonym import Pseudonyms

    with app.app_context():
        first, again = Pseudonyms()(1), Pseudonyms()(1)
        app.config["INSIGHT_PSEUDONYM_KEY"] = "een andere sleutel"
        other_key = Pseudonyms()(1)
    assert first == again and first != other_key
    assert first.startswith("H-") and first[2:] != "1"
