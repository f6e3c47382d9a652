"""Every page of the intake, in order: its form, when it applies, and where its answers go in
the intake JSON (forms/intake.schema.json).

A page is a step, or a step for one household member (`gezondheid/m2`). The list of pages is
worked out from the answers each time, so a page that no longer applies (a child removed, 'no
debts' answered) drops out, and its answers are left out of the submitted intake.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.intake_form import consents, domains, people, screening, story
from portal.intake_form.conditions import (
    chosen,
    consents_hidden,
    health_hidden,
    in_care_list,
    not_applicant,
    without_children,
)
from portal.intake_form.context import Context
from portal.intake_form.step import (  # noqa: F401  (the registry is where callers find these)
    APPLICANT_ID,
    CARE_MEMBERS,
    CONSENTS,
    HOUSEHOLD_OVERVIEW,
    MAX_MEMBERS,
    PERSON,
    SCHEMA_VERSION,
    SCREEN_HOUSEHOLD,
    SCREEN_PERSON,
    SUBJECTS,
    Member,
    Page,
    Step,
    field_classes,
)

# -- the pages, in the order of the life domains -----------------------------------------------

HOUSEHOLD = _l("Uw huishouden")
STORY = _l("Uw verhaal")
CONTACT = _l("Adres en contact")
HEALTH = _l("Gezondheid, zelf dingen doen en vervoer")
FIRST = _l("Eerste vragen")
SCREENING = {"screening": True}
# The yes/no questions of a page about one person, asked as one list (issue #13).
CHECKLIST_PERSON = _l("Wat geldt voor %(name)s?")


def _screened_member(ctx: Context, member: dict) -> bool:
    return member.get("id") in screening.members_from_screening(ctx)


# The first questions (issue #13): about ten, then the first result, then the full intake.
SCREENING_STEPS: list[Step] = [
    Step(
        "snel-huishouden",
        screening.HouseholdCountForm,
        _l("Wie wonen er bij u?"),
        _l(
            "Welke hulp past, hangt af van uw leeftijd en van wie er bij u wonen. Namen "
            "vragen wij later."
        ),
        FIRST,
        shape=SCREEN_HOUSEHOLD,
        extra=SCREENING,
    ),
    Step(
        "snel-leeftijd",
        screening.PersonForm,
        _l("Over %(name)s"),
        _l("Met de leeftijd zien wij welke hulp kan passen, bijvoorbeeld voor een kind."),
        FIRST,
        members=_screened_member,
        shape=SCREEN_PERSON,
        hidden=screening.person_hidden,
        extra=SCREENING,
    ),
    Step(
        "snel-geld",
        screening.MoneyForm,
        _l("Geld"),
        _l("Met uw inkomen kijken wij of u bijstand of hulp bij kosten kunt krijgen."),
        FIRST,
        base="household.income",
        extra=SCREENING,
    ),
    Step(
        "snel-wonen",
        screening.HomeForm,
        _l("Wonen"),
        _l("Moet u uit uw huis? Dan moet de gemeente u snel helpen."),
        FIRST,
        base="household.housing",
        extra=SCREENING,
    ),
    Step(
        "snel-veilig",
        screening.SafetyForm,
        _l("Veiligheid thuis"),
        _l(
            "Bent u thuis niet veilig? Dan helpt de gemeente u met voorrang, samen met "
            "Veilig Thuis. Wij gaan voorzichtig met dit antwoord om."
        ),
        FIRST,
        base="household.safety",
        extra=SCREENING,
    ),
    Step(
        "onderwerpen",
        domains.SubjectsForm,
        _l("Waar gaat uw vraag over?"),
        _l(
            "Wij stellen daarna alleen vragen over de onderwerpen die u kiest. Zo hoeft u "
            "niet alles in te vullen."
        ),
        FIRST,
        shape=SUBJECTS,
        extra={"screening": True, "kept": True},
    ),
]

STEPS: list[Step] = [
    *SCREENING_STEPS,
    Step(
        "over-u",
        people.ApplicantForm,
        _l("Over uzelf"),
        _l(
            "Wij moeten weten wie de aanvraag doet. Met uw BSN zien wij of u al hulp krijgt, "
            "zodat u niet alles opnieuw hoeft te vertellen."
        ),
        HOUSEHOLD,
        shape=PERSON,
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
        shape=HOUSEHOLD_OVERVIEW,
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
        members=not_applicant,
        shape=PERSON,
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
        "inkomen",
        domains.IncomeForm,
        _l("Geld en inkomen"),
        _l(
            "Met deze antwoorden kijken wij welke hulp bij geld u kunt krijgen. Bijvoorbeeld "
            "bijstand of hulp bij de kosten van kinderopvang."
        ),
        _l("Geld en inkomen"),
        base="household.income",
        applies=chosen("income"),
        hidden=without_children("childcare_costs_unaffordable"),
        extra={"checklist": _l("Wat geldt ook voor u?")},
    ),
    Step(
        "schulden",
        domains.DebtsForm,
        _l("Schulden"),
        _l("Heeft u schulden? De gemeente kan u helpen. Dat heet schuldhulp."),
        _l("Schulden"),
        base="household.debts",
        # not when the debts subject among the first questions already said so
        applies=lambda ctx: ctx.chosen("debts") and screening.debts_asked(ctx),
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
        extra={"checklist": _l("Wat speelt er nog meer?")},
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
        applies=chosen("housing"),
    ),
    Step(
        "wonen-vertrek",
        domains.LeavingHomeForm,
        _l("Wanneer moet u uit uw huis?"),
        _l("Hoe sneller u uit uw huis moet, hoe sneller de gemeente moet helpen."),
        _l("Wonen"),
        base="household.housing",
        # also when the first questions said so, without the subject 'Wonen'
        applies=lambda ctx: ctx.fact("household.housing.must_leave_home") is True,
    ),
    Step(
        "zorg-voor-wie",
        domains.CareWhoForm,
        _l("Voor wie zijn de vragen over gezondheid?"),
        _l("Wij stellen de vragen over gezondheid alleen over de mensen die u kiest."),
        HEALTH,
        applies=lambda ctx: ctx.chosen("care") and not ctx.lives_alone(),
        shape=CARE_MEMBERS,
    ),
    Step(
        "gezondheid",
        domains.HealthForm,
        _l("Gezondheid van %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar hulp van de Wmo, zoals begeleiding of een alarm. "
            "En of de zorgverzekering of de Wet langdurige zorg beter past."
        ),
        HEALTH,
        base="health",
        applies=chosen("care"),
        members=in_care_list,
        hidden=health_hidden,
        extra={"checklist": CHECKLIST_PERSON, "title_you": _l("Uw gezondheid")},
    ),
    Step(
        "zelfzorg",
        domains.SelfCareForm,
        _l("Zelf dingen doen: %(name)s"),
        _l("Met deze antwoorden kijken wij naar hulp in huis, begeleiding of hulp met geld."),
        HEALTH,
        base="self_care",
        applies=chosen("care"),
        members=in_care_list,
        extra={"checklist": CHECKLIST_PERSON, "title_you": _l("Zelf dingen doen")},
    ),
    Step(
        "vervoer",
        domains.MobilityForm,
        _l("Bewegen en vervoer: %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar hulp zoals een rolstoel, iets in huis dat anders "
            "moet, of vervoer zoals de regiotaxi."
        ),
        HEALTH,
        base="mobility",
        applies=chosen("care"),
        members=in_care_list,
        extra={"checklist": CHECKLIST_PERSON, "title_you": _l("Bewegen en vervoer")},
    ),
    Step(
        "opvoeden",
        domains.ParentingForm,
        _l("Opvoeden"),
        _l(
            "Met deze antwoorden kijken wij of hulp bij het opvoeden kan helpen. Of hulp voor uw "
            "kind, of kinderopvang."
        ),
        _l("Opvoeden en opgroeien"),
        base="household.parenting",
        applies=chosen("parenting"),
        extra={"checklist": _l("Wat geldt voor u?")},
    ),
    Step(
        "opgroeien",
        domains.GrowingUpForm,
        _l("Opgroeien: %(name)s"),
        _l("Met deze antwoorden kijken wij of jeugdhulp kan helpen (Jeugdwet)."),
        _l("Opvoeden en opgroeien"),
        base="growing_up",
        applies=chosen("parenting"),
        members=lambda ctx, member: ctx.is_child(member),
        extra={"checklist": CHECKLIST_PERSON},
    ),
    Step(
        "school",
        domains.SchoolForm,
        _l("School: %(name)s"),
        _l(
            "Met deze antwoorden kijken wij naar vervoer naar school. En naar hulp van de "
            "leerplicht als een kind school mist."
        ),
        _l("School"),
        base="school",
        applies=chosen("school"),
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
        applies=chosen("work"),
        members=lambda ctx, member: ctx.is_working_age(member),
        extra={"title_you": _l("Uw werk en dagbesteding")},
    ),
    Step(
        "netwerk",
        domains.NetworkForm,
        _l("Mensen om u heen"),
        _l(
            "Met deze antwoorden kijken wij naar activiteiten in de buurt. En of u gratis hulp "
            "wilt bij gesprekken met de gemeente."
        ),
        _l("Mensen om u heen en mantelzorg"),
        base="household.network",
        applies=chosen("network"),
        extra={"checklist": _l("Wat geldt voor u?")},
    ),
    Step(
        "mantelzorg",
        domains.InformalCareForm,
        _l("Mantelzorg: %(name)s"),
        _l("Zorgt u voor iemand? Dan kan de gemeente u ontlasten, bijvoorbeeld met respijtzorg."),
        _l("Mensen om u heen en mantelzorg"),
        base="informal_care",
        applies=chosen("network"),
        members=lambda ctx, member: ctx.is_working_age(member),
        extra={
            "checklist": CHECKLIST_PERSON,
            "title_you": _l("Zorgen voor een ander (mantelzorg)"),
        },
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
        # also when the first questions said home is not safe, without the subject
        applies=lambda ctx: (
            ctx.chosen("safety") or ctx.fact("household.safety.feels_unsafe_at_home") is True
        ),
        hidden=without_children("child_unsafe"),
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
        shape=CONSENTS,
        hidden=consents_hidden,
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
        "care_members": ctx.care_members(),
        "screened": list(ctx.state.get("screened", [])),
    }
    for page in pages(ctx):
        step = page.step
        # people are exported by their own pages (over-u, persoon), which read every answer
        if step.shape and step.shape.exported_by_people:
            continue
        if step.only_first and page.key not in ctx.state.get("done", []):
            continue  # a first question skipped: the full pages asked it
        source = ctx.member(page.member_id) if page.member_id else None
        if step.shape is PERSON and page.member_id:
            target = {"id": page.member_id}
            fresh.members.append(target)
        elif step.shape is PERSON:
            target = None
        else:
            target = fresh.member(page.member_id) if page.member_id else None
        if step.id == "over-u":
            source = ctx.applicant
        step.save(fresh, target, step.load(ctx, source))
    screening.apply_subjects(fresh)
    return fresh.answers
