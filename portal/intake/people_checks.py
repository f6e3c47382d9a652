"""Checks that look at more than one person, so the contract never refuses the household at
the very end: one partner, one BSN per person, no child older than its parent."""

from __future__ import annotations

from flask_babel import gettext as _

from catalogue.values import normalise_bsn
from portal.intake.pageforms import member_label, member_of
from portal.intake_form.context import Context
from portal.intake_form.people import role_for
from portal.intake_form.registry import PERSON, Page


def conflicts(ctx: Context, page: Page, form) -> bool:
    """Add errors to `form` for clashes with the other members; True when there are any."""
    if page.step.shape is not PERSON:
        return False
    this = member_of(ctx, page)
    this_id = this.get("id") if this else "m1"
    others = [m for m in ctx.members if m.get("id") != this_id and m.get("given_name")]
    found = False
    bsn = form.bsn.data and normalise_bsn(form.bsn.data)
    same = next((m for m in others if bsn and m.get("bsn") == bsn), None)
    if same is not None:
        form.bsn.errors.append(
            _(
                "Dit BSN staat al bij %(name)s. Iedereen heeft een eigen BSN.",
                name=member_label(ctx, same),
            )
        )
        found = True
    relation = getattr(form, "relation", None)
    partner_taken = any(m.get("role") == "partner" for m in others)
    if relation is not None and relation.data == "partner" and partner_taken:
        relation.errors.append(
            _("Er staat al een partner in uw huishouden. Kies een andere relatie.")
        )
        found = True
    born = form.birth_date.data if form.birth_date is not None else None
    applicant = ctx.applicant
    if (
        relation is not None
        and role_for(relation.data) == "child"
        and born
        and applicant
        and applicant.get("birth_date")
        and born.isoformat() < applicant["birth_date"]
    ):
        form.birth_date.errors.append(
            _("Een kind kan niet ouder zijn dan u. Controleer de geboortedatum.")
        )
        found = True
    return found
