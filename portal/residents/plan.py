"""The issued ondersteuningsplan on the resident's page: the versions, the Jeugdwet filter on
the snapshot, and the resident's online agreement. Uses `portal.plans` (service, renderers)."""

from __future__ import annotations

import copy

from flask import abort

from portal.extensions import db
from portal.models import Household
from portal.residents import mine


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


def filtered(snapshot: dict, hidden: set[int]) -> dict:
    """The snapshot without the Jeugdwet provisions of members in `hidden` (16+, no consent);
    the costs are reduced by what was left out."""
    if not hidden:
        return snapshot
    result = copy.deepcopy(snapshot)
    kept, removed_cents = [], {}
    for provision in result.get("provisions") or []:
        if provision.get("regime") == mine.YOUTH_REGIME and provision.get("member_id") in hidden:
            cents = provision.get("expected_cost_cents") or 0
            removed_cents[provision["regime"]] = removed_cents.get(provision["regime"], 0) + cents
            continue
        kept.append(provision)
    result["provisions"] = kept
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
    return result
