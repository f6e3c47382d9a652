"""Build the form for one page: drop questions that do not apply, fill in the person's name,
offer only the choices that fit this household."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import Field

from portal.intake import behaviours, checklist, journey
from portal.intake_form import screening
from portal.intake_form.context import Context
from portal.intake_form.registry import Page
from portal.intake_form.screening import member_label  # noqa: F401  (pages and templates use it here)


def person_name(ctx: Context, member: dict | None) -> str:
    if member is None or member.get("role") == "applicant":
        return _("u")
    return member.get("given_name") or screening.label(ctx, member)


def title(ctx: Context, page: Page) -> str:
    member = ctx.member(page.member_id) if page.member_id else None
    text = str(page.step.title)
    if _is_you(member) and "title_you" in page.step.extra:
        return str(page.step.extra["title_you"])
    if page.step.id == "persoon" and member and member.get("given_name"):
        return _("Over %(name)s", name=member["given_name"])
    return text.replace("%(name)s", _("uzelf") if _is_you(member) else person_name(ctx, member))


def _is_you(member: dict | None) -> bool:
    return member is not None and member.get("role") == "applicant"


def member_of(ctx: Context, page: Page) -> dict | None:
    if page.step.id == "over-u":
        return ctx.applicant
    return ctx.member(page.member_id) if page.member_id else None


def build(ctx: Context, page: Page, *, from_request: bool = True, data: dict | None = None):
    """The form for `page`. With `from_request` the posted data is read (and CSRF checked);
    otherwise it shows what is stored (the check page)."""
    member = member_of(ctx, page)
    stored = page.step.load(ctx, member) if data is None else data
    kwargs: dict[str, Any] = {"data": stored}
    if not from_request:
        kwargs.update(formdata=None, meta={"csrf": False})
    form = page.step.form(**kwargs)
    for name in page.step.hidden_names(ctx, member):
        if name in form:
            del form[name]
    form.known_member = member  # what a question left off (asked before) would have said
    behaviours.of(page).prepare(ctx, form)
    name = person_name(ctx, member)
    form.checklist = None
    if page.step.checklist:
        _as_checklist(ctx, page, form, posted=from_request and request.method == "POST")
    for field in form:
        _personalise(field, name)
    if form.checklist is not None:
        form.checklist.legend = str(form.checklist.legend).replace("%(name)s", name)
    return form


def _as_checklist(ctx: Context, page: Page, form, *, posted: bool) -> None:
    """The page's yes/no questions as one 'Kies alles wat klopt' list (portal/intake/checklist)."""
    names = [f.name for f in checklist.facts(form)]
    rest = None
    if posted:
        form.checklist_problem = checklist.problem(request.form, names)
        form.process(formdata=checklist.fill(request.form, names))
        rest = request.form.getlist(checklist.REST)
    form.checklist = checklist.build(
        form, page.step.checklist, answered=page.key in journey.done(ctx), rest=rest
    )


def validate(form) -> bool:
    """The form's own checks, and for a checklist page one message for the list instead of
    'Kies een antwoord' under every line of it."""
    valid = form.validate()
    problem = getattr(form, "checklist_problem", None)
    if form.checklist is not None and problem:
        for item in form.checklist.items:
            item.field.errors = []
        form.checklist.error = problem
        return False
    return valid


def _personalise(field: Field, name: str) -> None:
    text = str(field.label.text)
    if "%(name)s" in text:
        field.label.text = text.replace("%(name)s", name)
    # A number that could not be read was refused while the form was built, with the label as
    # it was then: put the name in those messages too (issue #14: "%(name)s" on the page).
    field.process_errors = [
        e.replace("%(name)s", name) if isinstance(e, str) else e for e in field.process_errors
    ]


def posted_data(form) -> dict:
    return {f.name: f.data for f in form if f.name != "csrf_token"}


def visible_fields(form) -> list[Field]:
    return [f for f in form if f.name != "csrf_token" and f.type != "CSRFTokenField"]


def single_fields(form) -> list[Field]:
    """The questions drawn one by one: all but those in the page's checklist."""
    listed = {i.field.name for i in form.checklist.items} if form.checklist else set()
    return [f for f in visible_fields(form) if f.name not in listed]


def anchor(field) -> str:
    """Where an error-summary link jumps to: the first input of the question."""
    if field.type in ("Choice", "YesNo", "RadioField", "MultiCheckbox"):
        return f"{field.id}-0"
    if field.type == "DateInput":
        empty = [part for part in field.PARTS if not field.parts[part]]
        return f"{field.name}-{empty[0] if empty else 'day'}"
    return field.id


def error_items(fields) -> list[tuple[str, str]]:
    return [(anchor(f), f.errors[0]) for f in fields if f.errors]


def page_errors(form) -> list[tuple[str, str]]:
    """The error summary of an intake page, the checklist's problem included."""
    items = error_items(single_fields(form))
    if form.checklist is not None and form.checklist.error:
        items.append((form.checklist.first_id, form.checklist.error))
    return items


class ButtonForm(FlaskForm):
    """A form with only a button (and the CSRF token)."""
