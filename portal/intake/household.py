"""The household overview: add someone, change or remove someone (after a yes), go on."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.intake import journey, pageforms, store
from portal.intake_form import registry


def overview(ctx, page):
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
                    _keep_the_care_list(ctx)
                    member_id = registry.new_member_id(ctx)
                    ctx.members.append({"id": member_id, "role": "other"})
                    store.save(draft, ctx)
                    return redirect(
                        url_for("intake.step", step_id="persoon", member_id=member_id), code=303
                    )
            elif action == "verwijderen":
                member = ctx.member(request.form.get("persoon", ""))
                if member is None or member.get("role") == "applicant":
                    flash(_("Deze persoon staat niet (meer) in uw huishouden."), "warning")
                elif member.get("given_name") and request.form.get("bevestigd") != "ja":
                    return _confirm_removal(ctx, member, form)
                else:
                    name = _remove(ctx, member)
                    store.save(draft, ctx)
                    flash(_("%(name)s is verwijderd uit uw huishouden.", name=name), "info")
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
    before = ctx.state.get("progress")
    number, total = journey.progress(ctx, page)
    if ctx.state.get("progress") != before and not errors:
        store.save(draft, ctx)
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


def _keep_the_care_list(ctx) -> None:
    """Someone who lived alone was not asked 'for whom are the health questions?': they were
    about them. When a second person joins, that stays the answer (the page can change it)."""
    if ctx.lives_alone() and ctx.chosen("care") and "care_members" not in ctx.state:
        ctx.state["care_members"] = ctx.care_members()
        journey.mark_done(ctx, "zorg-voor-wie")


def _confirm_removal(ctx, member, form):
    """Removing someone also removes their answers: ask first (GOV.UK 'add another')."""
    return render_template(
        "intake/remove.html",
        member=member,
        name=pageforms.member_label(ctx, member),
        form=form,
    )


def _remove(ctx, member: dict) -> str:
    member_id = member["id"]
    ctx.members.remove(member)
    ctx.state["done"] = [k for k in ctx.state.get("done", []) if not k.endswith(f"/{member_id}")]
    ctx.state["care_members"] = [m for m in ctx.state.get("care_members", []) if m != member_id]
    return member.get("given_name") or _("De persoon")
