"""Only the pages that apply: conditions on earlier answers, per-member pages, progress."""

from __future__ import annotations

from datetime import date

from portal.intake_form import domains, registry
from portal.intake_form.context import Context
from tests.intake.helpers import (
    add_member,
    all_answered,
    fill_until_subjects,
    ok,
    person,
    step_url,
    subjects,
)


def keys(answers: dict, state: dict) -> list[str]:
    ctx = Context(answers=answers, state=state, today=date(2026, 11, 22))
    return [page.key for page in registry.pages(ctx)]


def applicant(**facts) -> dict:
    return {"id": "m1", "role": "applicant", "birth_date": "1980-01-01", **facts}


def test_no_school_or_parenting_pages_without_children():
    answers = {"members": [applicant()]}
    found = keys(answers, {"subjects": ["school", "parenting", "care"], "care_members": ["m1"]})
    assert "school/m1" not in found and "opvoeden" not in found
    assert "gezondheid/m1" in found


def test_school_pages_only_for_school_age_children():
    answers = {
        "members": [
            applicant(),
            {"id": "m2", "role": "child", "birth_date": "2015-05-01"},  # 11: school age
            {"id": "m3", "role": "child", "birth_date": "2024-05-01"},  # 2: not yet
            {"id": "m4", "role": "child", "birth_date": "2007-05-01"},  # 19: adult now
        ]
    }
    found = keys(answers, {"subjects": ["school", "parenting", "work"]})
    assert [k for k in found if k.startswith("school/")] == ["school/m2"]
    assert [k for k in found if k.startswith("opgroeien/")] == ["opgroeien/m2", "opgroeien/m3"]
    assert [k for k in found if k.startswith("werk/")] == ["werk/m1", "werk/m4"]


def test_debt_details_only_when_there_are_debts():
    state = {"subjects": ["debts"]}
    for has_debts, expected in ((True, True), (False, False), (None, False)):
        answers = {"members": [applicant()], "household": {"debts": {"has_debts": has_debts}}}
        assert ("schulden-details" in keys(answers, state)) is expected


def test_leaving_home_question_only_when_leaving():
    state = {"subjects": ["housing"]}
    answers = {"members": [applicant()], "household": {"housing": {"must_leave_home": True}}}
    assert "wonen-vertrek" in keys(answers, state)
    answers["household"]["housing"]["must_leave_home"] = None
    assert "wonen-vertrek" not in keys(answers, state)


def test_export_leaves_out_answers_of_pages_that_no_longer_apply():
    ctx = Context(
        answers={
            "schema_version": "1.0",
            "members": [applicant(given_name="A", family_name="B", bsn=None)],
            "story": {"question": "Hulp"},
            "household": {"debts": {"has_debts": False, "debt_amount": 5000}},
        },
        state={"subjects": []},
        today=date(2026, 11, 22),
    )
    exported = registry.export(ctx)
    assert "household" not in exported  # debts no longer chosen: nothing of it is sent
    ctx.state["subjects"] = ["debts"]
    assert registry.export(ctx)["household"] == {"debts": {"has_debts": False}}


def test_subjects_page_offers_school_only_with_school_age_children(client):
    fill_until_subjects(client)
    page = client.get(step_url("onderwerpen")).get_data(as_text=True)
    assert 'value="school"' not in page
    add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    page = client.get(step_url("onderwerpen")).get_data(as_text=True)
    assert 'value="school"' in page and 'value="parenting"' in page


def test_health_pages_only_for_the_people_chosen(client):
    fill_until_subjects(client)
    partner = add_member(client, person("Piet", "de Vries", "1979-01-01", "123456782", "partner"))
    ok(client, "onderwerpen", subjects("care"))
    location = ok(client, "zorg-voor-wie", {"members": [partner]})
    assert location.endswith(f"/stap/gezondheid/{partner}")
    response = client.get(step_url("gezondheid", "m1"))
    assert response.status_code == 303  # the applicant was not chosen: no page for them
    # The question about caring for children is left out when there are no children.
    page = client.get(step_url("gezondheid", partner)).get_data(as_text=True)
    assert "unable_to_care_for_children" not in page
    assert "Wat geldt voor Piet?" in page
    assert "Een lichamelijke beperking of ziekte" in page


def test_removing_a_member_removes_their_pages(client):
    fill_until_subjects(client)
    child = add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    ok(client, "onderwerpen", subjects("school"))
    assert client.get(step_url("school", child)).status_code == 200
    response = client.post(step_url("huishouden"), data={"actie": "verwijderen", "persoon": child})
    assert response.status_code == 200  # first: are you sure?
    assert "Wilt u Sem de Vries verwijderen uit uw huishouden?" in response.get_data(as_text=True)
    assert client.get(step_url("school", child)).status_code == 200  # nothing removed yet
    response = client.post(
        step_url("huishouden"), data={"actie": "verwijderen", "persoon": child, "bevestigd": "ja"}
    )
    assert response.status_code == 303
    assert "Sem is verwijderd" in client.get(step_url("huishouden")).get_data(as_text=True)
    response = client.get(step_url("school", child))
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Deze persoon staat niet (meer) in uw huishouden." in page


def test_progress_says_which_step_of_how_many(client):
    fill_until_subjects(client)
    page = client.get(step_url("vraag")).get_data(as_text=True)
    # 10 pages + check answers, before subjects are chosen (this household skipped the first
    # questions, where the subjects come first)
    assert "Uw aanvraag: stap 3 van 11" in page
    ok(client, "onderwerpen", subjects("debts"))
    ok(client, "schulden", {"has_debts": "ja"})
    page = client.get(step_url("schulden-details")).get_data(as_text=True)
    # the total never grows (issue #13): a page the estimate did not foresee does not add one
    assert "Uw aanvraag: stap 10 van 11" in page


def test_every_question_says_why_it_is_asked(client):
    fill_until_subjects(client)
    add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    ok(client, "onderwerpen", subjects(*[s for s, _label in domains.SUBJECTS]))
    for step in registry.STEPS:
        assert str(step.why).strip(), step.id
    page = client.get(step_url("inkomen")).get_data(as_text=True)
    assert "Waarom vragen wij dit?" in page and "welke hulp bij geld u kunt krijgen" in page


def test_why_lists_the_help_the_verordening_reads_these_answers_for(app, client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("debts", "income"))
    with app.app_context():
        from portal import rulebook

        version = rulebook.in_force()
    readers = [r for r in version.rules if "household.debts.has_debts" in r.when.refs]
    assert readers, "the model verordening has a rule on debts"
    html = client.get(step_url("schulden")).get_data(as_text=True)
    # one line of why, the help behind a disclosure (issue #13: the first question on a
    # phone's first screen)
    assert "<summary>Tot welke hulp kunnen deze antwoorden leiden?</summary>" in html
    shown = [r for r in readers if r.provision.name.nl in html]
    assert shown
    assert f'href="/regels/artikel/{shown[0].article_number}"' in html
    # Pages whose answers no rule reads (the story in your own words) list nothing.
    assert "Tot welke hulp" not in client.get(step_url("vraag")).get_data(as_text=True)


def test_yes_no_questions_all_offer_dont_know():
    for step in registry.STEPS:
        for name, kind in registry.field_classes(step.form).items():
            if kind.__name__ == "YesNo":
                form_field = getattr(step.form, name)
                assert form_field.kwargs.get("unknown", True) is not False, (step.id, name)


def test_all_answered_helper_covers_yes_no():
    data = all_answered(domains.SafetyForm)
    assert set(data) == {
        "feels_unsafe_at_home",
        "domestic_violence",
        "child_unsafe",
        "immediate_danger",
    }
