"""The figures page reads a rollup (issue #18): the same numbers as the live aggregates on the
same data, for every filter; the moment it was made is on the page; no rollup yet says so."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.caseload.models import HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.escalations.models import Barrier, Escalation
from portal.extensions import db
from portal.households.models import ContactAssignment
from portal.insight import figures as fig
from portal.insight import figures_rollup
from portal.models import Household
from portal.plans.models import Plan, PlanVersion
from tests.caseload.conftest import file_intake, outcome
from tests.insight.conftest import as_

FIGURES = "/medewerkers/beleid/cijfers"
REGIMES = [("wmo", "wmo_hulp"), ("jeugdwet", "jeugd_hulp"), ("schuldhulp", "schuld_x")]
TRIAGES = ["single_question", "multi_domain", "urgent", "incomplete"]
CHANNELS = ["online", "front_desk", "api", "online"]


@pytest.fixture
def varied(app, world):
    """40 households over a year in three teams (and some without one): channels, triages,
    repeat intakes in other months (some multi-domain twice), intakes just after Dutch midnight
    at a month's turn in winter and in summer, deadlines met, missed and open (due before and
    after today), first plan versions early and late, costs in two regimes, escalations open
    and decided with their schotten."""
    teams = [world["teams"]["noord"], world["teams"]["zuid"], world["teams"]["vangnet"], None]
    staff = [world["a"], world["c"], world["f"], None]
    with app.app_context():
        for h in range(40):
            household = Household(postcode="2741AB", triage="single_question")
            db.session.add(household)
            first_day = date(2026, 1, 1) + timedelta(days=(h * 37) % 300)
            intakes = []
            for k in range(1 + (h % 3 == 0) + (h % 7 == 0)):
                regime, rule = REGIMES[(h + k) % 3]
                deadline = None if regime == "schuldhulp" else outcome()["deadline"]
                intake = file_intake(
                    submitted_on=first_day + timedelta(days=45 * k),
                    outcomes=[
                        outcome(rule, regime=regime, deadline=deadline),
                        outcome("wmo_extra", member_id="m2", regime="wmo"),
                    ],
                    household=household,
                    triage=TRIAGES[(h + k * (h % 2)) % 4],
                )
                intake.channel = CHANNELS[(h + k) % 4]
                intakes.append(intake)
            if h in (5, 6):  # 00:30 in the Netherlands on the 1st: the new month there
                intakes[0].submitted_at = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
            if h in (8, 9):  # summer time: 00:30 on 1 July is 22:30 UTC on 30 June
                intakes[0].submitted_at = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)
            team, person = teams[h % 4], staff[h % 4]
            if person is not None:
                db.session.add(
                    ContactAssignment(household_id=household.id, staff_id=person.id, team_id=team)
                )
            db.session.flush()
            rows = db.session.scalars(
                select(HouseholdOutcome)
                .where(HouseholdOutcome.household_id == household.id)
                .order_by(HouseholdOutcome.id)
            ).all()
            for i, row in enumerate(rows):
                if (h + i) % 3 == 0:
                    row.status = "granted"
                    days = 20 if (h + i) % 2 else 80
                    db.session.add(
                        HouseholdOutcomeStatusChange(
                            outcome_id=row.id,
                            from_status="new",
                            to_status="granted",
                            changed_at=datetime.combine(row.started_on, datetime.min.time(), UTC)
                            + timedelta(days=days, hours=12),
                        )
                    )
            if h % 2 == 0:
                plan = Plan(
                    household_id=household.id,
                    costs={
                        str(rows[0].id): {"cents": 1000 * (h + 1), "note": ""},
                        str(rows[-1].id): {"cents": 500, "note": ""},
                    },
                )
                db.session.add(plan)
                db.session.flush()
                db.session.add(
                    PlanVersion(
                        plan_id=plan.id,
                        household_id=household.id,
                        number=1,
                        snapshot={},
                        issued_at=intakes[0].submitted_at + timedelta(days=(h * 5) % 70, hours=3),
                    )
                )
            if h % 3 == 1:
                raised = first_day + timedelta(days=10)
                decided = None if h % 2 else (h % 5) * 9
                escalation = Escalation(
                    household_id=household.id,
                    raised_at=datetime.combine(raised, datetime.min.time(), UTC),
                    raised_on=raised,
                    target_on=raised + timedelta(days=21),
                    need="Hulp",
                    tried="Gebeld",
                    status="decided" if decided is not None else "raised",
                    days_to_breakthrough=decided,
                )
                db.session.add(escalation)
                db.session.flush()
                db.session.add(Barrier(escalation_id=escalation.id, side_a="wmo", side_b="zvw"))
                if h % 2:
                    db.session.add(
                        Barrier(escalation_id=escalation.id, side_a="schuldhulp", side_b="wmo")
                    )
        db.session.commit()
    return world


def _same(rollup: fig.Figures, live: fig.Figures) -> None:
    got = dataclasses.asdict(rollup)
    want = dataclasses.asdict(live)
    got.pop("refreshed_at"), want.pop("refreshed_at")
    assert got == want
    assert rollup.escalations == live.escalations


def test_the_rollup_gives_the_live_figures_for_every_filter(app, varied, clock):
    teams = [None, *varied["teams"].values()]
    periods = [
        (None, None),
        (date(2026, 2, 1), None),
        (None, date(2026, 6, 30)),
        (date(2026, 2, 1), date(2026, 4, 30)),
        (date(2026, 7, 1), date(2026, 7, 31)),
        (date(2026, 3, 15), date(2026, 9, 10)),
    ]
    with app.app_context():
        figures_rollup.refresh()
        everything = fig.compute(fig.Filters())
        for team in teams:
            for start, end in periods:
                filters = fig.Filters(period_from=start, period_to=end, team_id=team)
                _same(fig.compute(filters), fig.compute_live(filters))
    # the data set is not trivial: every figure has something in it
    assert everything.households == 40 and everything.multi_domain > 5
    assert {m for m in everything.months} >= {"2026-02", "2026-07"}
    assert sum(d["met"] for d in everything.deadlines) >= 5
    assert sum(d["missed"] for d in everything.deadlines) >= 5
    assert everything.to_plan["n"] == 20 and everything.costs
    assert everything.escalations["decided"] >= 5 and everything.escalations["open"]
    assert {side for side, _n, _d in everything.escalation_sides} == {"schuldhulp", "wmo", "zvw"}


def test_deadlines_still_open_turn_missed_as_the_days_pass_without_a_refresh(app, varied, clock):
    with app.app_context():
        figures_rollup.refresh()
        clock.moment = datetime(2026, 3, 1, 9, tzinfo=UTC)
        early = fig.compute(fig.Filters())
        assert fig.compute_live(fig.Filters()).deadlines == early.deadlines
        clock.moment = datetime(2027, 3, 1, 9, tzinfo=UTC)
        late = fig.compute(fig.Filters())
        assert fig.compute_live(fig.Filters()).deadlines == late.deadlines
    assert sum(d["running"] for d in early.deadlines) > 0
    assert sum(d["running"] for d in late.deadlines) == 0


def test_the_page_says_when_the_figures_were_made_and_nothing_before(app, varied, clock):
    lead = as_(app, varied["l"], clock)
    html = lead.get(FIGURES).get_data(as_text=True)
    assert "nog geen cijfers berekend" in html
    assert "<svg" not in html and "Download deze cijfers" not in html
    result = app.test_cli_runner().invoke(args=["figures-refresh"], catch_exceptions=False)
    assert "cijfers bijgewerkt" in result.output
    html = lead.get(FIGURES).get_data(as_text=True)
    # the frozen clock: 23 November 2026, 09:00 UTC is 10:00 in the Netherlands
    assert "Bijgewerkt op 23-11-2026 om 10:00." in html
    assert "Escalaties naar de ontschotter" in html and "Mediaan tijd tot doorbraak" in html
    csv_text = lead.get(FIGURES + ".csv").get_data(as_text=True)
    assert "Bijgewerkt op 23-11-2026 om 10:00." in csv_text
    assert "Schotten;Zorgverzekeraar (Zvw);Escalaties;" in csv_text


def test_small_escalation_numbers_are_suppressed(app, varied, clock):
    with app.app_context():
        figures_rollup.refresh()
        noord = fig.compute(fig.Filters(team_id=varied["teams"]["noord"]))
    lead = as_(app, varied["l"], clock)
    team = varied["teams"]["noord"]
    html = lead.get(f"{FIGURES}?team={team}").get_data(as_text=True)
    assert 0 < noord.escalations["decided"] < fig.SMALL
    assert noord.escalations["median"] is None  # fewer than 5 decisions: no median
    assert "&lt;5" in html


def test_many_contact_persons_show_how_the_load_is_spread():
    workload = [(f"P{i}", i) for i in range(1, 61)]
    listed, spread = fig._spread(workload)
    assert listed == []
    assert spread == [("1-25", 25), ("26-50", 25), ("51-100", 10), ("101-200", 0), ("201+", 0)]
    assert fig._spread(workload[:50]) == (workload[:50], [])
    assert fig.median({3: 1, 9: 1}) == 6 and fig.median({2: 2, 40: 1}) == 2


def test_the_spread_of_the_workload_is_the_same_from_the_rollup(app, varied, monkeypatch):
    monkeypatch.setattr(fig, "WORKLOAD_LIST", 2)  # three contact persons: more than the list
    with app.app_context():
        figures_rollup.refresh()
        for team in [None, *varied["teams"].values()]:
            filters = fig.Filters(team_id=team)
            _same(fig.compute(filters), fig.compute_live(filters))
        everyone = fig.compute(fig.Filters())
    assert everyone.workload == [] and everyone.workload_spread[0] == ("1-25", 3)
