"""Statutory deadlines counted as the law counts them, Algemene termijnenwet (Atw) included.

A term starts the day after the event (Awb/Atw practice) and ends at the end of its last day:
6 weeks from a melding on Monday 2 March 2026 ends on Monday 13 April 2026.

Atw art. 1: a statutory term that ends on a Saturday, Sunday or algemeen erkende feestdag is
extended to the next day that is none of those. Atw art. 2: a term of at least three days is
extended, where needed, so that it contains at least two such working days. Atw art. 3 lists the
feestdagen: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, eerste en tweede
Kerstdag, Koningsdag and 5 mei (Bevrijdingsdag) - every year, not only in lustrum years.

The `holidays` package's NL calendar is close but not the Atw list: it includes Goede Vrijdag
(not an Atw feestdag), Eerste Paas- and Pinksterdag (always a Sunday anyway) and gives
Bevrijdingsdag only every fifth year. So we take its Koningsdag (which moves to 26 April when 27
April is a Sunday, and was Koninginnedag before 2014) and compute the rest ourselves.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter

_KINGS_DAY_NAMES = ("King's Day", "Queen's Day", "Koningsdag", "Koninginnedag")


@lru_cache(maxsize=64)
def atw_holidays(year: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of Atw art. 3 in one year."""
    e = easter(year)
    days = {
        date(year, 1, 1),  # Nieuwjaarsdag
        e + timedelta(days=1),  # tweede Paasdag
        e + timedelta(days=39),  # Hemelvaartsdag
        e + timedelta(days=50),  # tweede Pinksterdag
        date(year, 12, 25),  # eerste Kerstdag
        date(year, 12, 26),  # tweede Kerstdag
        date(year, 5, 5),  # Bevrijdingsdag, every year under the Atw
    }
    nl = holidays.country_holidays("NL", years=year, language="en_US")
    days |= {d for d, name in nl.items() if any(k in name for k in _KINGS_DAY_NAMES)}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in atw_holidays(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_months(day: date, months: int) -> date:
    """Same day number, months later; 31 January + 1 month = 28/29 February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _field(rule, name):
    return rule[name] if isinstance(rule, dict) else getattr(rule, name)


def due_date(deadline_rule, started_on: date) -> date:
    """The last day of the term that starts with the event on `started_on`.

    `deadline_rule` is a DeadlineRule or a mapping with `length` and `unit`
    (days | working_days | weeks | months).
    """
    length, unit = _field(deadline_rule, "length"), _field(deadline_rule, "unit")
    if length == 0:
        return started_on  # "immediately": nothing to extend
    if unit == "working_days":
        day, left = started_on, length
        while left:
            day += timedelta(days=1)
            if is_working_day(day):
                left -= 1
        return day  # already a working day: Atw art. 1 has nothing to add
    if unit == "days":
        end = started_on + timedelta(days=length)
    elif unit == "weeks":
        end = started_on + timedelta(weeks=length)
    elif unit == "months":
        end = add_months(started_on, length)
    else:
        raise ValueError(f"unknown deadline unit {unit!r}")
    end = next_working_day(end)  # Atw art. 1
    if length >= 3 or unit != "days":  # Atw art. 2: at least two working days in the term
        day, working = started_on, 0
        while day < end:
            day += timedelta(days=1)
            working += is_working_day(day)
        while working < 2:
            end += timedelta(days=1)
            working += is_working_day(end)
    return end
