"""The management figures against a known data set (issue #18): counted in the database,
small numbers suppressed on the page and in the CSV, filters by period and team."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, select

from portal.caseload.models import HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.extensions import db
from portal.households.models import ContactAssignment
from portal.insight import figures as fig
from portal.insight import figures_rollup
from portal.plans.models import Plan, PlanVersion
from tests.caseload.conftest import file_intake, outcome
from tests.insight.conftest import as_
from tests.staff.conftest import make_staff

FIGURES = "/medewerkers/beleid/cijfers"


@pytest.fixture
def known(app, world):
    """January: 7 online intakes (wmo), 3 at the front desk (jeugdwet, multi-domain).
    February: 6 from a partner (API), urgent, in team Zuid (contact person C).
    Deadlines (wmo, 6 weeks from 2 Jan = 13 Feb): 5 decided on 10 Feb (met), 1 decided on
    1 Mar (missed), 1 still open (missed: today is later). Plans: 5 households got their first
    version 10 days after the intake, 1 after 50 days; each priced the wmo outcome at € 100."""
    with app.app_context():
        ids = {"wmo": [], "jeugd": [], "api": []}
        for _ in range(7):
            intake = file_intake(submitted_on=date(2026, 1, 2), outcomes=[outcome()])
            ids["wmo"].append(intake)
            db.session.add(
                ContactAssignment(
                    household_id=intake.household_id,
                    staff_id=world["a"].id,
                    team_id=world["teams"]["noord"],
                )
            )
        for _ in range(3):
            intake = file_intake(
                submitted_on=date(2026, 1, 20),
                outcomes=[outcome("jeugd_jeugdhulp", regime="jeugdwet", deadline=None)],
                triage="multi_domain",
            )
            intake.channel = "front_desk"
            ids["jeugd"].append(intake)
        for _ in range(6):
            intake = file_intake(
                submitted_on=date(2026, 2, 10),
                outcomes=[outcome("schuldhulp_x", regime="schuldhulp", deadline=None)],
                triage="urgent",
            )
            intake.channel = "api"
            db.session.add(
                ContactAssignment(
                    household_id=intake.household_id,
                    staff_id=world["c"].id,
                    team_id=world["teams"]["zuid"],
                )
            )
        db.session.flush()
        rows = db.session.scalars(
            select(HouseholdOutcome)
            .where(HouseholdOutcome.regime == "wmo")
            .order_by(HouseholdOutcome.id)
        ).all()
        for i, row in enumerate(rows[:6]):
            row.status = "granted"
            decided = (
                datetime(2026, 2, 10, 12, tzinfo=UTC)
                if i < 5
                else datetime(2026, 3, 1, 12, tzinfo=UTC)
            )
            db.session.add(
                HouseholdOutcomeStatusChange(
                    outcome_id=row.id,
                    from_status="in_onderzoek",
                    to_status="granted",
                    changed_at=decided,
                )
            )
            days = 10 if i < 5 else 50
            plan = Plan(
                household_id=row.household_id, costs={str(row.id): {"cents": 10000, "note": ""}}
            )
            db.session.add(plan)
            db.session.flush()
            db.session.add(
                PlanVersion(
                    plan_id=plan.id,
                    household_id=row.household_id,
                    number=1,
                    snapshot={},
                    issued_at=datetime(2026, 1, 2 + days, 10, tzinfo=UTC)
                    if days < 29
                    else datetime(2026, 2, 21, 10, tzinfo=UTC),
                )
            )
        db.session.commit()
        figures_rollup.refresh()
    return world


def test_the_figures_of_a_known_data_set(app, known, clock):
    with app.app_context():
        queries = []
        listener = lambda *args: queries.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        f = fig.compute(fig.Filters())
        event.remove(db.engine, "before_cursor_execute", listener)
    assert f.by_month == {"2026-01": {"online": 7, "front_desk": 3}, "2026-02": {"api": 6}}
    assert dict(f.by_regime) == {"jeugdwet": 3, "schuldhulp": 6, "wmo": 7}
    assert f.by_triage == {"single_question": 7, "multi_domain": 3, "urgent": 6}
    assert (f.households, f.multi_domain) == (16, 3)
    (wmo,) = [d for d in f.deadlines if d["regime"] == "wmo"]
    assert wmo == {"regime": "wmo", "met": 5, "missed": 2, "running": 0}
    assert f.to_plan["n"] == 6 and dict(f.to_plan["buckets"]) == {"0-14": 5, "15-42": 0, "43+": 1}
    assert f.to_plan["average_days"] == pytest.approx((5 * 10 + 50) / 6, abs=0.1)
    workload = dict(f.workload)
    assert workload == {"A": 7, "C": 6}
    assert f.costs == [{"regime": "wmo", "cents": 60000, "households": 6}]
    # a query or two per figure from the rollup, whatever the number of households
    assert len(queries) <= 15, queries


def test_filters_by_period_and_team(app, known):
    with app.app_context():
        february = fig.compute(
            fig.Filters(period_from=date(2026, 2, 1), period_to=date(2026, 2, 28))
        )
        zuid = fig.compute(fig.Filters(team_id=known["teams"]["zuid"]))
        noord = fig.compute(fig.Filters(team_id=known["teams"]["noord"]))
    assert february.by_month == {"2026-02": {"api": 6}}
    assert zuid.by_triage == {"urgent": 6} and dict(zuid.workload) == {"C": 6}
    assert noord.households == 7 and noord.costs[0]["cents"] == 60000


def test_small_numbers_are_suppressed_on_the_page_and_in_the_csv(app, known, clock):
    assert [fig.cell(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]
    lead = as_(app, known["l"], clock)
    page = lead.get(FIGURES)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # 3 front-desk intakes in January and 3 multi-domain households: never the number itself
    assert "&lt;5" in html
    assert "<svg" in html and "<title id=" in html and "<desc id=" in html
    assert 'role="img"' in html
    csv_text = lead.get(FIGURES + ".csv").get_data(as_text=True)
    assert "Intakes per maand en kanaal;2026-01;Balie;<5" in csv_text
    # with the month's total (10) shown, online 7 would give the 3 away: hidden as well
    assert "Intakes per maand en kanaal;2026-01;Online;x" in csv_text
    assert "Intakes per maand en kanaal;2026-01;Totaal;10" in csv_text
    assert ";Online;7" not in csv_text
    assert ";Balie;3" not in csv_text
    assert "€ 600,00" in csv_text
    assert "Anouk" not in html and "SD-TEST" not in html  # no resident, no reference


def test_the_filter_form_keeps_bad_input_and_says_what_is_wrong(app, known, clock):
    officer = as_(app, make_staff(app, "beleid2@test.example", "policy_officer"), clock)
    response = officer.get(
        FIGURES + "?period_from-day=31&period_from-month=2&period_from-year=2026"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "echte datum" in html and 'value="31"' in html
