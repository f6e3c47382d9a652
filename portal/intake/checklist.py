"""A page's yes/no questions as one list: "Wat geldt voor u? Kies alles wat klopt." (issue #13).

Ten radio groups of 'Ja / Nee / Weet ik niet' were most of an older resident's clicks. On a
checklist page each yes/no question is one checkbox (its `item` wording); below a divider the
resident chooses 'Geen van deze' or 'Weet ik niet / zeg ik liever niet'. The page must be
answered on purpose: nothing ticked at all is an error, as on GOV.UK's "select all that apply".

The facts stay three-valued and keep their names, so the intake JSON, the engine and the check
page are unchanged:
- ticked is yes;
- not ticked is no, once something else was ticked or 'Geen van deze' was chosen (the page says
  so: "Wat u niet kiest, telt als nee");
- not ticked with 'Weet ik niet' is unknown (null), as the radio's third option was.
A post with explicit values (`fact=ja`, `fact=nee`, `fact=onbekend`, as the radios sent) is read
as before, so scripts and the front desk's keyboard habits keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.intake_form.fields import NO, UNKNOWN, YES, YesNo

REST = "keuze_rest"  # the name of the 'Geen van deze' / 'Weet ik niet' choice
NONE_OF_THESE = "geen"


def facts(form) -> list:
    """The questions of the page that are asked as checkboxes: its yes/no fields with an
    item wording, in order."""
    return [f for f in form if isinstance(f, YesNo) and getattr(f, "item", None)]


def fill(formdata: MultiDict, names: list[str]) -> MultiDict:
    """The post as the radios would have sent it: every question of the list answered, when
    the resident answered the list at all."""
    filled = MultiDict(formdata)
    rest = formdata.getlist(REST)
    open_ = [n for n in names if not formdata.get(n)]
    if UNKNOWN in rest:
        value = UNKNOWN
    elif NONE_OF_THESE in rest or len(open_) < len(names):
        value = NO
    else:
        return filled  # nothing chosen: the page says so (problem below)
    for name in open_:
        filled[name] = value
    return filled


def problem(formdata: MultiDict, names: list[str]) -> str | None:
    """What is wrong with the list as posted, in the resident's words; None when it is fine."""
    rest = formdata.getlist(REST)
    ticked = [n for n in names if formdata.get(n) == YES]
    if not rest and not any(formdata.get(n) for n in names):
        return _("Kies wat klopt, of kies 'Geen van deze'.")
    if NONE_OF_THESE in rest and (ticked or UNKNOWN in rest):
        return _("U koos 'Geen van deze' en ook iets anders. Kies het een of het ander.")
    if any(value not in (NONE_OF_THESE, UNKNOWN) for value in rest):
        return _("Kies alleen uit de antwoorden die op de pagina staan.")
    return None


@dataclass
class Item:
    field: object
    checked: bool


@dataclass
class Checklist:
    """What the page template draws: the question, its items and the two other choices."""

    id: str
    legend: str
    items: list[Item]
    none_chosen: bool
    unknown_chosen: bool
    error: str | None = None

    @property
    def first_id(self) -> str:
        return f"{self.id}-{self.items[0].field.name}" if self.items else f"{self.id}-geen"


def build(form, legend: str, *, answered: bool, rest: list[str] | None = None) -> Checklist:
    """The list as it stands: ticked what is yes. As posted (`rest`), or, for a page answered
    before, 'Geen van deze' when everything is no and 'Weet ik niet' when something is
    unknown."""
    fields = facts(form)
    values = [f.data for f in fields]
    yes = [v == YES for v in values]
    if rest is not None:
        unknown, none = UNKNOWN in rest, NONE_OF_THESE in rest
    else:
        unknown = answered and any(v in (UNKNOWN, None, "") for v in values)
        none = answered and not unknown and bool(values) and all(v == NO for v in values)
    return Checklist(
        id="keuzelijst",
        legend=legend,
        items=[Item(f, checked) for f, checked in zip(fields, yes, strict=True)],
        none_chosen=none,
        unknown_chosen=unknown,
    )


def said(checklist: Checklist) -> str:
    """The list's answer in one line, for the check page: what is ticked, or 'Geen van deze';
    and what is not known (not answered, or 'Weet ik niet'), by name."""
    ticked = [str(i.field.item) for i in checklist.items if i.checked]
    unknown = [str(i.field.item) for i in checklist.items if i.field.data not in (YES, NO)]
    parts = ["; ".join(ticked)] if ticked else []
    if unknown:
        parts.append(_("Weet ik niet of niet beantwoord: %(items)s", items="; ".join(unknown)))
    elif not ticked:
        parts.append(_("Geen van deze"))
    return ". ".join(parts)
