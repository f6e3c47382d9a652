"""Every page of the intake, in order: its form, when it applies, and where its answers go in
the intake JSON (forms/intake.schema.json).

A page is a step, or a step for one household member (`health/m2`). The list of pages is
worked out from the answers each time, so a page that no longer applies (a child removed, 'no
debts' answered) drops out, and its answers are left out of the submitted intake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.fields.core import UnboundField

from forms.steps import consents, domains, people, story
from forms.steps.context import Context
from forms.steps.mapping import from_json, nested, to_json
from forms.steps.subjects import offered

SCHEMA_VERSION = "1.0"
MAX_MEMBERS = 20
APPLICANT_ID = "m1"

Member = dict[str, Any]


def field_classes(form_cls: type) -> dict[str, type]:
    """The fields a form class declares, by name, without binding them to a request."""
    result = {}
    for name in dir(form_cls):
        value = getattr(form_cls, name, None)
        if isinstance(value, UnboundField) and name != "csrf_token":
            result[name] = value.field_class
    order = {n: getattr(form_cls, n).creation_counter for n in result}
    return dict(sorted(result.items(), key=lambda item: order[item[0]]))


def _always(ctx: Context) -> bool:
    return True


def _nothing_hidden(ctx: Context, member: Member | None) -> set[str]:
    return set()


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
    custom: str | None = None  # name of a load/save pair below for pages with their own shape
    extra: dict = field(default_factory=dict)

    @property
    def per_member(self) -> bool:
        return self.members is not None

    def fields(self, ctx: Context, member: Member | None) -> dict[str, type]:
        hidden = self.hidden(ctx, member)
        return {n: c for n, c in field_classes(self.form).items() if n not in hidden}

    # -- between the intake JSON and the form ------------------------------------------------

    def target(self, ctx: Context, member: Member | None, create: bool) -> dict | None:
        root = member if self.per_member else ctx.answers
        if root is None:
            return None
        return nested(root, self.base, create)

    def load(self, ctx: Context, member: Member | None) -> dict:
        if self.custom:
            return CUSTOM[self.custom][0](self, ctx, member)
        stored = self.target(ctx, member, create=False) or {}
        return {
            name: from_json(kind, stored, name)
            for name, kind in self.fields(ctx, member).items()
            if name not in self.not_stored
        }

    def save(self, ctx: Context, member: Member | None, data: dict) -> None:
        if self.custom:
            CUSTOM[self.custom][1](self, ctx, member, data)
            return
        stored = self.target(ctx, member, create=True)
        assert stored is not None
        for name, kind in self.fields(ctx, member).items():
            if name in self.not_stored or name not in data:
                continue
            stored[name] = to_json(kind, data[name])


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


CUSTOM = {
    "person": (_load_person, _save_person),
    "subjects": (_load_subjects, _save_subjects),
    "care_members": (_load_care_members, _save_care_members),
    "consents": (_load_consents, _save_consents),
}


# -- conditions ----------------------------------------------------------------------------------


def _chosen(subject: str) -> Callable[[Context], bool]:
    return lambda ctx: ctx.chosen(subject)


def _not_applicant(ctx: Context, member: Member) -> bool:
    return member.get("role") != "applicant"


def _in_care_list(ctx: Context, member: Member) -> bool:
    return member.get("id") in ctx.state.get("care_members", [])


def _health_hidden(ctx: Context, member: Member | None) -> set[str]:
    if member is None or ctx.is_child(member) or not ctx.has_children():
        return {"unable_to_care_for_children"}
    return set()


def _without_children(*names: str) -> Callable[[Context, Member | None], set[str]]:
    return lambda ctx, member: set() if ctx.has_children() else set(names)


def _consents_hidden(ctx: Context, member: Member | None) -> set[str]:
    hidden = set()
    if not ctx.chosen("school"):
        hidden.add("share_with_school")
    if not ctx.chosen("work"):
        hidden.add("share_with_uwv")
    if not (ctx.chosen("care") or ctx.chosen("debts")):
        hidden.add("share_with_health_insurer")
    return hidden


# -- the pages, in the order of the life domains -----------------------------------------------

HOUSEHOLD = _l("Uw huishouden")
STORY = _l("Uw verhaal")
CONTACT = _l("Adres en contact")
HEALTH = _l("Gezondheid, zelf dingen doen en vervoer")

STEPS: list[Step] = [
    Step(
        "over-u",
        people.ApplicantForm,
        _l("Over uzelf"),
        _l(
            "Wij moeten weten wie de aanvraag doet. Met uw BSN zien wij of u al hulp krijgt, "
            "zodat u niet alles opnieuw hoeft te vertellen."
        ),
        HOUSEHOLD,
        custom="person",
    ),
    Step(
        "huishouden",
        people.HouseholdForm,
        _l("Wie horen bij uw huishouden?"),
        _l(
            "Hulp van de gemeente hangt vaak af van wie er bij u woont. Zo kijken wij naar "
            "hulp voor iedereen in uw huishouden, bijvoorbeeld ook voor uw kinderen."
        ),
        HOUSEHOLD,
        custom="household",
    ),
    Step(
        "persoon",
        people.MemberForm,
        _l("Over een persoon in uw huishouden"),
        _l(
            "Met de geboortedatum zien wij welke hulp kan passen, bijvoorbeeld jeugdhulp voor "
            "een kind of hulp bij school. Een BSN is niet nodig voor kinderen."
        ),
        HOUSEHOLD,
        members=_not_applicant,
        custom="person",
    ),
    Step(
        "vraag",
        story.QuestionForm,
        _l("Uw vraag"),
        _l("Uw vraag in uw eigen woorden helpt ons te begrijpen wat er echt nodig is."),
        STORY,
        base="story",
    ),
    Step(
        "doel",
        story.GoalsForm,
        _l("Wat wilt u bereiken?"),
        _l("Wat u wilt bereiken, zetten wij als doel in uw ondersteuningsplan."),
        STORY,
        base="story",
    ),
    Step(
        "wat-al-gebeurt",
        story.EffortsForm,
        _l("Wat gebeurt er al?"),
        _l(
            "De gemeente kijkt eerst wat u zelf en mensen om u heen kunnen doen. Dat staat zo "
            "in de wet (Wmo 2015). Zo krijgt u hulp die past bij wat er al is."
        ),
        STORY,
        base="story",
    ),
    Step(
        "adres",
        story.AddressForm,
        _l("Uw adres"),
        _l(
            "De gemeente helpt mensen die in de gemeente wonen. Heeft u geen vast adres? Dan "
            "kunt u toch hulp krijgen, bijvoorbeeld opvang."
        ),
        CONTACT,
        base="address",
    ),
    Step(
        "contact",
        story.ContactForm,
        _l("Hoe kunnen wij u bereiken?"),
        _l("Uw contactpersoon neemt contact met u op. Wij doen dat alleen op een veilige manier."),
        CONTACT,
        base="contact",
    ),
    Step(
        "taal",
        story.LanguageForm,
        _l("Taal"),
        _l("Zo kunnen wij een gesprek in uw taal of met een tolk regelen."),
        CONTACT,
        base="language",
    ),
    Step(
        "onderwerpen",
        domains.SubjectsForm,
        _l("Waar gaat uw vraag over?"),
        _l(
            "Wij stellen daarna alleen vragen over de onderwerpen die u kiest. Zo hoeft u "
            "niet alles in te vullen."
        ),
        _l("Onderwerpen"),
        custom="subjects",
    ),
    Step(
        "inkomen",
        domains.IncomeForm,
        _l("Geld en inkomen"),
        _l(
            "Met deze antwoorden kijken wij of u bijstand, bijzondere bijstand, een "
            "individuele inkomenstoeslag of hulp bij kosten van kinderopvang kunt krijgen."
        ),
        _l("Geld en inkomen"),
        base="household.income",
        applies=_chosen("income"),
        hidden=_without_children("childcare_costs_unaffordable"),
    ),
    Step(
        "schulden",
        domains.DebtsForm,
        _l("Schulden"),
        _l("Met schulden kan de gemeente u helpen: dat heet schuldhulpverlening."),
        _l("Schulden"),
        base="household.debts",
        applies=_chosen("debts"),
    ),
    Step(
        "schulden-details",
        domains.DebtDetailsForm,
        _l("Meer over uw schulden"),
        _l(
            "Moet u uit uw huis, of wordt uw energie afgesloten? Dan moet de gemeente u "
            "binnen 3 werkdagen helpen. Daarom vragen wij dit."
        ),
        _l("Schulden"),
        base="household.debts",
        applies=lambda ctx: ctx.chosen("debts") and ctx.fact("household.debts.has_debts") is True,
    ),
    Step(
        "wonen",
        domains.HousingForm,
        _l("Wonen"),
        _l(
            "Met deze antwoorden kijken wij naar hulp bij een aanpassing in huis, opvang als "
            "u geen woning heeft, of hulp als u uw huis uit moet."
        ),
        _l("Wonen"),
        base="household.housing",
        applies=_chosen("housing"),
    ),
    Step(
        "wonen-vertrek",
        domains.LeavingHomeForm,
        _l("Wanneer moet u uit uw huis?"),
        _l("Hoe sneller u uit uw huis moet, hoe sneller de gemeente moet helpen."),
        _l("Wonen"),
        base="household.housing",
        applies=lambda ctx: (
            ctx.chosen("housing") and ctx.fact("household.housing.must_leave_home") is True
        ),
    ),
    Step(
        "zorg-voor-wie",
        domains.CareWhoForm,
        _l("Voor wie zijn de vragen over gezondheid?"),
        _l("Wij stellen de vragen over gezondheid alleen over de mensen die u kiest."),
        HEALTH,
        applies=_chosen("care"),
        custom="care_members",
    ),
    Step(
        "gezondheid",
        domains.HealthForm,
        _l("Gezondheid van %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar hulp via de Wmo, zoals begeleiding of een "
            "alarm, en of de zorgverzekering of de Wet langdurige zorg beter past."
        ),
        HEALTH,
        base="health",
        applies=_chosen("care"),
        members=_in_care_list,
        hidden=_health_hidden,
        extra={"title_you": _l("Uw gezondheid")},
    ),
    Step(
        "zelfzorg",
        domains.SelfCareForm,
        _l("Zelf dingen doen: %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar hulp bij het huishouden, begeleiding of hulp "
            "bij geldzaken."
        ),
        HEALTH,
        base="self_care",
        applies=_chosen("care"),
        members=_in_care_list,
        extra={"title_you": _l("Zelf dingen doen")},
    ),
    Step(
        "vervoer",
        domains.MobilityForm,
        _l("Bewegen en vervoer: %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar een hulpmiddel zoals een rolstoel, een "
            "aanpassing in huis of vervoer, zoals de regiotaxi."
        ),
        HEALTH,
        base="mobility",
        applies=_chosen("care"),
        members=_in_care_list,
        extra={"title_you": _l("Bewegen en vervoer")},
    ),
    Step(
        "opvoeden",
        domains.ParentingForm,
        _l("Opvoeden"),
        _l(
            "Met deze antwoorden kijken wij naar opvoedhulp of jeugdhulp, en of kinderopvang "
            "om sociale redenen kan."
        ),
        _l("Opvoeden en opgroeien"),
        base="household.parenting",
        applies=_chosen("parenting"),
    ),
    Step(
        "opgroeien",
        domains.GrowingUpForm,
        _l("Opgroeien: %(name)s"),
        _l("Met deze antwoorden kijken wij of jeugdhulp kan helpen (Jeugdwet)."),
        _l("Opvoeden en opgroeien"),
        base="growing_up",
        applies=_chosen("parenting"),
        members=lambda ctx, member: ctx.is_child(member),
    ),
    Step(
        "school",
        domains.SchoolForm,
        _l("School: %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar leerlingenvervoer en naar hulp van de "
            "leerplichtambtenaar als een kind school mist."
        ),
        _l("School"),
        base="school",
        applies=_chosen("school"),
        members=lambda ctx, member: ctx.is_school_age(member),
    ),
    Step(
        "werk",
        domains.WorkForm,
        _l("Werk en dagbesteding: %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar hulp bij werk zoeken, dagbesteding, of dat "
            "het UWV u beter kan helpen."
        ),
        _l("Werk en dagbesteding"),
        base="work",
        applies=_chosen("work"),
        members=lambda ctx, member: ctx.is_working_age(member),
        extra={"title_you": _l("Uw werk en dagbesteding")},
    ),
    Step(
        "netwerk",
        domains.NetworkForm,
        _l("Mensen om u heen"),
        _l(
            "Met deze antwoorden kijken wij naar activiteiten in de buurt en of u een gratis "
            "cliëntondersteuner wilt."
        ),
        _l("Mensen om u heen en mantelzorg"),
        base="household.network",
        applies=_chosen("network"),
    ),
    Step(
        "mantelzorg",
        domains.InformalCareForm,
        _l("Mantelzorg: %(name)s"),
        _l("Zorgt u voor iemand? Dan kan de gemeente u ontlasten, bijvoorbeeld met respijtzorg."),
        _l("Mensen om u heen en mantelzorg"),
        base="informal_care",
        applies=_chosen("network"),
        members=lambda ctx, member: ctx.is_working_age(member),
        extra={"title_you": _l("Zorgen voor een ander (mantelzorg)")},
    ),
    Step(
        "veiligheid",
        domains.SafetyForm,
        _l("Veiligheid thuis"),
        _l(
            "Bent u of is iemand thuis niet veilig? Dan helpt de gemeente u met voorrang, "
            "samen met Veilig Thuis. Wij gaan voorzichtig met deze antwoorden om."
        ),
        _l("Veiligheid thuis"),
        base="household.safety",
        applies=_chosen("safety"),
        hidden=_without_children("child_unsafe"),
    ),
    Step(
        "toestemming",
        consents.ConsentsForm,
        _l("Toestemming om gegevens te delen"),
        _l(
            "Wij vragen per doel of u het goed vindt. Zonder toestemming kunnen wij soms minder "
            "snel helpen, maar u krijgt altijd een antwoord op uw vraag."
        ),
        _l("Toestemming"),
        custom="consents",
        hidden=_consents_hidden,
    ),
]

STEPS_BY_ID = {step.id: step for step in STEPS}


def pages(ctx: Context) -> list[Page]:
    """The pages that apply to this household now, in order."""
    result: list[Page] = []
    for step in STEPS:
        if not step.applies(ctx):
            continue
        if step.per_member:
            assert step.members is not None
            result.extend(
                Page(step, m["id"]) for m in ctx.members if m.get("id") and step.members(ctx, m)
            )
        else:
            result.append(Page(step))
    return result


def find_page(ctx: Context, step_id: str, member_id: str | None) -> Page | None:
    """The page, if it applies to this household now (None for a tampered or stale link)."""
    key = f"{step_id}/{member_id}" if member_id else step_id
    return next((page for page in pages(ctx) if page.key == key), None)


def new_member_id(ctx: Context) -> str:
    taken = {m.get("id") for m in ctx.members}
    number = 2
    while f"m{number}" in taken:
        number += 1
    return f"m{number}"


def export(ctx: Context) -> dict:
    """The intake as submitted: only answers from pages that apply now, in contract shape."""
    fresh = Context(answers={"schema_version": SCHEMA_VERSION, "members": []}, today=ctx.today)
    fresh.state = {
        "subjects": list(ctx.state.get("subjects", [])),
        "care_members": list(ctx.state.get("care_members", [])),
    }
    for page in pages(ctx):
        step = page.step
        if step.custom == "household":
            continue
        source = ctx.member(page.member_id) if page.member_id else None
        if step.custom == "person" and page.member_id:
            target = {"id": page.member_id}
            fresh.members.append(target)
        elif step.custom == "person":
            target = None
        else:
            target = fresh.member(page.member_id) if page.member_id else None
        if step.id == "over-u":
            source = ctx.applicant
        step.save(fresh, target, step.load(ctx, source))
    return fresh.answers
