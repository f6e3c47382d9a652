"""Flatten one intake into fact dicts: one for the household, one per member.

Every dict holds every fact key (None = unknown), the parameter values in force on the
peildatum and the built-in derived facts, so a condition reads any fact with one C-level dict
lookup. A member dict is a copy of the household dict plus that member's answers; each also
holds the list of member dicts under ``__members__`` for the household aggregates.
"""

from __future__ import annotations

from datetime import date

from .nodes import HOUSEHOLD, MEMBERS, PENDING

MEMBER_ID = "member.id"  # not a condition fact; tells explanations which member a dict is


def template(paths, params: dict[str, object], derived_paths=()) -> dict:
    """The empty fact dict for one peildatum: every key present, parameters filled in.

    Declared derived facts start as PENDING and are computed when first read; the member and
    household links are present too, so filling a copy never grows the dict.
    """
    tpl: dict = dict.fromkeys(paths)
    tpl.update(dict.fromkeys(derived_paths, PENDING))
    tpl.update({"param." + k: v for k, v in params.items()})
    tpl[MEMBER_ID] = None
    tpl[MEMBERS] = None
    tpl[HOUSEHOLD] = None
    return tpl


def age_on(birth_date, as_of: date) -> int | None:
    if not isinstance(birth_date, str):
        return None
    try:
        born = date.fromisoformat(birth_date)
    except ValueError:
        return None
    if born > as_of:
        return None
    return as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))


def _copy_domains(target: dict, source: dict, keymap: dict) -> None:
    get_fields = keymap.get
    for domain, answers in source.items():
        fields = get_fields(domain)
        if fields is None or not answers:
            continue  # not a domain (id, role, names), or no condition reads it
        for field, value in answers.items():
            if value is not None:  # None is already the template's value
                path = fields.get(field)
                if path is not None:  # answers no condition reads are not copied
                    target[path] = value


def flatten(
    intake: dict, as_of: date, tpl: dict, member_keymap: dict, household_keymap: dict
) -> tuple:
    """Return (household facts, [member facts]) with the built-in derived facts.

    The keymaps name only the answers some condition reads, so nothing else is copied.
    """
    members_in = intake.get("members") or ()
    ages = [age_on(mem.get("birth_date"), as_of) for mem in members_in]

    h = tpl.copy()  # h[HOUSEHOLD] stays None: the household dict is its own household
    _copy_domains(h, intake.get("household") or {}, household_keymap)
    address = intake.get("address") or {}
    h["household.no_fixed_address"] = address.get("no_fixed_address")
    h["household.channel"] = intake.get("channel")
    h["household.size"] = len(members_in)
    if None in ages:
        h["household.adults"] = h["household.children_under_18"] = None
    else:
        adults = sum(1 for a in ages if a >= 18)
        h["household.adults"] = adults
        h["household.children_under_18"] = len(ages) - adults
    h["household.has_partner"] = any(
        mem.get("role") == "partner" or mem.get("relation") == "partner" for mem in members_in
    )
    members: list[dict] = []
    h[MEMBERS] = members  # shared by reference with every member dict

    for mem, age in zip(members_in, ages, strict=True):
        f = h.copy()
        f[HOUSEHOLD] = h
        f[MEMBER_ID] = mem.get("id")
        f["member.role"] = role = mem.get("role")
        f["member.relation"] = mem.get("relation")
        f["member.birth_date"] = mem.get("birth_date")
        f["member.age"] = age
        f["member.is_applicant"] = role == "applicant" if role is not None else None
        _copy_domains(f, mem, member_keymap)
        members.append(f)
    return h, members
