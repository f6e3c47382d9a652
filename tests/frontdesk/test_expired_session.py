"""Issue #14: a front-desk page sent after the staff idle limit keeps what was typed, the same
way other staff forms do (portal/staff/kept.py): log in again, the kept text is offered with the
walk-in's form attached again, one button sends it, nothing typed is lost."""

from __future__ import annotations

from sqlalchemy import select

from portal.drafts import Draft
from portal.extensions import db
from portal.staff.models import KeptPost
from tests.frontdesk.conftest import FACTS, new_front_desk_draft
from tests.intake.helpers import ok, person
from tests.staff.conftest import code_at, login, make_staff, password_step, text

STORY = "Mijn zoon gaat niet meer naar school en ik weet niet bij wie ik moet zijn."


def log_in_again(client, account, clock, kept_id: int):
    password_step(client, account, query_string={"volgende": f"/medewerkers/bewaard/{kept_id}"})
    answer = client.post("/medewerkers/code", data={"code": code_at(account, clock())})
    assert answer.headers["Location"].endswith(f"/medewerkers/bewaard/{kept_id}")


def the_kept_row(app) -> KeptPost:
    with app.app_context():
        row = db.session.scalars(select(KeptPost)).one()
        db.session.expunge(row)
        return row


def test_a_desk_story_sent_after_the_idle_limit_is_kept_and_lands_in_the_walk_ins_form(
    app, client, desk, clock
):
    login(client, desk, clock)
    public_id = new_front_desk_draft(client)
    ok(client, "over-u", person("Anna", "de Vries", "1980-04-02", "111222333"))
    ok(client, "huishouden", {"actie": "verder"})
    clock.advance(minutes=21)  # the resident told a long story; the staff session ran out

    sent = client.post("/aanvraag/stap/vraag", data={"question": STORY})

    # not werkzeug's English 403: the log-in page, and the text is kept for this employee
    assert sent.status_code == 302 and "/medewerkers/inloggen" in sent.headers["Location"]
    row = the_kept_row(app)
    assert row.staff_id == desk.id and row.path == "/aanvraag/stap/vraag"
    assert ["question", STORY] in row.fields

    log_in_again(client, desk, clock, row.id)
    page = client.get(f"/medewerkers/bewaard/{row.id}")
    assert page.status_code == 200 and STORY in text(page)
    html = page.get_data(as_text=True)
    assert 'action="/aanvraag/stap/vraag"' in html and 'name="csrf_token"' in html
    # the kept page attached the walk-in's form to this browser again: sending lands in it
    again = client.post("/aanvraag/stap/vraag", data={"question": STORY})
    assert again.status_code == 303
    with app.app_context():
        draft = db.session.scalars(select(Draft).where(Draft.public_id == public_id)).one()
        assert draft.answers["story"]["question"] == STORY
        assert draft.answers["members"][0]["given_name"] == "Anna"  # earlier pages still there


def test_the_identity_check_sent_after_the_idle_limit_is_kept_too(app, client, desk, clock):
    login(client, desk, clock)
    new_front_desk_draft(client)
    clock.advance(minutes=21)
    sent = client.post("/balie/afronden", data=FACTS)
    assert sent.status_code == 302 and "/medewerkers/inloggen" in sent.headers["Location"]
    row = the_kept_row(app)
    log_in_again(client, desk, clock, row.id)
    assert client.get(f"/medewerkers/bewaard/{row.id}").status_code == 200
    # the form is attached again, so the identity check is recorded, not "no open intake"
    again = client.post("/balie/afronden", data=FACTS)
    assert again.headers["Location"].endswith("/aanvraag/controleren")


def test_another_desk_worker_gets_neither_the_text_nor_the_form(app, client, desk, clock):
    login(client, desk, clock)
    new_front_desk_draft(client)
    ok(client, "over-u", person("Anna", "de Vries", "1980-04-02", "111222333"))
    clock.advance(minutes=21)
    client.post("/aanvraag/stap/vraag", data={"question": STORY})
    row = the_kept_row(app)
    colleague = make_staff(app, "balie2@test.example", "front_desk")
    other = app.test_client()
    login(other, colleague, clock)
    assert other.get(f"/medewerkers/bewaard/{row.id}").status_code == 404
    with other.session_transaction() as session:
        assert "intake_draft" not in session
