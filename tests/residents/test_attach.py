"""Attaching an intake made without logging in: reference number plus resume code (the code the
draft had when it was submitted), with attempt limits."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.intake import store
from portal.models import IntakeResumeCode
from portal.residents.models import ResidentIntakeLink
from tests.residents.conftest import other_family, resident_login, submit, text

CODE = "BCDF-GH23-JK45"


def without_bsn() -> dict:
    answers = other_family()
    for member in answers["members"]:
        member["bsn"] = None
    return answers


def submit_with_code(app, code: str = CODE) -> str:
    with app.test_request_context():
        hashed = store._hash(code)
    return submit(app, without_bsn(), resume_code_hash=hashed)[1]


def test_attach_with_reference_and_code(app, client, clock):
    reference = submit_with_code(app)
    resident_login(client, "other")  # their BSN is in no household yet
    assert reference not in text(client.get("/mijn/"))
    response = client.post(
        "/mijn/koppelen", data={"reference": reference.lower(), "code": "bcdf gh23 jk45"}
    )
    assert response.status_code == 303
    assert reference in text(client.get("/mijn/"))
    with app.app_context():
        # The code worked once: it cannot attach the intake to anyone else later.
        assert db.session.scalars(select(IntakeResumeCode)).first() is None
        assert db.session.scalars(select(ResidentIntakeLink)).one().bsn == "999990056"


def test_a_wrong_code_or_reference_attaches_nothing(app, client, clock):
    reference = submit_with_code(app)
    resident_login(client, "other")
    for data in (
        {"reference": reference, "code": "BCDF-GH23-JK46"},
        {"reference": "SD-2026-ZZZZZZ", "code": CODE},
    ):
        response = client.post("/mijn/koppelen", data=data)
        assert response.status_code == 400
        assert "Het nummer of de code klopt niet" in text(response)  # the same answer for both
    assert reference not in text(client.get("/mijn/"))
    response = client.post("/mijn/koppelen", data={"reference": "", "code": ""})
    assert response.status_code == 400 and "Vul in: Het nummer van uw aanvraag" in text(response)


def test_five_wrong_codes_lock_the_intake(app, client, clock):
    reference = submit_with_code(app)
    resident_login(client, "other")
    for attempt in range(5):
        response = client.post(
            "/mijn/koppelen", data={"reference": reference, "code": f"XXXX-XXXX-XX{attempt}X"}
        )
        assert response.status_code == 400
    assert "even op slot" in text(response)
    # Now even the right code waits 30 minutes, also from another browser.
    other = app.test_client()
    resident_login(other, "other")
    response = other.post("/mijn/koppelen", data={"reference": reference, "code": CODE})
    assert response.status_code == 400 and "even op slot" in text(response)
    clock.advance(minutes=31)
    resident_login(other, "other")  # (the session timed out meanwhile)
    assert (
        other.post("/mijn/koppelen", data={"reference": reference, "code": CODE}).status_code == 303
    )


def test_too_many_unknown_references_stop_the_tries(app, client, clock):
    submit_with_code(app)
    resident_login(client, "other")
    for number in range(5):
        client.post("/mijn/koppelen", data={"reference": f"SD-2026-AAAAA{number}", "code": CODE})
    response = client.post("/mijn/koppelen", data={"reference": "SD-2026-AAAAA9", "code": CODE})
    assert response.status_code == 400 and "te vaak" in text(response)


def test_the_intake_form_keeps_the_resume_code_at_submission(app, client, clock):
    """The real journey: the resident saves (gets a code), submits, then logs in and attaches."""
    from tests.residents.journey import submit_after_saving

    code, reference = submit_after_saving(app, client)
    resident_login(client, "other")
    response = client.post("/mijn/koppelen", data={"reference": reference, "code": code})
    assert response.status_code == 303
    assert reference in text(client.get("/mijn/"))
