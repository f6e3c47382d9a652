"""Awb 4:17 (issue #19): a received ingebrekestelling is registered; the dwangsom runs from two
weeks after receipt, €23 a day for 14 days, then €35, then €45, at most 42 days (€1,442); the
household page, the dwangsom list and the team lead's start page show what is owed so far; a
decision stops the clock."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from portal.caseload.models import HouseholdOutcome
from portal.deadlines import awb
from portal.extensions import db
from portal.services import outcomes
from tests.deadlines.conftest import outcome_of
from tests.residents.conftest import family, submit
from tests.staff.conftest import login, text

TERM_END = date(2026, 11, 30)
RECEIVED = date(2026, 12, 3)  # after the term ended
FIRST = RECEIVED + timedelta(days=14)  # 17 December


@pytest.mark.parametrize(
    ("day", "days", "amount"),
    [
        (FIRST - timedelta(days=1), 0, "0"),  # the two weeks after receipt
        (FIRST, 1, "23"),
        (FIRST + timedelta(days=13), 14, "322"),  # 14 x 23
        (FIRST + timedelta(days=14), 15, "357"),  # + 35
        (FIRST + timedelta(days=27), 28, "812"),  # 322 + 14 x 35
        (FIRST + timedelta(days=28), 29, "857"),  # + 45
        (FIRST + timedelta(days=41), 42, "1442"),  # the maximum: 322 + 490 + 630
        (FIRST + timedelta(days=100), 42, "1442"),  # never more than 42 days
    ],
)
def test_the_dwangsom_per_day_and_its_maximum(day, days, amount):
    owed = awb.dwangsom_on(day, term_end=TERM_END, received=RECEIVED)
    assert owed.first_day == date(2026, 12, 17)
    assert (owed.days, owed.amount) == (days, Decimal(amount))
    assert owed.at_maximum == (days == 42)


def test_a_decision_stops_the_clock_the_day_it_is_taken():
    decided = FIRST + timedelta(days=19)  # 20th day: not owed, the body no longer in default
    owed = awb.dwangsom_on(
        decided + timedelta(days=30), term_end=TERM_END, received=RECEIVED, stopped_on=decided
    )
    assert (owed.days, owed.amount, owed.stopped) == (19, Decimal(322 + 5 * 35), True)


def test_premature_and_future_notices_are_refused():
    with pytest.raises(awb.Refused, match=awb.PREMATURE):
        awb.check_ingebrekestelling(TERM_END, TERM_END, date(2026, 12, 5), running=True)
    with pytest.raises(awb.Refused, match=awb.FUTURE):
        awb.check_ingebrekestelling(TERM_END, date(2026, 12, 9), date(2026, 12, 5), running=True)
    with pytest.raises(awb.Refused, match=awb.NOT_RUNNING):
        awb.check_ingebrekestelling(TERM_END, date(2026, 12, 3), date(2026, 12, 5), running=False)


def _register(client, household, outcome, received: str):
    return client.post(
        f"/medewerkers/huishoudens/{household}/termijnen/ingebrekestelling",
        data={"ingebreke-outcome": outcome, "ingebreke-received_on": received},
    )


def test_an_ingebrekestelling_runs_the_clock_alarms_the_lead_and_a_decision_stops_it(
    mail_app, world, clock
):
    household, _ = submit(mail_app, family())
    leerplicht = outcome_of(mail_app, household, "leerplicht")  # term ends 30 November
    clock.advance(days=10)  # 3 December
    contact = mail_app.test_client()
    login(contact, world["a"], clock)
    early = _register(contact, household, leerplicht, "2026-11-28")
    assert early.status_code == 400 and "Awb 4:17 lid 3" in text(early)
    answer = _register(contact, household, leerplicht, "2026-12-03")
    assert answer.status_code == 303, text(answer)[:600]
    assert _register(contact, household, leerplicht, "2026-12-03").status_code == 400  # once

    clock.advance(days=14 + 15)  # 1 January 2027: day 16 of the dwangsom
    lead = mail_app.test_client()
    login(lead, world["l"], clock)
    home = text(lead.get("/medewerkers/"))
    assert "Er loopt 1 dwangsom in uw huishoudens." in home
    listing = text(lead.get("/medewerkers/termijnen/dwangsom"))
    assert "€ 392" in listing  # 14 x 23 + 2 x 35
    contact = mail_app.test_client()  # a new day, a new log-in
    login(contact, world["a"], clock)
    page = text(contact.get(f"/medewerkers/huishoudens/{household}/termijnen"))
    assert "17-12-2026" in page and "€ 392" in page and "loopt" in page
    other_lead = mail_app.test_client()
    login(other_lead, world["m"], clock)  # leads team Zuid: not this household
    assert "Er loopt geen dwangsom" in text(other_lead.get("/medewerkers/termijnen/dwangsom"))
    assert "dwangsom in uw huishoudens" not in text(other_lead.get("/medewerkers/"))

    with mail_app.app_context():  # the decision: investigated, then granted
        row = db.session.get(HouseholdOutcome, leerplicht)
        outcomes.change_status(row, "in_onderzoek", staff_id=world["a"].id)
        outcomes.change_status(row, "granted", staff_id=world["a"].id)
        db.session.commit()
    clock.advance(days=30)
    contact, lead = mail_app.test_client(), mail_app.test_client()
    login(contact, world["a"], clock)
    login(lead, world["l"], clock)
    page = text(contact.get(f"/medewerkers/huishoudens/{household}/termijnen"))
    # decided on 1 January: that day is not owed, so 15 days (14 x 23 + 35), and no more since
    assert "€ 357" in page and "gestopt op 01-01-2027" in page
    assert "Er loopt geen dwangsom" in text(lead.get("/medewerkers/termijnen/dwangsom"))


def test_the_front_desk_has_no_access(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    desk = mail_app.test_client()
    login(desk, world["desk"], clock)
    assert desk.get("/medewerkers/termijnen/dwangsom").status_code == 403
    assert _register(desk, household, 1, "2026-12-03").status_code == 403
