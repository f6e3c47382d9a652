"""One page of the form: show it, check it, save it, go on."""

from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, render_template, request
from flask_babel import gettext as _

from portal.i18n import remember_language, switched_language
from portal.intake import behaviours, household, journey, pageforms, people_checks, store, why
from portal.intake.access import with_open_draft
from portal.intake.views import bp
from portal.intake_form import registry


@bp.route("/stap/<step_id>", methods=["GET", "POST"])
@bp.route("/stap/<step_id>/<member_id>", methods=["GET", "POST"])
@with_open_draft
def step(step_id: str, member_id: str | None = None):
    draft = g.draft
    ctx = store.context(draft)
    back = request.args.get("terug")
    if back not in (journey.BACK_TO_CHECK, journey.BACK_TO_HOUSEHOLD):
        back = None
    page = registry.find_page(ctx, step_id, member_id)
    if page is None:
        return _not_applicable(ctx, step_id, member_id)
    if page.step.shape and page.step.shape.own_view:
        return household.overview(ctx, page)
    form = pageforms.build(ctx, page)
    switched = switched_language()
    if switched:
        # The language switch posted this page: show it again in the new language with
        # everything typed so far, unchecked and unsaved (docs/languages.md).
        html, _status = _render(ctx, page, form, back)
        return remember_language(make_response(html, 200), switched)
    if (
        request.method == "POST"
        and pageforms.validate(form)
        and not people_checks.conflicts(ctx, page, form)
    ):
        page.step.save(ctx, pageforms.member_of(ctx, page), pageforms.posted_data(form))
        journey.mark_done(ctx, page.key)
        behaviours.of(page).after_save(ctx)
        if not page.step.screening:
            journey.leave_screening(ctx)
        store.save(draft, ctx)
        return redirect(journey.next_url(ctx, page, back), code=303)
    return _render(ctx, page, form, back)


def _render(ctx, page, form, back, **extra):
    before = ctx.state.get("progress")
    number, total = journey.progress(ctx, page)
    failed = bool(pageforms.page_errors(form))
    if ctx.state.get("progress") != before and not failed:
        store.save(g.draft, ctx)  # the total shown is remembered: it never grows
    status = 400 if failed else 200
    return (
        render_template(
            "intake/step.html",
            page=page,
            form=form,
            fields=pageforms.single_fields(form),
            checklist=form.checklist,
            error_list=pageforms.page_errors(form),
            heading=pageforms.title(ctx, page),
            number=number,
            total=total,
            part=journey.part(ctx, page),
            back_url=journey.previous_url(ctx, page, back),
            leads_to=why.leads_to(page, [f.name for f in pageforms.visible_fields(form)]),
            language_switch_form="step-form",
            **extra,
        ),
        status,
    )


def _not_applicable(ctx, step_id: str, member_id: str | None):
    """A link to a page that does not (or no longer) apply: say so, and go on where it fits."""
    if step_id not in registry.STEPS_BY_ID:
        abort(404)
    if member_id and ctx.member(member_id) is None:
        flash(_("Deze persoon staat niet (meer) in uw huishouden."), "warning")
    else:
        flash(
            _("Deze vraag geldt niet voor uw huishouden. U gaat verder waar u was."),
            "warning",
        )
    return redirect(journey.resume_url(ctx), code=303)
