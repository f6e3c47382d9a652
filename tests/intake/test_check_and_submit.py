"""Check your answers, change links that come back, and submit exactly once."""

from __future__ import annotations

import sqlalchemy as sa

from forms.contract import Issue
from portal.drafts import SUBMITTING
from portal.extensions import db
from portal.models import Intake
from portal.services import intakes
from tests.intake.helpers import (
    BASE,
    change_the_draft,
    fill_minimal,
    fill_until_subjects,
    ok,
    step_url,
    submit,
    submit_token,
    text,
)


def count_intakes(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Intake))


def test_check_page_lists_every_answer_with_a_change_link(client):
    fill_minimal(client)
    response = client.get(f"{BASE}/controleren")
    html = response.get_data(as_text=True)
    words = text(response)
    assert response.status_code == 200
    for answer in (
        "Anna",
        "de Vries",
        "2 april 1980",
        "111222333",
        "Ik kan de rekeningen niet meer betalen.",
        "2741AB",
        "Een brief",
    ):
        assert answer in words
    assert 'href="/aanvraag/stap/vraag?terug=controleren#question"' in html
    assert html.count(">Wijzigen<") >= 15


def test_change_link_saves_and_returns_to_check(client):
    fill_minimal(client)
    location = ok(client, "vraag", {"question": "Een andere vraag."}, back="controleren")
    assert location.endswith("/controleren")
    assert "Een andere vraag." in text(client.get(location))


def test_a_change_that_opens_new_questions_asks_them_before_check(client):
    fill_minimal(client)
    location = ok(client, "onderwerpen", {"subjects": ["debts"]}, back="controleren")
    assert location.endswith("/stap/schulden")
    location = ok(client, "schulden", {"has_debts": "ja"})
    assert location.endswith("/stap/schulden-details")


def test_check_sends_you_to_questions_not_answered_yet(client):
    fill_until_subjects(client)
    response = client.get(f"{BASE}/controleren")
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "/stap/onderwerpen"
    )


def test_double_submit_makes_one_intake_and_shows_the_same_confirmation(app, client):
    fill_minimal(client)
    token = submit_token(client)
    first = client.post(f"{BASE}/versturen", data={"submit_token": token})
    second = client.post(f"{BASE}/versturen", data={"submit_token": token})
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert count_intakes(app) == 1
    page = client.get(second.headers["Location"])
    with app.app_context():
        reference = db.session.scalars(sa.select(Intake.reference)).one()
    assert reference in text(page)
    assert "U had uw aanvraag al verstuurd" in text(page)


def test_a_submit_while_the_first_is_still_running_waits_for_it(app, client):
    fill_minimal(client)
    token = submit_token(client)
    change_the_draft(app, status=SUBMITTING, submit_started_at=sa.func.now())
    response = client.post(f"{BASE}/versturen", data={"submit_token": token})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert page.status_code == 202 and "wordt verstuurd" in text(page)
    assert count_intakes(app) == 0


