"""One page of the form: show it, check it, save it, go on. Plus the household overview."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forms.steps import registry
from portal.intake import bp, journey, pageforms, people_checks, store
from portal.intake.access import with_open_draft


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
    if page.step.custom == "household":
        return _household(ctx, page)
    form = pageforms.build(ctx, page)
    if (
        request.method == "POST"
        and form.validate()
        and not people_checks.conflicts(ctx, page, form)
    ):
        page.step.save(ctx, pageforms.member_of(ctx, page), pageforms.posted_data(form))
        journey.mark_done(ctx, page.key)
        store.save(draft, ctx)
        return redirect(journey.next_url(ctx, page, back), code=303)
    return _render(ctx, page, form, back)


def _render(ctx, page, form, back, **extra):
    number, total = journey.progress(ctx, page)
    status = 400 if form.errors else 200
    return (
        render_template(
            "intake/step.html",
            page=page,
            form=form,
            fields=pageforms.visible_fields(form),
            error_list=pageforms.error_items(pageforms.visible_fields(form)),
            heading=pageforms.title(ctx, page),
            number=number,
            total=total,
            back_url=journey.previous_url(ctx, page, back),
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


def _household(ctx, page):
    """The members overview: add someone, change or remove someone, or go on."""
    draft = g.draft
    errors: list[str] = []
    if request.method == "POST":
        form = page.step.form()
        if form.validate():  # only the CSRF token
            action = request.form.get("actie")
            if action == "toevoegen":
                if len(ctx.members) >= registry.MAX_MEMBERS:
                    errors.append(
                        _(
                            "U kunt niet meer dan %(max)s personen opgeven. Vertel over de "
                            "anderen bij uw vraag.",
                            max=registry.MAX_MEMBERS,
                        )
                    )
                else:
                    member_id = registry.new_member_id(ctx)
                    ctx.members.append({"id": member_id, "role": "other"})
                    store.save(draft, ctx)
                    return redirect(
                        url_for("intake.step", step_id="persoon", member_id=member_id), code=303
                    )
            elif action == "verwijderen":
                removed = _remove(ctx, request.form.get("persoon", ""))
                if removed is None:
                    flash(_("Deze persoon staat niet (meer) in uw huishouden."), "warning")
                else:
                    store.save(draft, ctx)
                    flash(_("%(name)s is verwijderd uit uw huishouden.", name=removed), "info")
                return redirect(url_for("intake.step", step_id="huishouden"), code=303)
            elif action == "verder":
                unfinished = [
                    m
                    for m in ctx.members
                    if m.get("role") != "applicant" and not m.get("given_name")
                ]
                if unfinished:
                    errors.append(_("Vul eerst de gegevens in van iedereen die u toevoegde."))
                else:
                    journey.mark_done(ctx, page.key)
                    store.save(draft, ctx)
                    back = request.args.get("terug")
                    return redirect(journey.next_url(ctx, page, back), code=303)
            else:
                errors.append(_("Kies wat u wilt doen: iemand toevoegen, of verder gaan."))
    number, total = journey.progress(ctx, page)
    return (
        render_template(
            "intake/household.html",
            page=page,
            form=page.step.form(),
            members=[m for m in ctx.members if m.get("role") != "applicant"],
            applicant=ctx.applicant,
            ctx=ctx,
            error_list=[(None, message) for message in errors],
            number=number,
            total=total,
            heading=pageforms.title(ctx, page),
            back_url=journey.previous_url(ctx, page, None),
            member_label=pageforms.member_label,
            max_members=registry.MAX_MEMBERS,
        ),
        400 if errors else 200,
    )


def _remove(ctx, member_id: str) -> str | None:
    member = ctx.member(member_id)
    if member is None or member.get("role") == "applicant":
        return None
    ctx.members.remove(member)
    ctx.state["done"] = [k for k in ctx.state.get("done", []) if not k.endswith(f"/{member_id}")]
    ctx.state["care_members"] = [m for m in ctx.state.get("care_members", []) if m != member_id]
    return member.get("given_name") or _("De persoon")
