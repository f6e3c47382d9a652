"""Consents the resident gave in the intake form become consent records of the household
(issue #13: they were kept only inside the intake's JSON, so Mijn aanvraag said "U heeft geen
toestemming gegeven" and the plan "Nog niet ingevuld"). Only a "yes" is recorded: a "no" or no
answer is no consent, and the gemeente asks again when it needs one."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from portal.dutch_time import AMSTERDAM
from portal.extensions import db
from portal.households.models import Consent
from portal.models import Household

# the contract's purposes -> with whom the gemeente may share (stored as data, in Dutch)
ORGANISATIONS = {
    "combine_regimes": "Gemeente: alle regelingen samen",
    "share_with_providers": "Organisaties die helpen",
    "share_with_health_insurer": "Zorgverzekeraar",
    "share_with_school": "School",
    "contact_network": "Mensen om de inwoner heen (netwerk)",
    "share_with_uwv": "UWV",
}


def record_from_intake(household: Household, answered: list[dict], submitted_at: datetime):
    """Add a consent per purpose the resident said yes to, unless the household already has
    that consent (not withdrawn). The purpose is the wording the resident saw."""
    active = (
        {
            (c.organisation, c.purpose)
            for c in db.session.scalars(
                select(Consent).where(
                    Consent.household_id == household.id, Consent.withdrawn_at.is_(None)
                )
            )
        }
        if household.id is not None
        else set()
    )
    added = []
    for item in answered:
        organisation = ORGANISATIONS.get(item.get("purpose"))
        if item.get("given") is not True or organisation is None:
            continue
        purpose = item.get("wording") or organisation
        if (organisation, purpose) in active:
            continue
        active.add((organisation, purpose))
        consent = Consent(
            household_id=household.id,
            organisation=organisation,
            purpose=purpose,
            given_at=_given_at(item.get("given_on"), submitted_at),
        )
        db.session.add(consent)
        added.append(organisation)
    return added  # shown with the other consents in the file; the intake is its record


def _given_at(given_on: str | None, submitted_at: datetime) -> datetime:
    """The day the resident gave it (noon, Dutch time), else the moment of sending."""
    try:
        day = date.fromisoformat(given_on) if given_on else None
    except ValueError:
        day = None
    if day is None or day > submitted_at.date():
        return submitted_at
    return datetime.combine(day, time(12), tzinfo=AMSTERDAM)
