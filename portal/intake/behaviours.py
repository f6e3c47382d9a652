"""What a few pages do besides showing and saving their questions, one object per kind of page
(issue #16: before, the step ids were compared in the form builder and again in the view).

- `prepare(ctx, form)`: fit the form to this household before it is shown or read (the
  subjects that can apply, the people the health questions can be about);
- `after_save(ctx)`: what follows from the answers just saved (the overview the first
  questions already answered, the debts subject, a warning when there is danger now).

Every other page is `ORDINARY`: nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash
from flask_babel import gettext as _

from portal.intake import journey
from portal.intake_form import domains, screening
from portal.intake_form.context import Context
from portal.intake_form.fields import options
from portal.intake_form.registry import Page
from portal.intake_form.screening import member_label
from portal.intake_form.subjects import offered


def _nothing(*args) -> None:
    return None


@dataclass(frozen=True)
class Behaviour:
    prepare: Callable[[Context, object], None] = _nothing
    after_save: Callable[[Context], None] = _nothing


ORDINARY = Behaviour()


def _offer_subjects(ctx: Context, form) -> None:
    labels = dict(domains.SUBJECTS)
    form.subjects.choices = options([(s, labels[s]) for s in offered(ctx)]) + options(
        [(domains.NONE, _("Geen van deze onderwerpen"))]
    )


def _subjects_saved(ctx: Context) -> None:
    screening.debts_from_subjects(ctx, first_questions=not journey.past_screening(ctx))


def _offer_people(ctx: Context, form) -> None:
    form.members.choices = options(
        (m["id"], member_label(ctx, m)) for m in ctx.members if m.get("given_name")
    )


def _counts_saved(ctx: Context) -> None:
    # the numbers told who lives there: the full intake goes past the overview
    journey.mark_done(ctx, "huishouden")


def _warn_if_in_danger(ctx: Context) -> None:
    if ctx.fact("household.safety.immediate_danger"):
        flash(
            _(
                "U gaf aan dat er nu direct gevaar is. Bel 112. Wij nemen uw aanvraag met "
                "voorrang in behandeling."
            ),
            "warning",
        )


BY_STEP: dict[str, Behaviour] = {
    "snel-huishouden": Behaviour(after_save=_counts_saved),
    "onderwerpen": Behaviour(prepare=_offer_subjects, after_save=_subjects_saved),
    "zorg-voor-wie": Behaviour(prepare=_offer_people),
    "veiligheid": Behaviour(after_save=_warn_if_in_danger),
}


def of(page: Page) -> Behaviour:
    return BY_STEP.get(page.step.id, ORDINARY)
