"""The first questions (issue #13, 'screening first'): about ten questions on the household,
ages, money, home and safety, and the subjects, that lead to a first result before the full
intake. The answers go into the same draft, in contract shape, and the full intake does not
ask them again (`screened_keys`, `Step.hidden_names`).

The household is asked as numbers (a partner, how many children, how many other adults) and
then one birth date per person; names, BSNs and relations follow in the full intake."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.intake_form.context import Context
from portal.intake_form.fields import Choice, DateInput, Number, YesNo

MAX_COUNTED = 12  # children or other adults on the first page; more can be added later
YES, NO = "ja", "nee"


class HouseholdCountForm(FlaskForm):
    birth_date = DateInput(
        _l("Uw geboortedatum"),
        description=_l("Bijvoorbeeld: 27 3 1985"),
        render_kw={"autocomplete": "bday"},
    )
    adults = Number(
        _l("Hoeveel andere volwassenen wonen bij u?"),
        required=True,
        whole=True,
        maximum=MAX_COUNTED,
        description=_l(
            "Uw partner, een volwassen kind, een ouder of een huisgenoot. Tel uzelf niet mee. "
            "Vul 0 in als er geen andere volwassenen bij u wonen."
        ),
    )
    children = Number(
        _l("Hoeveel kinderen jonger dan 18 wonen bij u?"),
        required=True,
        whole=True,
        maximum=MAX_COUNTED,
        description=_l("Vul 0 in als er geen kinderen bij u wonen."),
    )


class PersonForm(FlaskForm):
    birth_date = DateInput(
        _l("Geboortedatum van %(name)s"),
        description=_l("Bijvoorbeeld: 27 3 2015"),
    )
    partner = Choice(
        _l("Is dit uw partner?"),
        choices=[(YES, _l("Ja")), (NO, _l("Nee"))],
        unknown=False,
        description=_l("Uw man, vrouw of partner: met wie u getrouwd bent of samenwoont."),
    )


def person_hidden(ctx: Context, member: dict | None) -> set[str]:
    """A child is not asked about being a partner, nor anyone when a partner is known."""
    if member is None or member.get("role") == "child":
        return {"partner"}
    others = [m for m in ctx.members if m is not member and m.get("role") == "partner"]
    return {"partner"} if others else set()


class MoneyForm(FlaskForm):
    monthly_net_income = Number(
        _l("Hoeveel geld komt er per maand binnen in uw huishouden?"),
        description=_l(
            "Netto: wat er op de bank komt, in euro's, van iedereen in uw huishouden samen. "
            "Laat leeg als u het niet weet."
        ),
    )
    receives_bijstand = YesNo(_l("Krijgt u nu een bijstandsuitkering?"))


class HomeForm(FlaskForm):
    must_leave_home = YesNo(_l("Moet u binnenkort uit uw huis of kamer?"))


class SafetyForm(FlaskForm):
    feels_unsafe_at_home = YesNo(
        _l("Voelt u zich thuis niet veilig?"),
        description=_l("Bijvoorbeeld door geweld, dreiging of iemand die u bang maakt."),
    )


def members_from_screening(ctx: Context) -> list[str]:
    """The people the first page added (their birth date is asked one by one)."""
    return [m for m in ctx.state.get("screen_members", []) if ctx.member(m)]


def label(ctx: Context, member: dict) -> str:
    """'uw partner', 'kind 2', 'volwassene 1': a person the first page added has no name yet."""
    if member.get("given_name"):
        return member["given_name"]
    role = member.get("role")
    if role == "partner":
        return _("uw partner")
    kinds = ("child",) if role == "child" else ("partner", "other")
    same = [m for m in ctx.members if m.get("role") in kinds]
    number = same.index(member) + 1 if member in same else 1
    if role == "child":
        return _("kind %(number)s", number=number)
    return _("volwassene %(number)s", number=number)


def load_counts(ctx: Context) -> dict:
    born = (ctx.applicant or {}).get("birth_date")
    data = {"birth_date": date.fromisoformat(born) if born else None}
    if "screen_counts" not in ctx.state:
        return data
    counts = ctx.state["screen_counts"]
    return data | {"children": counts.get("children", 0), "adults": counts.get("adults", 0)}


def save_counts(ctx: Context, data: dict, new_id) -> None:
    """Make the household match the numbers: add people who are missing, remove the last
    people added here when the numbers went down (people added by name later stay)."""
    applicant = ctx.applicant
    if applicant is None:
        applicant = {"id": "m1", "role": "applicant", "relation": "self"}
        ctx.members.insert(0, applicant)
    born = data.get("birth_date")
    if born is not None:
        applicant["birth_date"] = born.isoformat()
    wanted = {
        ("partner", "other"): int(data.get("adults") or 0),
        ("child",): int(data.get("children") or 0),
    }
    screened = list(ctx.state.get("screen_members", []))
    for roles, number in wanted.items():
        present = [m for m in ctx.members if m.get("role") in roles]
        while len(present) < number:
            member = {"id": new_id(ctx), "role": roles[-1]}
            if roles == ("child",):
                member["relation"] = "child"
            ctx.members.append(member)
            present.append(member)
            screened.append(member["id"])
        removable = [m for m in present if m["id"] in screened]
        while len(present) > number and removable:
            gone = removable.pop()
            present.remove(gone)
            ctx.members.remove(gone)
            screened.remove(gone["id"])
            ctx.state["done"] = [
                k for k in ctx.state.get("done", []) if not k.endswith(f"/{gone['id']}")
            ]
    ctx.state["screen_members"] = screened
    ctx.state["screen_counts"] = {
        "children": wanted[("child",)],
        "adults": wanted[("partner", "other")],
    }
    keys = set(ctx.state.get("screened", [])) | {"m1.birth_date"}
    keys |= {f"{m}.relation" for m in screened if (ctx.member(m) or {}).get("relation")}
    ctx.state["screened"] = sorted(keys)


# Ticking "Geld dat u moet, of rekeningen die u niet kunt betalen" among the first questions
# says she has debts: the full intake does not ask "Heeft u schulden?" again (issue #13).
HAS_DEBTS = "household.debts.has_debts"


def debts_from_subjects(ctx: Context, *, first_questions: bool) -> None:
    """After the subjects page: among the first questions, the debts subject answers 'has
    debts'; later (the front desk) the debts page asks it as before."""
    screened = set(ctx.state.get("screened", []))
    if first_questions:
        if ctx.chosen("debts"):
            screened.add(HAS_DEBTS)
        elif HAS_DEBTS in screened:
            screened.discard(HAS_DEBTS)
            debts = (ctx.answers.get("household") or {}).get("debts") or {}
            debts.pop("has_debts", None)
        ctx.state["screened"] = sorted(screened)
    apply_subjects(ctx)


def apply_subjects(ctx: Context) -> None:
    """Write what the subjects said into the answers (also when the intake is exported)."""
    if HAS_DEBTS in ctx.state.get("screened", []) and ctx.chosen("debts"):
        household = ctx.answers.setdefault("household", {})
        household.setdefault("debts", {})["has_debts"] = True


def debts_asked(ctx: Context) -> bool:
    return HAS_DEBTS not in ctx.state.get("screened", [])


def member_label(ctx: Context, member: dict) -> str:
    full = " ".join(filter(None, [member.get("given_name"), member.get("family_name")]))
    if member.get("role") == "applicant":
        return _("%(name)s (uzelf)", name=full)
    if not full and member.get("id") in members_from_screening(ctx):
        return label(ctx, member).capitalize()
    return full or _("Persoon zonder naam")
