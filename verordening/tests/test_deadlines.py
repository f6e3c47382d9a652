"""Deadlines counted as the law counts them, with the Algemene termijnenwet, on real dates."""

from __future__ import annotations

from datetime import date

import pytest

from verordening.deadlines import atw_holidays, due_date, is_working_day
from verordening.loader import load_file

from .conftest import MODEL


def test_atw_holidays_2026():
    assert sorted(atw_holidays(2026)) == [
        date(2026, 1, 1),  # Nieuwjaarsdag
        date(2026, 4, 6),  # tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),  # Bevrijdingsdag: every year under the Atw
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_good_friday_is_not_an_atw_holiday_and_kings_day_moves_off_sunday():
    assert is_working_day(date(2026, 4, 3))  # Goede Vrijdag
    assert date(2025, 4, 26) in atw_holidays(2025)  # 27 April 2025 was a Sunday
    assert date(2013, 4, 30) in atw_holidays(2013)  # Koninginnedag


@pytest.mark.parametrize(
    ("length", "unit", "start", "due"),
    [
        (6, "weeks", date(2026, 3, 2), date(2026, 4, 13)),  # plain Monday to Monday
        (2, "weeks", date(2026, 4, 13), date(2026, 4, 28)),  # ends on Koningsdag -> Tuesday
        (8, "weeks", date(2026, 3, 7), date(2026, 5, 4)),  # ends Saturday 2 May -> Monday 4 May
        (6, "weeks", date(2026, 4, 2), date(2026, 5, 15)),  # ends Thu 14 May, Hemelvaart -> Fri
        (1, "months", date(2026, 1, 31), date(2026, 3, 2)),  # 28 Feb is a Saturday
        (
            3,
            "working_days",
            date(2026, 4, 2),
            date(2026, 4, 8),
        ),  # Good Friday counts; Easter Monday not
        (3, "working_days", date(2026, 12, 24), date(2026, 12, 30)),  # Christmas and a weekend
        (4, "days", date(2026, 12, 21), date(2026, 12, 28)),  # ends on 25th -> Monday 28th
        # Fri 1 May + 3 days = Mon 4 May, but 2-4 May hold one working day: Atw art. 2 extends
        # the term to two working days, and 5 May is Bevrijdingsdag, so Wednesday 6 May
        (3, "days", date(2026, 5, 1), date(2026, 5, 6)),
        (0, "days", date(2026, 12, 25), date(2026, 12, 25)),  # immediately: nothing to extend
    ],
)
def test_due_date(length, unit, start, due):
    assert due_date({"length": length, "unit": unit}, start) == due


def test_due_date_takes_a_deadline_rule_from_the_file():
    rule = load_file(MODEL).deadlines["wmo_onderzoek"]
    assert due_date(rule, date(2026, 3, 2)) == date(2026, 4, 13)
