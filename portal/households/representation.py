"""People acting for a resident (issue #19): kinds, scope, and whether a representation holds
today. The data layer: it reads and writes only `representation` (and `intake_filed_by` through
services/). The resident pages (`portal.residents.acting`) and the staff page of the household
file use it.

A representation holds on a day when it has not been withdrawn, has started and has not ended.
Anything else is refused with the reason, so the page can say it plainly ("verlopen op …",
"ingetrokken"). Scope: what (`aanvragen`, `lezen`, `berichten`) and for which regimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db
from portal.households.models import IntakeFiledBy, Representation
from portal.models import HouseholdMember

WRITTEN, DIGID_MACHTIGEN, PARENT = "written", "digid_machtigen", "ouder"

# kinds a written authorisation can have (a parent acts as `ouder` without one)
KINDS = {
    "mantelzorger": _l("Mantelzorger"),
    "familie": _l("Familielid"),
    "bewindvoerder": _l("Bewindvoerder"),
    "curator": _l("Curator"),
    "ouder": _l("Ouder of voogd"),
}
ALL_KINDS = {**KINDS, "gemachtigde": _l("Gemachtigde via DigiD Machtigen")}

APPLY, READ, MESSAGES = "aanvragen", "lezen", "berichten"
ACTIONS = {
    APPLY: _l("Aanvragen doen"),
    READ: _l("Mijn aanvraag lezen (uitkomsten, plan, wie keek)"),
    MESSAGES: _l("Berichten van de gemeente zien"),
}
ALL_REGIMES = "*"

# the documents that show who someone is (the same list the front desk accepts)
ID_DOCUMENTS = {
    "paspoort": _l("Paspoort"),
    "id_kaart": _l("Identiteitskaart"),
    "rijbewijs": _l("Rijbewijs"),
    "verblijfsdocument": _l("Verblijfsdocument"),
}


def split(value: str | None) -> frozenset[str]:
    return frozenset(part for part in (value or "").split(",") if part)


def join(values) -> str:
    return ",".join(sorted(set(values)))


@dataclass(frozen=True)
class Refusal:
    reason: str  # withdrawn | expired | not_started
    on: date | None = None


def refusal(row: Representation, day: date) -> Refusal | None:
    """Why this representation does not hold on `day`, or None when it does."""
    if row.withdrawn_at is not None:
        return Refusal("withdrawn")
    if row.starts_on > day:
        return Refusal("not_started", row.starts_on)
    if row.ends_on is not None and row.ends_on < day:
        return Refusal("expired", row.ends_on)
    return None


def actions(row: Representation) -> frozenset[str]:
    return split(row.actions)


def regimes(row: Representation) -> frozenset[str] | None:
    """The regimes it covers; None: all of them."""
    found = split(row.regimes)
    return None if ALL_REGIMES in found else found


def written_for(representative_bsn: str) -> list[Representation]:
    """Written authorisations naming this person as the representative, newest first (also
    those that no longer hold: the page says why)."""
    return list(
        db.session.scalars(
            select(Representation)
            .where(
                Representation.representative_bsn == representative_bsn,
                Representation.source == WRITTEN,
            )
            .order_by(Representation.starts_on.desc(), Representation.id.desc())
        )
    )


def of_household(household_id: int) -> list[Representation]:
    """The written authorisations registered for a household, newest first."""
    return list(
        db.session.scalars(
            select(Representation)
            .where(Representation.household_id == household_id, Representation.source == WRITTEN)
            .order_by(Representation.registered_at.desc(), Representation.id.desc())
        )
    )


def register(
    member: HouseholdMember,
    *,
    representative_bsn: str,
    representative_name: str,
    kind: str,
    what: set[str],
    regime_ids: set[str],
    starts_on: date,
    ends_on: date,
    id_checked: str,
    staff_id: int,
) -> Representation:
    """A written authorisation for `member`, registered by a staff member. The caller commits."""
    row = Representation(
        source=WRITTEN,
        kind=kind,
        representative_bsn=representative_bsn,
        representative_name=representative_name,
        subject_bsn=member.bsn,
        household_id=member.household_id,
        member_id=member.id,
        actions=join(what),
        regimes=join(regime_ids),
        id_checked=id_checked,
        starts_on=starts_on,
        ends_on=ends_on,
        registered_by_id=staff_id,
    )
    db.session.add(row)
    db.session.flush()
    return row


def record(**fields) -> Representation:
    """A representation the resident's log-in established (DigiD Machtigen, a parent for a
    child): kept so the audit trail can name who acted for whom. The caller commits."""
    row = Representation(**fields)
    db.session.add(row)
    db.session.flush()
    return row


def filed_by(intake_id: int) -> Representation | None:
    link = db.session.get(IntakeFiledBy, intake_id)
    return db.session.get(Representation, link.representation_id) if link else None


def member_name(member: HouseholdMember | None) -> str | None:
    if member is None:
        return None
    return " ".join(p for p in (member.given_name, member.family_name) if p) or None
