"""The first questions and the first result (issue #13, 'screening first'): about ten
questions lead to likely help with an estimated amount and what applying takes, before the
full intake; the full intake then does not ask them again; the progress total never grows."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import time_machine

from portal.intake_form import screening
from tests.intake.helpers import BASE, begin, ok, step_url, subjects, text
from tests.intake.households import birth

NOW = datetime(2026, 12, 4, 9, 0)  # the clock the tests read: 4 December 2026


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def progress_of(html: str) -> tuple[str, int, int] | None:
    found = re.search(r"(Eerste vragen|Uw aanvraag): stap (\d+) van (\d+)", html)
    return (found.group(1), int(found.group(2)), int(found.group(3))) if found else None


MOTHER = {
    "snel-huishouden": {**birth("birth_date", "1990-02-01"), "adults": "0", "children": "2"},
    ("snel-leeftijd", "m2"): birth("birth_date", "2014-05-01"),
    ("snel-leeftijd", "m3"): birth("birth_date", "2019-05-01"),
    "snel-geld": {"monthly_net_income": "900", "receives_bijstand": "nee"},
    "snel-wonen": {"must_leave_home": "nee"},
    "snel-veilig": {"feels_unsafe_at_home": "nee"},
    "onderwerpen": subjects("income", "debts", "parenting", "school"),
}


def walk_screening(client, answers: dict) -> list[str]:
    """Post the first questions in the order the form leads; returns the pages seen."""
    location = begin(client).headers["Location"]
    seen = []
    while "/stap/" in location:
        path = location.split("/stap/")[1].split("?")[0]
        step, _, member = path.partition("/")
        seen.append(path)
        html = client.get(location).get_data(as_text=True)
        assert progress_of(html) is not None and progress_of(html)[0] == "Eerste vragen", path
        location = ok(client, step, answers[(step, member) if member else step], member or None)
    assert location.endswith("/eerste-uitkomst")
    return seen


def test_mother_sees_likely_help_with_an_amount_after_ten_questions(client):
    pages = walk_screening(client, MOTHER)
    assert pages == [
        "snel-huishouden",
        "snel-leeftijd/m2",
        "snel-leeftijd/m3",
        "snel-geld",
        "snel-wonen",
        "snel-veilig",
        "onderwerpen",
    ]
    page = text(client.get(f"{BASE}/eerste-uitkomst"))
    assert "Algemene bijstand" in page
    # the single-parent norm (1.419,46 since 1 July 2026) minus the 900 she gets
    assert "Ongeveer € 519 per maand." in page
    assert "Participatiewet art. 21 sub a" in page
    # the norm in force was read in the law text (verified), so no "not checked" note
    assert "Dit bedrag is nog niet gecontroleerd." not in page
    assert "Alle afschriften van uw bank van de laatste 3 maanden" in page  # what applying takes
    assert "De gemeente beslist binnen 8 weken." in page
    assert "Uw veiligheid gaat voor" not in page
    # she ticked "Geld dat u moet, of rekeningen ...": debt help, without an amount
    assert "Schuldhulpverlening" in page


def test_no_amount_without_an_income_to_base_it_on(client):
    answers = dict(MOTHER) | {"snel-geld": {"monthly_net_income": "", "receives_bijstand": "nee"}}
    walk_screening(client, answers)
    page = text(client.get(f"{BASE}/eerste-uitkomst"))
    assert "Ongeveer €" not in page


def test_danger_leads_the_first_result(client):
    answers = dict(MOTHER) | {"snel-veilig": {"feels_unsafe_at_home": "ja"}}
    walk_screening(client, answers)
    html = client.get(f"{BASE}/eerste-uitkomst").get_data(as_text=True)
    page = text(client.get(f"{BASE}/eerste-uitkomst"))
    assert "Uw veiligheid gaat voor" in page and "0800 2000" in page and "Bel 112" in page
    assert html.index("Uw veiligheid gaat voor") < html.index("Algemene bijstand")


def test_the_full_intake_does_not_ask_again(client):
    walk_screening(client, MOTHER)
    html = client.get(f"{BASE}/eerste-uitkomst").get_data(as_text=True)
    following = re.search(r'href="([^"]+)">Ga verder', html).group(1)
    assert following.endswith("/stap/over-u")
    over_u = client.get(following).get_data(as_text=True)
    assert "Uw geboortedatum" not in over_u
    ok(client, "over-u", {"given_name": "Fatima", "family_name": "Bakker", "bsn_unknown": "y"})
    child = client.get(step_url("persoon", "m2")).get_data(as_text=True)
    assert "Geboortedatum" not in child and "Wat is deze persoon van u?" not in child
    # the debts subject said she has debts: "Heeft u schulden?" is not asked again
    assert client.get(step_url("schulden")).status_code == 303
    assert client.get(step_url("schulden-details")).status_code == 200
    income = client.get(step_url("inkomen")).get_data(as_text=True)
    assert "Hoeveel geld komt er per maand binnen" not in income
    assert "Krijgt u nu een bijstandsuitkering?" not in income
    assert "Hoeveel spaargeld" in income


def test_screening_counts_make_and_unmake_people(app):
    from portal.intake_form.context import Context

    ctx = Context(answers={"members": []})
    new = lambda c: f"m{len(c.members) + 1}"  # noqa: E731
    screening.save_counts(ctx, {"adults": 1, "children": 2}, new)
    assert [m["role"] for m in ctx.members] == ["applicant", "other", "child", "child"]
    screening.save_counts(ctx, {"adults": 0, "children": 1}, new)
    assert [m["role"] for m in ctx.members] == ["applicant", "child"]


def _answers_for(step_id: str) -> dict:
    """What the mother answers on a page of the full intake (every yes/no 'nee' unless said)."""
    from portal.intake_form import registry
    from tests.intake.helpers import all_answered

    fixed = {
        "over-u": {"given_name": "Fatima", "family_name": "Bakker", "bsn_unknown": "y"},
        "persoon": {"given_name": "Kind", "family_name": "Bakker", "bsn_unknown": "y"},
        "vraag": {"question": "Wij komen niet rond."},
        "doel": {},
        "wat-al-gebeurt": {},
        "adres": {"postcode": "2741 AB", "house_number": "8"},
        "contact": {"preferred_channel": "letter", "safe_to_contact": "ja"},
        "taal": {"preferred": "nl", "interpreter_needed": "nee"},
        "zorg-voor-wie": {"members": ["m1", "m2"]},
        "schulden": {"has_debts": "ja"},
        "toestemming": None,
    }
    choices = {
        "wonen": {"situation": "rental"},
        "school": {"type": "primary"},
        "werk": {"status": "employed"},
        "toestemming": {},
    }
    if fixed.get(step_id) is not None:
        return fixed[step_id]
    value = "ja" if step_id == "toestemming" else "nee"
    return all_answered(registry.STEPS_BY_ID[step_id].form, value, **choices.get(step_id, {}))


def test_the_progress_total_never_grows_on_a_multi_domain_journey(client):
    """Every subject on offer, two children, the health questions for two people: the total
    shown on each page stays or comes down, in each part, from the first page to the check."""
    answers = dict(MOTHER) | {
        "onderwerpen": subjects(
            "income", "debts", "housing", "care", "parenting", "school", "work", "network"
        )
    }
    walk_screening(client, answers)
    html = client.get(f"{BASE}/eerste-uitkomst").get_data(as_text=True)
    location = re.search(r'href="([^"]+)">Ga verder', html).group(1)
    seen = []
    while "/stap/" in location:
        path = location.split("/stap/")[1].split("?")[0]
        step, _, member = path.partition("/")
        html = client.get(location).get_data(as_text=True)
        found = progress_of(html)
        assert found is not None and found[0] == "Uw aanvraag", path
        seen.append((path, found[1], found[2]))
        location = ok(client, step, _answers_for(step), member or None)
    assert location.endswith("/controleren")
    found = progress_of(client.get(location).get_data(as_text=True))
    seen.append(("controleren", found[1], found[2]))
    totals = [total for _path, _number, total in seen]
    assert totals == sorted(totals, reverse=True), seen
    assert seen[-1][1] == seen[-1][2]  # the check page is the last step
    numbers = [number for _path, number, _total in seen]
    assert numbers == sorted(numbers), seen  # and the steps go forward
    asked = [path for path, _n, _t in seen]
    assert "huishouden" not in asked  # the first questions said who lives there
    assert len(asked) == len(set(asked))  # no page twice


def test_changing_a_first_answer_after_the_first_result_shows_it_again(client):
    walk_screening(client, MOTHER)
    assert client.get(f"{BASE}/eerste-uitkomst").status_code == 200
    back = ok(client, "snel-geld", {"monthly_net_income": "1.200", "receives_bijstand": "nee"})
    assert back.endswith("/eerste-uitkomst")
    page = text(client.get(back))
    assert "Ongeveer € 219 per maand." in page  # 1.419,46 minus 1.200: nothing typed is lost
    # the subjects page, pressed again from the first result, keeps what she ticked
    subjects_page = client.get(step_url("onderwerpen")).get_data(as_text=True)
    for subject in ("income", "debts", "parenting", "school"):
        assert f'value="{subject}" checked' in subjects_page or re.search(
            rf'value="{subject}"[^>]*checked', subjects_page
        ), subject


def test_the_amount_names_its_norm_and_law(client):
    walk_screening(client, MOTHER)
    page = text(client.get(f"{BASE}/eerste-uitkomst"))
    assert (
        "Berekend met: Bijstandsnorm alleenstaande of alleenstaande ouder, 21 jaar tot "
        "AOW-leeftijd, per maand, inclusief vakantietoeslag (Participatiewet art. 21 sub a), "
        "min het inkomen dat u invulde."
    ) in page
    assert "legal-facts" not in page


def test_the_check_page_shows_first_questions_only_when_they_were_asked(client):
    from tests.intake.helpers import fill_minimal

    fill_minimal(client)  # straight to the full pages, as at the front desk
    page = text(client.get(f"{BASE}/controleren"))
    assert "Hoeveel andere volwassenen wonen bij u?" not in page
    assert "Waar gaat uw vraag over?" in page


def test_an_amount_from_a_norm_not_checked_against_the_law_says_so(app):
    """The note follows the status of the value in force on the day: the single norm of
    1 July 2024 is known only from a secondary source, the one of 2026 was read in the law."""
    from datetime import date

    from portal import rulebook
    from portal.intake.first_result import _estimate

    outcome = {
        "estimate": {
            "per_month": 501.5,
            "numbers": [
                {"name": "household.social_minimum", "value": 1401.5},
                {"name": "param.bijstandsnorm_alleenstaande", "value": 1401.5},
                {"name": "param.aow_leeftijd", "value": 67},  # chose the norm: not a source
            ],
        }
    }
    with app.test_request_context():
        verordening = rulebook.in_force(date(2026, 3, 2))
        then = _estimate(outcome, verordening, date(2024, 8, 1))
        now = _estimate(outcome, verordening, date(2026, 3, 2))
    assert then.verified is False and now.verified is True
    assert now.amount == "502"
    assert len(now.sources) == 1 and "Participatiewet art. 21 sub a" in now.sources[0]
    assert _estimate({"estimate": None}, verordening, date(2026, 3, 2)) is None
