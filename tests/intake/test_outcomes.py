"""The confirmation's view of an evaluation: discreet when the home may be unsafe."""

from __future__ import annotations

from datetime import date

from portal.intake import outcomes

SAFETY_OUTCOME = {
    "life_domain": "safety",
    "provision": {"name": {"nl": "Advies en melding bij Veilig Thuis", "en": "x"}},
    "regime": {"name": {"nl": "Wmo", "en": "Wmo"}},
    "explanation": {"nl": "Er is geweld. U gaf aan: geweld — ja", "en": "x"},
    "because": [{"path": "household.safety.domestic_violence", "member_id": None}],
    "deadline": None,
    "kind": "referral",
}
OTHER_OUTCOME = {
    "life_domain": "debts",
    "provision": {"name": {"nl": "Schuldhulpverlening", "en": "Debt help"}},
    "regime": {"name": {"nl": "Wgs", "en": "Wgs"}},
    "explanation": {"nl": "U heeft schulden. U gaf aan: Heeft schulden — ja", "en": "x"},
    "because": [
        {
            "path": "household.debts.has_debts",
            "member_id": None,
            "label": {"nl": "Heeft schulden", "en": "Has debts"},
            "value": True,
            "value_text": {"nl": "ja", "en": "yes"},
        }
    ],
    "deadline": {"length": 8, "unit": "weeks", "description": {"nl": "8 weken", "en": "8 weeks"}},
    "kind": "aanvraag",
}


def evaluation(*household_outcomes) -> dict:
    return {"household": {"outcomes": list(household_outcomes)}, "members": [], "triage": "urgent"}


def test_discreet_when_not_safe_to_contact(app):
    answers = {"members": [], "contact": {"safe_to_contact": False}}
    with app.test_request_context():
        view = outcomes.overview(evaluation(OTHER_OUTCOME), answers, date(2026, 3, 2))
    assert view["discreet"] is True
    (group,) = view["groups"]
    assert group.helps[0].answers == []  # no trail of answers on the page
    assert "U gaf aan" not in group.helps[0].explanation


def test_safety_outcomes_are_left_out_when_discreet(app):
    answers = {"members": [], "household": {"safety": {"domestic_violence": True}}}
    with app.test_request_context():
        view = outcomes.overview(
            evaluation(SAFETY_OUTCOME, OTHER_OUTCOME), answers, date(2026, 3, 2)
        )
    names = [h.provision for g in view["groups"] for h in g.helps]
    assert names == ["Schuldhulpverlening"]
    assert view["veilig_thuis"] == "0800 2000"


def test_open_view_lists_the_answers_and_the_due_date(app):
    answers = {"members": [], "contact": {"safe_to_contact": True}}
    with app.test_request_context():
        view = outcomes.overview(evaluation(OTHER_OUTCOME), answers, date(2026, 3, 2))
    help_ = view["groups"][0].helps[0]
    assert view["discreet"] is False
    assert help_.answers == ["U heeft schulden of rekeningen die u niet op tijd kunt betalen"]
    # 8 weeks from 2 March ends on 27 April, Koningsdag: the Atw moves it to the 28th.
    assert help_.due_on == date(2026, 4, 28) and help_.due == "28 april 2026"
    assert view["first_due"] == "28 april 2026"


def test_incomplete_is_not_called_nothing_applies(app):
    """With open questions left, the page says we need to know more, not that nothing fits."""
    evaluation_ = {
        "household": {"outcomes": []},
        "members": [],
        "triage": "incomplete",
        "nothing_applies": None,
        "missing": [
            {
                "path": "household.debts.has_debts",
                "member_id": None,
                "label": {"nl": "Heeft schulden of betalingsachterstanden", "en": "Has debts"},
            }
        ],
    }
    answers = {"members": [], "contact": {"safe_to_contact": True}}
    with app.test_request_context():
        view = outcomes.overview(evaluation_, answers, date(2026, 3, 2))
        from flask import render_template

        html = render_template("intake/_outcomes.html", **view)
    assert view["incomplete"] is True and view["nothing_applies"] is None
    assert view["still_to_ask"] == ["Heeft schulden of betalingsachterstanden"]
    assert "Wij kunnen nog niet zeggen welke hulp bij u past" in html


LONELY_OLD_MAN = {
    "life_domain": "network",
    "provision": {"name": {"nl": "Onafhankelijke cliëntondersteuning", "en": "Client support"}},
    "regime": {"name": {"nl": "Wmo", "en": "Wmo"}},
    "explanation": {"nl": "Er is hulp bij de gesprekken.", "en": "x"},
    "because": [
        {
            "path": "household.network.wants_client_support",
            "member_id": None,
            "label": {"nl": "Wil graag iemand die helpt bij gesprekken", "en": "x"},
            "value": False,
            "value_text": {"nl": "nee", "en": "no"},
        },
        {
            "path": "household.network.feels_lonely",
            "member_id": None,
            "label": {"nl": "Voelt zich eenzaam", "en": "Feels lonely"},
            "value": True,
            "value_text": {"nl": "ja", "en": "yes"},
        },
        {
            "path": "household.income.childcare_costs_unaffordable",
            "member_id": None,
            "label": {"nl": "Kan de kosten van kinderopvang niet betalen", "en": "x"},
            "value": False,
            "value_text": {"nl": "nee", "en": "no"},
        },
    ],
    "deadline": None,
    "kind": "algemene_voorziening",
}


def test_the_confirmation_says_back_what_he_said_and_nothing_he_did_not(app):
    """Issue #13: an 82-year-old living alone read 'U wilt hulp bij de gesprekken' although he
    said no, childcare costs he never mentioned, and 'Voelt zich eenzaam' as a note about him."""
    answers = {"members": [{"id": "m1", "role": "applicant"}]}
    with app.test_request_context():
        view = outcomes.overview(evaluation(LONELY_OLD_MAN), answers, date(2026, 3, 2))
    (group,) = view["groups"]
    assert group.helps[0].answers == ["U voelt zich eenzaam"]
