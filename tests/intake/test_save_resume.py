"""Save and resume: a code shown once (only its hash kept), the birth date as second key,
wrong attempts limited, drafts expire and are purged."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.drafts import Draft
from portal.extensions import db
from portal.intake import store
from tests.conftest import make_app
from tests.intake.helpers import (
    BASE,
    begin,
    birth,
    change_the_draft,
    fill_until_subjects,
    ok,
    step_url,
    text,
)

BIRTH = "1980-04-02"


def get_code(client) -> str:
    response = client.post(f"{BASE}/opslaan")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    found = re.search(r"\b([2-9B-Z]{4}-[2-9B-Z]{4}-[2-9B-Z]{4})\b", response.get_data(as_text=True))
    assert found, text(response)
    return found.group(1)


def resume(client, code: str, born: str = BIRTH):
    return client.post(f"{BASE}/verder", data={"code": code, **birth("birth_date", born)})


def the_draft(app) -> Draft:
    with app.app_context():
        draft = db.session.scalars(sa.select(Draft)).one()
        db.session.expunge(draft)
        return draft


def test_resume_on_another_device_with_code_and_birth_date(app, client):
    fill_until_subjects(client)
    code = get_code(client)
    draft = the_draft(app)
    assert code not in str(draft.resume_code_hash)
    assert draft.resume_code_hash and len(draft.resume_code_hash) == 64

    other_device = app.test_client()
    assert other_device.get(step_url("vraag")).status_code == 303  # no draft without the code
    response = resume(other_device, code.lower().replace("-", " "))  # typed loosely: still fine
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/stap/onderwerpen")  # where they stopped
    page = other_device.get(step_url("vraag")).get_data(as_text=True)
    assert "Ik kan de rekeningen niet meer betalen." in page


def test_the_code_is_shown_once_and_a_new_code_replaces_the_old(app, client):
    fill_until_subjects(client)
    first = get_code(client)
    assert resume(client, first).status_code == 303  # back in, on the same device
    page = client.get(f"{BASE}/opslaan").get_data(as_text=True)
    assert first not in page
    second = get_code(client)
    assert first != second
    assert resume(app.test_client(), first).status_code == 400
    assert resume(app.test_client(), second).status_code == 303


def test_no_code_before_the_birth_date_is_known(client):
    begin(client)
    page = client.post(f"{BASE}/opslaan")
    assert "Vul daarvoor eerst uw geboortedatum in" in text(page)
    assert not re.search(r"[2-9B-Z]{4}-[2-9B-Z]{4}-[2-9B-Z]{4}", page.get_data(as_text=True))


def test_wrong_birth_date_or_code_is_refused_without_saying_which(app, client):
    fill_until_subjects(client)
    code = get_code(client)
    other = app.test_client()
    wrong_date = resume(other, code, "1981-04-02")
    wrong_code = resume(other, "BBBB-CCCC-DDDD")
    for response in (wrong_date, wrong_code):
        assert response.status_code == 400
        assert "De code of de geboortedatum klopt niet." in text(response)
    assert other.get(step_url("vraag")).status_code == 303


def test_attempts_are_limited_then_locked(app, client):
    fill_until_subjects(client)
    code = get_code(client)
    other = app.test_client()
    for _ in range(store.MAX_RESUME_ATTEMPTS):
        assert resume(other, code, "1999-01-01").status_code == 400
    locked = resume(other, code)  # even the right birth date is refused now
    assert locked.status_code == 400
    assert "even op slot" in text(locked)
    change_the_draft(app, locked_until=store.now() - timedelta(seconds=1))
    assert resume(other, code).status_code == 303


def test_unknown_codes_are_limited_per_browser(app, client):
    fill_until_subjects(client)
    code = get_code(client)
    other = app.test_client()
    for _ in range(10):
        resume(other, "BBBB-CCCC-DDDD")
    response = resume(other, code)
    assert response.status_code == 400 and "te vaak een verkeerde code" in text(response)


def test_resume_form_validates_its_fields(client):
    response = client.post(f"{BASE}/verder", data={"code": "", "birth_date-day": "31"})
    words = text(response)
    assert response.status_code == 400
    assert "Vul in: Uw code" in words
    assert "Uw geboortedatum moet een maand bevatten." in words


def test_expired_draft_cannot_be_resumed_or_continued(app, client):
    fill_until_subjects(client)
    code = get_code(client)
    change_the_draft(app, expires_at=store.now() - timedelta(minutes=1))
    assert resume(app.test_client(), code).status_code == 400


def test_an_expired_draft_is_gone_from_the_browser_too(app, client):
    fill_until_subjects(client)
    change_the_draft(app, expires_at=store.now() - timedelta(minutes=1))
    response = client.get(step_url("vraag"))
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{BASE}/")


def test_after_getting_a_code_the_form_is_closed_on_this_device(app, client):
    fill_until_subjects(client)
    code = get_code(client)
    response = client.get(step_url("vraag"))
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{BASE}/")
    assert "Start nu" in text(client.get(f"{BASE}/"))
    assert resume(client, code).status_code == 303


def test_the_draft_link_lives_in_a_session_that_times_out(app, client):
    begin(client)
    cookie = client.get_cookie("session")
    assert cookie.expires is not None  # permanent: ends after PERMANENT_SESSION_LIFETIME


def test_every_save_moves_the_expiry_date(app, client):
    begin(client)
    change_the_draft(app, expires_at=store.now() + timedelta(days=1))
    ok(client, "vraag", {"question": "Hulp"})
    expires = store.aware(the_draft(app).expires_at)
    assert expires > store.now() + timedelta(days=29)


def test_retention_period_is_a_setting(migrated):
    app = make_app(migrated, DRAFT_RETENTION_DAYS=7)
    client = app.test_client()
    try:
        begin(client)
        with app.app_context():
            draft = db.session.scalars(sa.select(Draft)).one()
            left = store.aware(draft.expires_at) - store.now()
        assert timedelta(days=6) < left <= timedelta(days=7)
    finally:
        with app.app_context():
            db.session.execute(sa.delete(Draft))
            db.session.commit()


def test_purge_drafts_command_deletes_only_expired_drafts(app, runner):
    with app.test_request_context():
        old = store.create()
        fresh = store.create()
        old.expires_at = store.now() - timedelta(days=1)
        db.session.commit()
        fresh_id = fresh.id
    result = runner.invoke(args=["purge-drafts"])
    assert result.exit_code == 0, result.output
    assert "1 verlopen" in result.output
    with app.app_context():
        assert db.session.scalars(sa.select(Draft.id)).all() == [fresh_id]


def test_discarding_a_draft_deletes_it(app, client):
    fill_until_subjects(client)
    response = client.post(f"{BASE}/verwijderen")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalars(sa.select(Draft)).all() == []


def test_start_page_explains_what_you_need_and_offers_to_continue(client):
    words = text(client.get(f"{BASE}/"))
    for expected in (
        "U hoeft niet in te loggen",
        "Wat heeft u nodig?",
        "Hoe lang duurt het?",
        "Stoppen en later verdergaan",
        "loket",
        "Start nu",
    ):
        assert expected in words
    begin(client)
    assert "Verdergaan met uw formulier" in text(client.get(f"{BASE}/"))
