"""When a page (or a question on it) applies: conditions on earlier answers."""

from __future__ import annotations

from collections.abc import Callable

from portal.intake_form.context import Context
from portal.intake_form.step import Member


def chosen(subject: str) -> Callable[[Context], bool]:
    return lambda ctx: ctx.chosen(subject)


def not_applicant(ctx: Context, member: Member) -> bool:
    return member.get("role") != "applicant"


def in_care_list(ctx: Context, member: Member) -> bool:
    return member.get("id") in ctx.care_members()


def health_hidden(ctx: Context, member: Member | None) -> set[str]:
    if member is None or ctx.is_child(member) or not ctx.has_children():
        return {"unable_to_care_for_children"}
    return set()


def without_children(*names: str) -> Callable[[Context, Member | None], set[str]]:
    return lambda ctx, member: set() if ctx.has_children() else set(names)


def consents_hidden(ctx: Context, member: Member | None) -> set[str]:
    hidden = set()
    if not ctx.chosen("school"):
        hidden.add("share_with_school")
    if not ctx.chosen("work"):
        hidden.add("share_with_uwv")
    if not (ctx.chosen("care") or ctx.chosen("debts")):
        hidden.add("share_with_health_insurer")
    return hidden
