"""A step (one kind of page) and a page (a step, maybe for one member): which form, and how
its answers go to and from the intake JSON. Pages with their own shape (people, subjects,
consents) carry a `Shape` object with their own load and save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wtforms.fields.core import UnboundField

from portal.intake_form import consents, domains, people, screening
from portal.intake_form.context import Context
from portal.intake_form.fields import DateInput
from portal.intake_form.mapping import from_json, nested, to_json
from portal.intake_form.subjects import offered

SCHEMA_VERSION = "1.0"
MAX_MEMBERS = 20
APPLICANT_ID = "m1"

Member = dict[str, Any]


def field_classes(form_cls: type) -> dict[str, type]:
    """The fields a form class declares, by name, without binding them to a request."""
    return dict(_declared(form_cls))


@cache
def _declared(form_cls: type) -> tuple[tuple[str, type], ...]:
    # A form class does not change once defined; dir() over it was 11 of a submission's
    # 114 ms of CPU (55 calls per export, issue #16's profile), so it is read once per class.
    result = {}
    for name in dir(form_cls):
        value = getattr(form_cls, name, None)
        if isinstance(value, UnboundField) and name != "csrf_token":
            result[name] = value.field_class
    order = {n: getattr(form_cls, n).creation_counter for n in result}
    return tuple(sorted(result.items(), key=lambda item: order[item[0]]))


def _always(ctx: Context) -> bool:
    return True


def _nothing_hidden(ctx: Context, member: Member | None) -> set[str]:
    return set()


def _nothing_to_load(step: Step, ctx: Context, member: Member | None) -> dict:
    return {}


def _nothing_to_save(step: Step, ctx: Context, member: Member | None, data: dict) -> None:
    return None


@dataclass(frozen=True)
class Shape:
    """A page whose answers do not sit one field to one fact under `Step.base`: how it loads
    and saves, and what the rest of the form must know of it."""

    load: Callable[[Step, Context, Member | None], dict] = _nothing_to_load
    save: Callable[[Step, Context, Member | None, dict], None] = _nothing_to_save
    about_a_person: bool = False  # over-u, persoon: a page per person without `members`
    exported_by_people: bool = False  # its answers reach the intake through the people pages
    own_view: bool = False  # drawn by a view of its own (the household overview), no form


@dataclass(frozen=True)
class Step:
    id: str
    form: type
    title: Any  # lazy string: the page heading
    why: Any  # lazy string: which help this question can lead to
    section: Any  # lazy string: heading on the check-answers page
    base: str = ""  # where the fields live: under the intake (household) or under the member
    applies: Callable[[Context], bool] = _always
    members: Callable[[Context, Member], bool] | None = None  # set: one page per member
    hidden: Callable[[Context, Member | None], set[str]] = _nothing_hidden
    not_stored: frozenset[str] = frozenset()  # form-only fields (e.g. 'I do not know my BSN')
    shape: Shape | None = None  # a page with its own shape: its load and save (below)
    extra: dict = field(default_factory=dict)

    @property
    def per_member(self) -> bool:
        return self.members is not None

    @property
    def screening(self) -> bool:
        """One of the first questions, before the first result (portal/intake_form/screening.py)."""
        return bool(self.extra.get("screening"))

    @property
    def checklist(self):
        """The question of a page that asks its yes/no questions as one "Kies alles wat
        klopt" list (portal/intake/checklist.py), or None for one radio group each."""
        return self.extra.get("checklist")

    @property
    def only_first(self) -> bool:
        """A first question whose answers the full intake asks itself when it was skipped;
        the subjects page is not: without it the full intake does not know what to ask."""
        return self.screening and not self.extra.get("kept")

    def fact_key(self, member: Member | None, name: str) -> str:
        """How a question is named in `state['screened']`: 'household.income.x', 'm2.birth_date'."""
        path = f"{self.base}.{name}" if self.base else name
        if member is not None and (self.per_member or (self.shape and self.shape.about_a_person)):
            return f"{member.get('id')}.{path}"
        return path

    def hidden_names(self, ctx: Context, member: Member | None) -> set[str]:
        """Questions left off this page: those that cannot apply, and (on the full intake)
        those the first questions already asked."""
        hidden = set(self.hidden(ctx, member))
        screened = set(ctx.state.get("screened", []))
        if screened and not self.screening:
            hidden |= {n for n in field_classes(self.form) if self.fact_key(member, n) in screened}
        return hidden

    def fields(self, ctx: Context, member: Member | None) -> dict[str, type]:
        hidden = self.hidden_names(ctx, member)
        return {n: c for n, c in field_classes(self.form).items() if n not in hidden}

    # -- between the intake JSON and the form ------------------------------------------------

    def target(self, ctx: Context, member: Member | None, create: bool) -> dict | None:
        root = member if self.per_member else ctx.answers
        if root is None:
            return None
        return nested(root, self.base, create)

    def load(self, ctx: Context, member: Member | None) -> dict:
        if self.shape:
            return self.shape.load(self, ctx, member)
        stored = self.target(ctx, member, create=False) or {}
        return {
            name: from_json(kind, stored, name)
            for name, kind in self.fields(ctx, member).items()
            if name not in self.not_stored
        }

    def save(self, ctx: Context, member: Member | None, data: dict) -> None:
        if self.shape:
            self.shape.save(self, ctx, member, data)
            return
        stored = self.target(ctx, member, create=True)
        assert stored is not None
        for name, kind in self.fields(ctx, member).items():
            if name in self.not_stored or name not in data:
                continue
            stored[name] = to_json(kind, data[name])
            if self.screening:
                _mark_screened(ctx, self.fact_key(member, name))


