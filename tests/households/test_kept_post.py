"""Issue #14: text sent after the staff session expired is not lost. It is kept for that person
only, offered again after logging in, and sent again with one button."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.households.models import CaseLogEntry
from portal.staff.models import KeptPost
from tests.households.conftest import family, submit
from tests.staff.conftest import code_at, login, password_step, text

NOTE = "Gebeld met de inwoner: zij wil eerst met haar zus praten over de verhuizing."


def test_a_note_sent_after_the_idle_limit_is_kept_and_sent_again(app, client, world, clock):
    household = submit(app, family("2741AB"))
    login(client, world["a"], clock)
    assert client.get(f"/medewerkers/huishoudens/{household}").status_code == 200
    clock.advance(minutes=21)  # past the idle limit while typing
    sent = client.post(
        f"/medewerkers/huishoudens/{household}/notitie", data={"kind": "call", "body": NOTE}
    )
    assert sent.status_code == 302 and "/medewerkers/inloggen" in sent.headers["Location"]
    with app.app_context():
        kept = db.session.scalars(select(KeptPost)).one()
        assert kept.staff_id == world["a"].id and ["body", NOTE] in kept.fields

    # log in again: the code step leads to the kept text, not to an empty form
    response = password_step(
        client, world["a"], query_string={"volgende": f"/medewerkers/bewaard/{kept.id}"}
    )
    response = client.post("/medewerkers/code", data={"code": code_at(world["a"], clock())})
    assert response.headers["Location"].endswith(f"/medewerkers/bewaard/{kept.id}")
    page = client.get(f"/medewerkers/bewaard/{kept.id}")
    assert NOTE in text(page)
    html = page.get_data(as_text=True)  # one button sends the same fields to the same address
    assert f'action="/medewerkers/huishoudens/{household}/notitie"' in html
    assert 'name="kind" value="call"' in html and 'name="csrf_token"' in html
    again = client.post(
        f"/medewerkers/huishoudens/{household}/notitie", data={"kind": "call", "body": NOTE}
    )
    assert again.status_code == 303
    with app.app_context():
        bodies = db.session.scalars(
            select(CaseLogEntry.body).where(CaseLogEntry.household_id == household)
        ).all()
        assert NOTE in bodies


def test_the_kept_text_is_for_its_writer_only(app, client, world, clock):
    household = submit(app, family("2741AB"))
    login(client, world["a"], clock)
    clock.advance(minutes=21)
    client.post(
        f"/medewerkers/huishoudens/{household}/notitie", data={"kind": "note", "body": NOTE}
    )
    with app.app_context():
        kept_id = db.session.scalars(select(KeptPost.id)).one()
    other = app.test_client()
    login(other, world["b"], clock)
    assert other.get(f"/medewerkers/bewaard/{kept_id}").status_code == 404
    clock.advance(minutes=31)  # and it is gone after half an hour
    login(client, world["a"], clock)
    assert client.get(f"/medewerkers/bewaard/{kept_id}").status_code == 404
