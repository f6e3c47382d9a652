"""Issue #13: a page's yes/no questions as one "Kies alles wat klopt" list. What is ticked is
yes, what is not ticked is no once the list was answered, 'Weet ik niet' keeps the rest
unknown, and nothing chosen at all is an error that loses nothing. Someone living alone is not
asked who the health questions are about."""

from __future__ import annotations

import re

from portal.intake_form.consents import ConsentsForm
from tests.intake.helpers import (
    BASE,
    add_member,
    all_answered,
    fill_until_subjects,
    ok,
    person,
    post,
    step_url,
    submit,
    text,
)
from tests.intake.test_journeys import only_intake


def _health_of_the_applicant(client, data: dict):
    fill_until_subjects(client)
    location = ok(client, "onderwerpen", {"subjects": ["care"]})
    # she lives alone: straight to the questions about her, no 'for whom?' page
    assert location.endswith("/stap/gezondheid/m1")
    return post(client, "gezondheid", data, member="m1")


def _finish_and_submit(app, client):
    ok(client, "zelfzorg", {"keuze_rest": "geen"}, member="m1")
    ok(client, "vervoer", {"keuze_rest": "geen"}, member="m1")
    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))
    assert submit(client).status_code == 303
    return only_intake(app).answers["members"][0]


def test_ticked_is_yes_and_the_rest_is_no(app, client):
    response = _health_of_the_applicant(client, {"physical_limitation": "ja", "fall_risk": "ja"})
    assert response.status_code == 303
    health = _finish_and_submit(app, client)["health"]
    assert health["physical_limitation"] is True and health["fall_risk"] is True
    assert health["addiction"] is False and health["mental_health_problems"] is False


def test_weet_ik_niet_keeps_what_is_not_ticked_unknown(app, client):
    response = _health_of_the_applicant(
        client, {"physical_limitation": "ja", "keuze_rest": "onbekend"}
    )
    assert response.status_code == 303
    health = _finish_and_submit(app, client)["health"]
    assert health["physical_limitation"] is True
    assert health["addiction"] is None  # unknown is not false


def test_nothing_chosen_is_an_error_with_the_summary_pointing_at_the_list(client):
    response = _health_of_the_applicant(client, {})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kies wat klopt, of kies &#39;Geen van deze&#39;." in html
    link = re.search(r'href="#(keuzelijst-[a-z_]+)"', html)
    assert link and f'id="{link.group(1)}"' in html  # the summary jumps to the first box
    assert html.count("Kies een antwoord bij") == 0  # one message, not one per line


def test_none_of_these_and_a_tick_is_refused_and_the_tick_kept(client):
    response = _health_of_the_applicant(client, {"fall_risk": "ja", "keuze_rest": "geen"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kies het een of het ander" in html
    assert re.search(r'name="fall_risk" value="ja"\s+checked', html)
    again = text(client.get(step_url("gezondheid", "m1")))
    assert "Een lichamelijke beperking of ziekte" in again  # nothing saved, nothing lost


def test_an_answered_list_shows_as_answered_and_once_on_the_check_page(client):
    _health_of_the_applicant(client, {"keuze_rest": "geen"})
    html = client.get(step_url("gezondheid", "m1")).get_data(as_text=True)
    assert re.search(r'name="keuze_rest" value="geen"\s+checked', html)
    ok(client, "gezondheid", {"needs_nursing_care": "ja"}, member="m1")
    ok(client, "zelfzorg", {"keuze_rest": "geen"}, member="m1")
    ok(client, "vervoer", {"walking_difficulty": "ja", "keuze_rest": "onbekend"}, member="m1")
    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))
    words = text(client.get(f"{BASE}/controleren"))
    assert "Wat geldt voor u? Verpleging of verzorging thuis nodig" in words
    assert "Moeite met lopen. Weet ik niet of niet beantwoord: Gebruikt een rolstoel" in words
    assert "Heeft u psychische problemen?" not in words  # one row per list, not ten


def test_with_two_people_the_for_whom_page_is_asked(client):
    fill_until_subjects(client)
    add_member(client, person("Sam", "Jansen", "2015-06-01", relation="child"))
    location = ok(client, "onderwerpen", {"subjects": ["care"]})
    assert location.endswith("/stap/zorg-voor-wie")
