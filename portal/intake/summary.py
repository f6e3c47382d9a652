"""The answers as rows (question, answer, change link), grouped per part of the form: for the
check-answers page and the printable summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField

from portal.intake import checklist, journey, pageforms
from portal.intake_form import registry
from portal.intake_form.context import Context
from portal.intake_form.fields import DateInput, Number, choice_labels

# Left out of the printable summary when the home is unsafe: the safety answers, and the
# resident's own words, which may tell the same story.
SENSITIVE_STEPS = {"veiligheid", "vraag", "doel", "wat-al-gebeurt"}


@dataclass
class Row:
    question: str
    answer: str
    change_url: str
    field_id: str


@dataclass
class Section:
    title: str
    heading: str
    rows: list[Row]


def sections(ctx: Context, *, hide_sensitive: bool = False) -> list[Section]:
    result: list[Section] = []
    for page in registry.pages(ctx):
        if page.step.shape and page.step.shape.own_view:
            continue
        if page.step.only_first and page.key not in journey.done(ctx):
            continue  # a first question that was skipped: the full pages asked it
        if hide_sensitive and page.step.id in SENSITIVE_STEPS:
            continue
        form = pageforms.build(ctx, page, from_request=False)
        change = journey.page_url(page, back=journey.BACK_TO_CHECK)
        rows = [
            Row(str(field.label.text), display(field), f"{change}#{field.id}", field.id)
            for field in pageforms.single_fields(form)
            if field.name != "bsn_unknown"
        ]
        if form.checklist is not None and form.checklist.items:
            listed = form.checklist
            rows.append(
                Row(listed.legend, checklist.said(listed), f"{change}#{listed.id}", listed.id)
            )
        heading = pageforms.title(ctx, page)
        result.append(Section(str(page.step.section), heading, rows))
    return result


def display(field) -> str:
    value = field.data
    if isinstance(field, DateInput):
        return format_date(value, "long") if isinstance(value, date) else _("Niet ingevuld")
    if isinstance(field, SelectMultipleField):
        labels = choice_labels(field)
        return ", ".join(str(labels.get(v, v)) for v in value or []) or _("Niets gekozen")
    if isinstance(field, RadioField | SelectField):
        if value in (None, ""):
            return _("Niet beantwoord")
        return str(choice_labels(field).get(value, value))
    if isinstance(field, BooleanField):
        return _("Ja") if value else _("Nee")
    if isinstance(field, Number):
        return field.raw or _("Niet ingevuld (weet ik niet)")
    if field.name == "bsn" and not value:
        return _("Niet ingevuld")
    return str(value) if value not in (None, "") else _("Niet ingevuld")
