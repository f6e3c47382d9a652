"""A team lead gives a household to a contact person (issue #3): the assignment (households)
and the message to the residents that there is news (messages, issue #19), one transaction."""

from __future__ import annotations

from portal import messages
from portal.extensions import db
from portal.households import assignment
from portal.households.models import ContactAssignment
from portal.models import StaffMember


def hand_over(
    household_id: int, to: StaffMember, *, by: StaffMember, note: str
) -> ContactAssignment:
    """`households.assignment.hand_over` (raises `HandoverRefused`), then each person who
    applied hears there is news; commits."""
    started = assignment.hand_over(household_id, to, by=by, note=note, commit=False)
    messages.contact_person(household_id)
    db.session.commit()
    return started
