"""Which life-domain subjects are offered: no school without school-age children, no
parenting without children."""

from __future__ import annotations

from portal.intake_form.context import Context
from portal.intake_form.domains import SUBJECTS


def offered(ctx: Context) -> list[str]:
    return [subject for subject, _label in SUBJECTS if ctx.offers(subject)]
