"""Which life-domain subjects are offered: no school without school-age children, no
parenting without children."""

from __future__ import annotations

from forms.steps.context import Context
from forms.steps.domains import SUBJECTS


def offered(ctx: Context) -> list[str]:
    result = []
    for subject, _label in SUBJECTS:
        if subject == "parenting" and not ctx.has_children():
            continue
        if subject == "school" and not ctx.has_school_age_children():
            continue
        result.append(subject)
    return result
