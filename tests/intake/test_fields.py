"""The shared field types on their own: numbers typed the Dutch way, yes/no/unknown, dates."""

from __future__ import annotations

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from portal.intake_form.fields import DateInput, Number, YesNo, yes_no_from_json, yes_no_to_json


class Sample(Form):
    amount = Number("Bedrag")
    years = Number("Jaren", whole=True, maximum=100)
    answer = YesNo("Vraag")
    born = DateInput("Geboortedatum")


def sample(**data) -> Sample:
    form = Sample(MultiDict(data))
    form.validate()
    return form


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1250", 1250),
        ("1.250", 1250),
        ("1.250,50", 1250.5),
        ("€ 300", 300),
        ("12,5", 12.5),
        ("0", 0),
        ("", None),
    ],
)
def test_amounts_typed_the_dutch_way(typed, value):
    form = sample(amount=typed, answer="nee")
    assert form.amount.errors == [] and form.amount.data == value


def test_whole_numbers_and_limits():
    assert sample(years="101").years.errors == ["Jaren is te groot. Controleer het getal."]
    assert "heel getal" in sample(years="1,5").years.errors[0]
    assert sample(years="3").years.data == 3


def test_yes_no_unknown_is_stored_as_null():
    assert [yes_no_to_json(v) for v in ("ja", "nee", "onbekend")] == [True, False, None]
    assert [yes_no_from_json(v) for v in (True, False, None)] == ["ja", "nee", "onbekend"]
    assert sample(answer="onbekend").answer.errors == []
    assert sample().answer.errors == ["Kies een antwoord bij: Vraag"]


def test_date_from_three_boxes():
    form = sample(**{"born-day": "7", "born-month": "07", "born-year": "1990"})
    assert form.born.errors == [] and form.born.data == date(1990, 7, 7)
    assert form.born.parts == {"day": "7", "month": "07", "year": "1990"}


def test_a_stored_date_is_shown_in_three_boxes():
    form = Sample(data={"born": date(2001, 12, 3)})
    assert form.born.parts == {"day": "3", "month": "12", "year": "2001"}


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("nl", "1,250.50", 1250.5),
        ("en", "1,250.50", 1250.5),
        ("en", "1.250,50", 1250.5),
        ("en", "1,250", 1250),
        ("nl", "1,250", 1.25),
        ("en", "12,5", 12.5),
        ("en", "1.5", 1.5),
    ],
)
def test_numbers_follow_the_page_language(app, language, typed, value):
    with app.test_request_context(headers={"Accept-Language": language}):
        form = sample(amount=typed, answer="nee")
    assert form.amount.errors == [] and form.amount.data == value


def test_something_that_is_not_a_number_is_refused():
    assert "alleen een getal" in sample(amount="1.2.3").amount.errors[0]
    assert "alleen een getal" in sample(amount="twaalf").amount.errors[0]
