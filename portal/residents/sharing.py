"""What one member told about debts, health or safety, shared with the rest of the household
only with consent (issue #12: "unless the member who gave them agreed — a consent per item or
per purpose, recorded, revocable").

Without consent such an item reaches only the member it is about and the member who told it
(`mine.intakes`, `plan.filtered`). With it, per life domain:

- the member who told it must have agreed to share that domain, and so must the member it is
  about when that member decides for themselves (16 or older, the same age at which a youth
  decides about their own youth-care data);
- what tells of an unsafe home is never shared in a protected household, whatever was agreed:
  a consent given under pressure at home would be no consent.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db
from portal.households import sensitivity
from portal.models import Household
from portal.residents.models import SharedDomainConsent

# the domains a member may choose to share, in the order the page offers them
DOMAINS = {
    "debts": _l("Geld en schulden"),
    "health": _l("Gezondheid"),
    "safety": _l("Veiligheid thuis"),
}
NEVER_IN_PROTECTED = frozenset({"safety"})


def shared_domains(household: Household) -> dict[int, frozenset[str]]:
    """member id -> the domains that member agreed to share (consents not withdrawn)."""
    ids = [m.id for m in household.members]
    if not ids:
        return {}
    rows = db.session.execute(
        select(SharedDomainConsent.member_id, SharedDomainConsent.domain).where(
            SharedDomainConsent.member_id.in_(ids), SharedDomainConsent.withdrawn_at.is_(None)
        )
    ).all()
    found: dict[int, set[str]] = {}
    for member_id, domain in rows:
        found.setdefault(member_id, set()).add(domain)
    return {member_id: frozenset(domains) for member_id, domains in found.items()}


def may_see(
    viewer_id: int | None,
    *,
    told_by: int | None,
    about: int | None,
    domains: frozenset[str] | set[str],
    shared: dict[int, frozenset[str]],
    decides_alone: set[int],
    protected: bool,
) -> bool:
    """Whether the viewer (a member id) may see an item told by `told_by` about `about`."""
    if not domains or (viewer_id is not None and viewer_id in (told_by, about)):
        return True
    if viewer_id is None or told_by is None:
        return False
    if protected and domains & NEVER_IN_PROTECTED:
        return False
    agreeing = {told_by} | ({about} if about is not None and about in decides_alone else set())
    return all(set(domains) <= shared.get(member_id, frozenset()) for member_id in agreeing)


def offered(household: Household) -> dict[str, object]:
    """The domains the page offers to share in this household (never safety when protected)."""
    if sensitivity.protected(household):
        return {k: v for k, v in DOMAINS.items() if k not in NEVER_IN_PROTECTED}
    return dict(DOMAINS)


def set_shared(member_id: int, wanted: set[str], now) -> tuple[set, set]:
    """Record the member's choice (domains the page offered): consents for newly ticked
    domains, withdrawals for unticked ones. Returns (given, withdrawn). The caller commits."""
    current = {
        c.domain: c
        for c in db.session.scalars(
            select(SharedDomainConsent).where(
                SharedDomainConsent.member_id == member_id,
                SharedDomainConsent.withdrawn_at.is_(None),
            )
        )
    }
    given = wanted - set(current)
    withdrawn = {d for d in current if d not in wanted}
    for domain in sorted(given):
        db.session.add(SharedDomainConsent(member_id=member_id, domain=domain, given_at=now))
    for domain in withdrawn:
        current[domain].withdrawn_at = now
    return given, withdrawn