def test_a_stale_check_page_is_refused_with_a_message(app, client):
    fill_minimal(client)
    response = client.post(f"{BASE}/versturen", data={"submit_token": "not-the-token"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/controleren")
    assert "Deze pagina was oud" in text(client.get(response.headers["Location"]))
    assert count_intakes(app) == 0


def test_after_submitting_the_form_pages_lead_to_the_confirmation(app, client):
    fill_minimal(client)
    assert submit(client).status_code == 303
    response = client.get(step_url("vraag"))
    assert response.status_code == 303 and response.headers["Location"].endswith("/bevestiging")
    response = client.post(step_url("vraag"), data={"question": "Nog iets"})
    assert response.headers["Location"].endswith("/bevestiging")
    assert count_intakes(app) == 1


def test_a_new_form_can_be_started_after_submitting(app, client):
    fill_minimal(client)
    submit(client)
    assert "Bekijk uw bevestiging" in text(client.get(f"{BASE}/"))
    response = client.post(f"{BASE}/beginnen", data={"nieuw": "1"})
    assert response.headers["Location"].endswith("/stap/snel-huishouden")  # the first questions


def test_a_rejected_intake_is_explained_and_nothing_is_lost(app, client, monkeypatch):
    fill_minimal(client)

    def reject(answers, **kwargs):
        raise intakes.IntakeRejected(
            [Issue(path="story/question", code="required", message="Vul uw vraag in.")]
        )

    monkeypatch.setattr(intakes, "submit", reject)
    response = submit(client)
    assert response.status_code == 400
    assert "Vul uw vraag in." in text(response)
    assert 'role="alert"' in response.get_data(as_text=True)
    monkeypatch.undo()
    assert submit(client).status_code == 303  # the draft is open again
    assert count_intakes(app) == 1


def test_submit_without_a_draft_goes_to_start(client):
    response = client.post(f"{BASE}/versturen", data={"submit_token": "x"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{BASE}/")


def test_confirmation_without_a_submission_goes_back(client):
    assert client.get(f"{BASE}/bevestiging").status_code == 303
    fill_minimal(client)
    response = client.get(f"{BASE}/bevestiging")
    assert response.status_code == 303 and response.headers["Location"].endswith("/controleren")


def test_every_page_also_works_in_english(app, client):
    from tests.intake.helpers import fill_until_subjects

    english = {"Accept-Language": "en"}
    fill_until_subjects(client)
    for url in (f"{BASE}/", step_url("over-u"), step_url("huishouden"), step_url("onderwerpen")):
        response = client.get(url, headers=english)
        assert response.status_code == 200 and '<html lang="en"' in response.get_data(as_text=True)
    ok(client, "onderwerpen", {"subjects": ["geen"]})
    from portal.intake_form.consents import ConsentsForm
    from tests.intake.helpers import all_answered

    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))
    assert client.get(f"{BASE}/controleren", headers=english).status_code == 200
    submit(client)
    intake_page = client.get(f"{BASE}/bevestiging", headers=english)
    assert intake_page.status_code == 200
    with app.app_context():
        intake = db.session.scalars(sa.select(Intake)).one()
        evaluation = intake.evaluation
    # The page always says something in English about what may help: help found, nothing
    # applies (with where else to go), or not enough known yet. Never Dutch, never silent.
    page = text(intake_page)
    if evaluation["nothing_applies"]:
        assert evaluation["nothing_applies"]["explanation"]["en"][:40] in page
    elif evaluation["triage"] == "incomplete":
        assert "We cannot say yet" in page
    else:
        found = evaluation["household"]["outcomes"] + [
            o for member in evaluation["members"] for o in member["outcomes"]
        ]
        assert found and found[0]["provision"]["name"]["en"] in page


def test_adding_a_child_from_the_check_page_asks_only_what_is_new(client):
    from portal.intake_form import domains
    from tests.intake.helpers import add_member, all_answered, person

    fill_until_subjects(client)
    ok(client, "onderwerpen", {"subjects": ["care"]})
    ok(client, "zorg-voor-wie", {"members": ["m1"]})
    for step, form in (
        ("gezondheid", domains.HealthForm),
        ("zelfzorg", domains.SelfCareForm),
        ("vervoer", domains.MobilityForm),
    ):
        ok(client, step, all_answered(form), member="m1")
    from portal.intake_form.consents import ConsentsForm

    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))
    html = client.get(f"{BASE}/controleren").get_data(as_text=True)
    assert 'href="/aanvraag/stap/huishouden?terug=controleren"' in html
    child = add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    location = ok(client, "huishouden", {"actie": "verder"}, back="controleren")
    # The applicant's new question (caring for the children) stays unanswered: null.
    assert location.endswith("/controleren")  # nothing new to ask: back to the check page
    words = text(client.get(location))
    assert "Sem" in words and child == "m2"
    assert (
        "Weet ik niet of niet beantwoord: Door ziekte of beperking moeite om voor de kinderen "
        "te zorgen" in words
    )


def test_two_submits_at_the_same_moment_make_one_intake(app, client):
    """A real race: two requests with the same session and token, released together."""
    import threading

    fill_minimal(client)
    token = submit_token(client)
    cookie = client.get_cookie("session")
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def post_once():
        other = app.test_client()
        other.set_cookie("session", cookie.value)
        barrier.wait()
        response = other.post(f"{BASE}/versturen", data={"submit_token": token})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=post_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [303, 303]
    assert count_intakes(app) == 1