@dataclass(frozen=True)
class Page:
    step: Step
    member_id: str | None = None

    @property
    def key(self) -> str:
        return f"{self.step.id}/{self.member_id}" if self.member_id else self.step.id


# -- pages with their own shape ----------------------------------------------------------------


def _load_person(step: Step, ctx: Context, member: Member | None) -> dict:
    if member is None:
        return {}
    data = {
        name: from_json(kind, member, name)
        for name, kind in field_classes(step.form).items()
        if name != "bsn_unknown"
    }
    data["bsn_unknown"] = "given_name" in member and not member.get("bsn")
    return data


def _save_person(step: Step, ctx: Context, member: Member | None, data: dict) -> None:
    if member is None:  # the applicant is created by their own page
        member = {"id": APPLICANT_ID, "role": "applicant", "relation": "self"}
        ctx.members.insert(0, member)
    for name, kind in field_classes(step.form).items():
        if name in data and name != "bsn_unknown":
            member[name] = to_json(kind, data[name])
    if member.get("role") != "applicant":
        member["role"] = people.role_for(member.get("relation"))


def _load_subjects(step: Step, ctx: Context, member: Member | None) -> dict:
    if "subjects" not in ctx.state:
        return {"subjects": None}
    chosen = [s for s in ctx.state["subjects"] if s in offered(ctx)]
    return {"subjects": chosen or [domains.NONE]}


def _save_subjects(step: Step, ctx: Context, member: Member | None, data: dict) -> None:
    ctx.state["subjects"] = [s for s in data.get("subjects") or [] if s != domains.NONE]


def _load_care_members(step: Step, ctx: Context, member: Member | None) -> dict:
    if "care_members" not in ctx.state:
        return {"members": None}
    return {"members": [m for m in ctx.state["care_members"] if ctx.member(m)]}


def _save_care_members(step: Step, ctx: Context, member: Member | None, data: dict) -> None:
    ctx.state["care_members"] = list(data.get("members") or [])


def _load_consents(step: Step, ctx: Context, member: Member | None) -> dict:
    given = {c["purpose"]: c for c in ctx.answers.get("consents") or []}
    kinds = step.fields(ctx, member)
    return {p: from_json(kinds[p], given[p], "given") for p in kinds if p in given} | {
        p: None for p in kinds if p not in given
    }


def _save_consents(step: Step, ctx: Context, member: Member | None, data: dict) -> None:
    kinds = step.fields(ctx, member)
    ctx.answers["consents"] = [
        {
            "purpose": purpose,
            "given": to_json(kinds[purpose], data[purpose]),
            "wording": str(consents.PURPOSES[purpose])[:1000],
            "given_by": APPLICANT_ID,
            "given_on": ctx.today.isoformat(),
        }
        for purpose in kinds
        if purpose in data
    ]


def _mark_screened(ctx: Context, key: str) -> None:
    ctx.state["screened"] = sorted(set(ctx.state.get("screened", [])) | {key})


def _load_screen_household(step: Step, ctx: Context, member: Member | None) -> dict:
    return screening.load_counts(ctx)


def _save_screen_household(step: Step, ctx: Context, member: Member | None, data: dict) -> None:
    def new_id(ctx: Context) -> str:
        taken = {m.get("id") for m in ctx.members}
        number = 2
        while f"m{number}" in taken:
            number += 1
        return f"m{number}"

    screening.save_counts(ctx, data, new_id)


def _load_screen_person(step: Step, ctx: Context, member: Member | None) -> dict:
    member = member or {}
    data = {"birth_date": from_json(DateInput, member, "birth_date")}
    if member.get("role") == "partner":
        data["partner"] = screening.YES
    elif member.get("role") == "other" and "birth_date" in member:
        data["partner"] = screening.NO
    return data


def _save_screen_person(step: Step, ctx: Context, member: Member | None, data: dict) -> None:
    if member is None:
        return
    if "birth_date" in data:
        member["birth_date"] = to_json(DateInput, data["birth_date"])
        _mark_screened(ctx, f"{member.get('id')}.birth_date")
    if data.get("partner") == screening.YES:
        member.update(role="partner", relation="partner")
        _mark_screened(ctx, f"{member.get('id')}.relation")
    elif data.get("partner") == screening.NO and member.get("role") == "partner":
        member["role"] = "other"
        member.pop("relation", None)


PERSON = Shape(_load_person, _save_person, about_a_person=True)
HOUSEHOLD_OVERVIEW = Shape(exported_by_people=True, own_view=True)
SUBJECTS = Shape(_load_subjects, _save_subjects)
CARE_MEMBERS = Shape(_load_care_members, _save_care_members)
CONSENTS = Shape(_load_consents, _save_consents)
SCREEN_HOUSEHOLD = Shape(_load_screen_household, _save_screen_household, exported_by_people=True)
SCREEN_PERSON = Shape(_load_screen_person, _save_screen_person, exported_by_people=True)
