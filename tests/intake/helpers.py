"""Walking through the intake with the test client, one page at a time."""

from __future__ import annotations

import sqlalchemy as sa

from portal.drafts import Draft
from portal.extensions import db
from portal.intake_form import domains
from tests.intake.households import (  # noqa: F401  (tests find them here, with the helpers)
    DEBTS_ONLY,
    STORY_AND_CONTACT,
    all_answered,
    birth,
    person,
)

BASE = "/aanvraag"


def begin(client):
    response = client.post(f"{BASE}/beginnen")
    assert response.status_code == 303
    return response


def step_url(step: str, member: str | None = None, back: str | None = None) -> str:
    url = f"{BASE}/stap/{step}" + (f"/{member}" if member else "")
    return url + (f"?terug={back}" if back else "")


def post(client, step: str, data: dict, member: str | None = None, back: str | None = None):
    return client.post(step_url(step, member, back), data=data)


def ok(client, step: str, data: dict, member: str | None = None, back: str | None = None):
    """Post a page that must be accepted; returns where it sends the resident next."""
    response = post(client, step, data, member, back)
    assert response.status_code == 303, (
        step,
        member,
        response.status_code,
        _errors(response.get_data(as_text=True)),
    )
    return response.headers["Location"]


def _errors(html: str) -> str:
    start = html.find('class="error-summary__list"')
    return html[start : start + 800] if start >= 0 else html[:300]


def add_member(client, data: dict) -> str:
    response = client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    assert response.status_code == 303
    member_id = response.headers["Location"].rstrip("/").split("/")[-1]
    ok(client, "persoon", data, member=member_id)
    return member_id


def subjects(*chosen: str) -> dict:
    return {"subjects": list(chosen) or [domains.NONE]}


def follow_to(client, location: str) -> str:
    return client.get(location).get_data(as_text=True)


def fill_until_subjects(client, applicant: dict | None = None) -> None:
    """Start, tell who you are (no one else at home), and answer the story and contact pages:
    Anna of the DEBTS_ONLY household, unless another applicant is given."""
    begin(client)
    ok(client, "over-u", applicant or DEBTS_ONLY.people[0])
    ok(client, "huishouden", {"actie": "verder"})
    for step in STORY_AND_CONTACT:
        ok(client, step, DEBTS_ONLY.pages[step])


def fill_minimal(client) -> None:
    """A complete form with no life-domain subjects: ready for the check page."""
    from portal.intake_form.consents import ConsentsForm

    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects())
    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))


def change_the_draft(app, **columns) -> None:
    """Set columns of the one draft in the database, as time or another request would."""
    with app.app_context():
        draft = db.session.scalars(sa.select(Draft)).one()
        for name, value in columns.items():
            setattr(draft, name, value)
        db.session.commit()


def submit_token(client) -> str:
    import re

    html = client.get(f"{BASE}/controleren").get_data(as_text=True)
    found = re.search(r'name="submit_token" value="([^"]+)"', html)
    assert found, html[:2000]
    return found.group(1)


def submit(client):
    token = submit_token(client)
    return client.post(f"{BASE}/versturen", data={"submit_token": token})


def text(response) -> str:
    """The page as plain text (tags removed), to look for what a resident reads."""
    import re

    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
