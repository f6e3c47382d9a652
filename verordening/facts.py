"""Flatten one intake into fact dicts: one for the household, one per member.

Every dict holds every fact key (None = unknown), the parameter values in force on the
peildatum and the built-in derived facts, so a condition reads any fact with one C-level dict
lookup. A member dict is a copy of the household dict plus that member's answers; each also
holds the list of member dicts under ``__members__`` for the household aggregates.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from .nodes import HOUSEHOLD, MEMBERS, PENDING

MEMBER_ID = "member.id"  # not a condition fact; tells explanations which member a dict is
UNREAD = "__unread__"  # where flatten drops the answers no condition reads
ALWAYS = "__always__"  # always True: the "guard" of rules the engine cannot skip


class _Paths(dict):
    """field -> fact path of one domain; a field no condition reads (or an unknown one) goes to
    UNREAD. The key is a string, as every key is: a dict with only str keys is faster in C."""

    __slots__ = ()

    def __missing__(self, field):
        return UNREAD


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
    tpl[ALWAYS] = True
    tpl[UNREAD] = None  # where flatten puts the answers no condition reads (see _copy_domains)
    return tpl


_AGES: dict = {}  # (birth date text, peildatum) -> age: the same dates recur
_NO_AGE = object()


@lru_cache(maxsize=65_536)  # the same birth dates and peildatum recur in every evaluation
def age_before_month(birth_date, as_of: date) -> int | None:
    """The age on the last day of the month before `as_of`: someone who reached an age in an
    earlier month. Leerplicht starts on the first school day of the month after the fifth
    birthday (Leerplichtwet 1969 art. 3 lid 1), so a child who turns 5 this month is not yet
    leerplichtig."""
    return age_on(birth_date, as_of.replace(day=1) - timedelta(days=1))


@lru_cache(maxsize=65_536)
def eighteenth_birthday(birth_date) -> str | None:
    """The day someone becomes meerderjarig (BW 1:233), as ISO text: the first day `age_on`
    gives 18, so someone born on 29 February turns 18 on 1 March in a common year."""
    if not isinstance(birth_date, str):
        return None
    try:
        born = date.fromisoformat(birth_date)
    except ValueError:
        return None
    try:
        return born.replace(year=born.year + 18).isoformat()
    except ValueError:  # 29 February in a common year
        return date(born.year + 18, 3, 1).isoformat()


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


def _copy_domains(target: dict, source: dict, keymap_items) -> None:
    """Copy the answers some condition reads into the flat dict.

    Each answer's field name is mapped to its path; a field no condition reads maps to the key
    UNREAD, which the template holds, so the dict never grows and no test is needed per answer
    (an unanswered None overwrites the template's None: no change).
    """
    get_answers = source.get
    for domain, get_path in keymap_items:
        answers = get_answers(domain)
        if answers:
            for field, value in answers.items():
                target[get_path(field)] = value


def keymap_items(keymap: dict) -> tuple:
    """{domain: {field: path}} -> ((domain, field -> path getter), ...) for `flatten`."""
    return tuple((domain, _Paths(fields).__getitem__) for domain, fields in keymap.items())


def flatten(
    intake: dict, as_of: date, tpl: dict, member_keymap: dict, household_keymap: dict
) -> tuple:
    """Return (household facts, [member facts]) with the built-in derived facts.

    The keymaps ((domain, field -> path getter) pairs, see `keymap_items`) name only the
    answers some condition reads, so nothing else is copied.
    """
    if isinstance(member_keymap, dict):  # the catalogue's own {domain: {field: path}}
        member_keymap = keymap_items(member_keymap)
    if isinstance(household_keymap, dict):
        household_keymap = keymap_items(household_keymap)
    members_in = intake.get("members") or ()
    ages = []
    for mem in members_in:
        born = mem.get("birth_date")
        key = (born, as_of) if isinstance(born, str) else None
        age = _AGES.get(key, _NO_AGE)
        if age is _NO_AGE:
            age = age_on(born, as_of)
            if key is not None:
                if len(_AGES) > 100_000:  # birth dates vary; keep the cache bounded
                    _AGES.clear()
                _AGES[key] = age
        ages.append(age)

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
        born = mem.get("birth_date")
        # cached per (birth date, peildatum); a birth date that is no text has no age
        f["member.age_before_this_month"] = (
            age_before_month(born, as_of) if isinstance(born, str) else None
        )
        f["member.eighteenth_birthday"] = eighteenth_birthday(mem.get("birth_date"))
        f["member.is_applicant"] = role == "applicant" if role is not None else None
        _copy_domains(f, mem, member_keymap)
        members.append(f)
    return h, members
