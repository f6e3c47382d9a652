"""A meldcode step is recorded (issue #12): the step and the case log (households), and the
caseload's due date, which shows the next step."""

from __future__ import annotations

from portal.households import meldcode
from portal.households.models import MeldcodeStep
from portal.models import Household
from portal.services import due_dates


def record(household: Household, **step) -> MeldcodeStep:
    """Record one step (`meldcode.record`'s arguments; raises `meldcode.StepRefused`); the
    caller audits and commits."""
    row = meldcode.record(household, **step)
    due_dates.refresh(household.id)
    return row
