"""The issued ondersteuningsplan on the resident's page: the versions, the Jeugdwet filter on
the snapshot, and the resident's online agreement. Uses `portal.plans` (service, renderers)."""

from __future__ import annotations

import copy

from flask import abort

from portal.extensions import db
from portal.households.sensitivity import SENSITIVE_DOMAINS, SENSITIVE_FALLBACK
from portal.models import Household
from portal.residents import mine, sharing


def available() -> bool:
    try:
        from portal.plans import render_docx, service  # noqa: F401
    except ImportError:
        return False
    return True


def versions(household: Household) -> list:
    if not available():
        return []
    from portal.plans import service

    return service.issued_versions(household.id)


def version_or_404(bsn: str, version_id: int):
    """An issued version of one of the resident's own households (else 404, like no version)."""
    if not available():
        abort(404)
    from portal.plans.models import PlanVersion

    version = db.session.get(PlanVersion, version_id)
    if version is None or version.household_id not in mine.household_ids(bsn):
        abort(404)
    return version


# the plan's free texts that were drafted from one person's story (and edited since)
STORY_TEXTS = ("own_words", "wants_to_achieve")
OLD_SNAPSHOT_SENSITIVE_REGIMES = frozenset({"veilig_thuis"})


def filtered(
    snapshot: dict,
    hidden: set[int],
    *,
    viewer_id: int | None = None,
    protected: bool = False,
    shared: dict[int, frozenset[str]] | None = None,
    decides_alone: set[int] | None = None,
    as_representative: bool = False,
    regimes: frozenset[str] | None = None,
) -> dict:
    """The copy of the plan this resident may see (issue #12):

    - the Jeugdwet provisions of members in `hidden` (16+, no consent) left out;
    - a sensitive provision (violence, health, debts, or fired on such an answer) only for the
      member it is about and the member whose intake led to it, unless they agreed to share
      that domain with the household (`sharing.may_see`; `shared` holds their consents);
    - in a protected household, for anyone but the person whose story it is: no question in
      their own words, no goals, no own contribution, no reasoning rows and no safety, health
      or debts domains (a contact person drafts those from that person's story).

    Costs are reduced by what was left out. Snapshots issued before the "who told what" fields
    existed count as protected when the household is, and their Veilig Thuis provisions as
    sensitive.

    `as_representative` (issue #19): the copy for someone acting for the resident: only the
    provisions of `regimes` (None: all), nothing sensitive, no sensitive domains, and in a
    protected household none of the story texts, even when the resident told them."""
    result = copy.deepcopy(snapshot)
    protected = protected or bool(result.get("protected"))
    kept, removed, removed_cents = [], [], {}
    for provision in result.get("provisions") or []:
        member_id = provision.get("member_id")
        youth_hidden = provision.get("regime") == mine.YOUTH_REGIME and member_id in hidden
        is_sensitive = provision.get("sensitive")
        if is_sensitive is None:
            is_sensitive = provision.get("regime") in OLD_SNAPSHOT_SENSITIVE_REGIMES
        visible = not is_sensitive or sharing.may_see(
            viewer_id,
            told_by=provision.get("told_by_member_id"),
            about=member_id,
            domains=frozenset(provision.get("sensitive_domains") or [SENSITIVE_FALLBACK]),
            shared=shared or {},
            decides_alone=decides_alone or set(),
            protected=protected,
        )
        if as_representative and (
            is_sensitive or (regimes is not None and provision.get("regime") not in regimes)
        ):
            visible = False
        if youth_hidden or not visible:
            removed.append(provision)
            cents = provision.get("expected_cost_cents") or 0
            removed_cents[provision["regime"]] = removed_cents.get(provision["regime"], 0) + cents
            continue
        kept.append(provision)
    result["provisions"] = kept
    result["reasoning"] = _without_rows_about(result.get("reasoning") or [], removed, kept)
    if as_representative:
        result["domains"] = [
            d for d in result.get("domains") or [] if d.get("key") not in SENSITIVE_DOMAINS
        ]
    if protected and (
        as_representative or viewer_id is None or result.get("told_by_member_id") != viewer_id
    ):
        question = result.get("question") or {}
        for key in STORY_TEXTS:
            question[key] = None
        result["own_contribution"] = None
        result["reasoning"] = []
        result["domains"] = [
            d for d in result.get("domains") or [] if d.get("key") not in SENSITIVE_DOMAINS
        ]
    _reduce_costs(result, removed_cents)
    if protected or removed:
        # the budget and the picture name help per regime and who gives it: in a copy that
        # leaves something out, they would tell what the rest of the copy hides (issue #17)
        result.pop("household_budget", None)
        result.pop("network_picture", None)
    return result


def _without_rows_about(reasoning: list, removed: list, kept: list) -> list:
    """The Omgekeerde Toets rows, without those that weigh a provision left out of this copy
    (its name and reasoning would tell what the provision list hides). Rows of snapshots from
    before rows named their provision are matched on the provision's name."""

    def keys(provisions):
        return {p.get("provision_id") or p.get("provision") for p in provisions} - {None}

    gone = keys(removed) - keys(kept)
    names = {p.get("provision") for p in removed} - {p.get("provision") for p in kept}
    return [
        row
        for row in reasoning
        if row.get("provision_id") not in gone
        and (row.get("provision_id") is not None or row.get("need") not in names)
    ]


def _reduce_costs(result: dict, removed_cents: dict) -> None:
    costs = result.get("costs")
    if isinstance(costs, dict) and removed_cents:
        total = sum(removed_cents.values())
        if isinstance(costs.get("total_cents"), int):
            costs["total_cents"] = max(0, costs["total_cents"] - total)
        by_regime = []
        for row in costs.get("by_regime") or []:
            cents = (row.get("cents") or 0) - removed_cents.get(row.get("regime"), 0)
            if cents > 0:
                by_regime.append({**row, "cents": cents})
        costs["by_regime"] = by_regime
