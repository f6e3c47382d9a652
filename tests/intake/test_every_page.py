"""Every page of the registry, for a household where every page applies: it shows, it refuses
an empty post with an error summary, and an immediate danger gets the 112 message."""

from __future__ import annotations

from portal.drafts import Draft
from portal.extensions import db
from portal.intake_form import domains, registry
from portal.intake_form.context import Context
from tests.intake.helpers import (
    add_member,
    all_answered,
    fill_until_subjects,
    ok,
    person,
    post,
    step_url,
    subjects,
    text,
)


def blank(form_cls) -> dict:
    """What a browser sends for a page left empty: every text box, as an empty string."""
    data = {"csrf_token": ""}  # a browser always sends something (Flask-WTF: empty = no post)
    for name, kind in registry.field_classes(form_cls).items():
        if kind.__name__ == "DateInput":
            data.update({f"{name}-{part}": "" for part in ("day", "month", "year")})
        elif kind.__name__ in ("Text", "LongText", "Number"):
            data[name] = ""
    return data


def every_page(client, app):
    fill_until_subjects(client)
    add_member(client, person("Piet", "de Vries", "1979-01-01", "123456782", "partner"))
    add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    ok(client, "onderwerpen", subjects(*[s for s, _ in domains.SUBJECTS]))
    ok(client, "schulden", {"has_debts": "ja"})
    ok(client, "wonen", all_answered(domains.HousingForm, "ja", situation="rental"))
    ok(client, "zorg-voor-wie", {"members": ["m1", "m2", "m3"]})
    with app.app_context():
        draft = db.session.query(Draft).one()
        return registry.pages(Context(answers=draft.answers, state=draft.state))


def test_every_step_appears_for_a_household_that_needs_them_all(app, client):
    pages = every_page(client, app)
    # a first question per person is for the people the first questions counted; this household
    # was told by name (tests/intake/test_screening.py walks those pages)
    assert {p.step.id for p in pages} == set(registry.STEPS_BY_ID) - {"snel-leeftijd"}


def test_every_page_shows_and_refuses_an_empty_post(app, client):
    for page in every_page(client, app):
        url = step_url(page.step.id, page.member_id)
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Waarom vragen wij dit?" in text(response)
        if page.step.id in ("huishouden", "doel", "wat-al-gebeurt", "wonen-vertrek"):
            continue  # a list page, or only optional questions
        refused = post(client, page.step.id, blank(page.step.form), page.member_id)
        assert refused.status_code == 400, url
        assert 'role="alert"' in refused.get_data(as_text=True), url


def test_immediate_danger_says_call_112(app, client):
    every_page(client, app)
    location = ok(client, "veiligheid", all_answered(domains.SafetyForm, immediate_danger="ja"))
    assert "Bel 112" in text(client.get(location))
