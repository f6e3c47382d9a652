"""Which household a submitted intake belongs to: only a verified identity decides (issue #12).

Before, an intake joined any household that had one of its BSNs, and everyone it listed became a
member: anyone who knew a resident's BSN could name her as "partner", be filed into her
household and, after a DigiD log-in with his own BSN, read her file. Now:

- An intake joins an existing household only through its applicant's **verified** BSN (logged
  in with DigiD, or checked against an ID document at the desk) that belongs to a member who is
  verified too. Everyone else it lists is added unverified.
- Any other BSN in the intake that an existing household has (verified or not) files nothing
  there: the intake gets a household of its own and a `HouseholdMatch` for staff, who merge,
  keep apart or ask (`portal/services/matches.py`, audited). A matching BSN whose birth date
  differs is flagged as such and can never be merged.
- Mijn aanvraag gives a household's file only to verified members (portal/residents/mine.py).
"""

from __future__ import annotations

from sqlalchemy import or_, select

from portal import clock
from portal.dutch_time import parse_date
from portal.extensions import db
from portal.households import assignment
from portal.households.models import HouseholdMatch
from portal.models import Household, HouseholdMember, Intake

SAME_BSN, BIRTH_DATE_DIFFERS = "bsn", "bsn_birth_date_differs"
DECISIONS = ("merge", "keep_apart", "ask")


class MergeRefused(ValueError):
    """The match cannot be merged; the argument says why (birth_date | decided | not_simple)."""


def applicant(members: list[dict]) -> dict | None:
    return next((m for m in members if m.get("role") == "applicant"), None)


def verified_household(members: list[dict], verified_bsn: str | None) -> Household | None:
    """The household of the applicant's verified BSN, when a verified member has it."""
    first = applicant(members)
    if not verified_bsn or first is None or first.get("bsn") != verified_bsn:
        return None
    found = db.session.scalars(
        select(HouseholdMember)
        .where(HouseholdMember.bsn == verified_bsn, HouseholdMember.identity_verified.is_(True))
        .order_by(HouseholdMember.id)
        .limit(1)
    ).first()
    return found.household if found else None


def add_members(household: Household, members: list[dict], verified_bsn: str | None, via: str):
    """Add the members the household does not have yet; only the applicant whose BSN was
    verified is marked verified."""
    for member in members:
        if any(existing.is_described_by(member) for existing in household.members):
            continue
        verified = bool(
            verified_bsn and member.get("role") == "applicant" and member.get("bsn") == verified_bsn
        )
        household.members.append(
            HouseholdMember(
                role=member["role"],
                given_name=member.get("given_name"),
                family_name=member.get("family_name"),
                birth_date=parse_date(member.get("birth_date")),
                bsn=member.get("bsn"),
                identity_verified=verified,
                verified_via=via if verified else None,
            )
        )


def record_matches(household: Household, intake: Intake, members: list[dict]) -> list:
    """One `HouseholdMatch` per BSN of the intake that another household has."""
    found = []
    for member in members:
        bsn = member.get("bsn")
        if not bsn:
            continue
        others = db.session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.bsn == bsn, HouseholdMember.household_id != household.id)
            .order_by(HouseholdMember.id)
        ).all()
        for other in others:
            born = parse_date(member.get("birth_date"))
            differs = born is not None and other.birth_date is not None and born != other.birth_date
            match = HouseholdMatch(
                new_household_id=household.id,
                existing_household_id=other.household_id,
                existing_member_id=other.id,
                intake_id=intake.id,
                reason=BIRTH_DATE_DIFFERS if differs else SAME_BSN,
                created_at=clock.now(),
            )
            db.session.add(match)
            found.append(match)
    if found:
        assignment.log(
            household.id,
            None,
            "event",
            f"Mogelijk hetzelfde huishouden als een bestaand dossier ({len(found)}): "
            "ter controle door een medewerker",
        )
    return found


def open_matches() -> list[HouseholdMatch]:
    """Not decided yet, or waiting for the resident's answer ("ask")."""
    return list(
        db.session.scalars(
            select(HouseholdMatch)
            .where(or_(HouseholdMatch.decision.is_(None), HouseholdMatch.decision == "ask"))
            .order_by(HouseholdMatch.created_at, HouseholdMatch.id)
        )
    )
