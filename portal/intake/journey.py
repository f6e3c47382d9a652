"""Where the resident is: which pages apply, which are done, what comes next, 'Stap 3 van 9'."""

from __future__ import annotations

from flask import url_for

from portal.intake_form import registry
from portal.intake_form.context import Context
from portal.intake_form.registry import Page

BACK_TO_CHECK = "controleren"
BACK_TO_HOUSEHOLD = "huishouden"


def done(ctx: Context) -> set[str]:
    return set(ctx.state.get("done", []))


def mark_done(ctx: Context, key: str) -> None:
    ctx.state["done"] = sorted(done(ctx) | {key})


def past_screening(ctx: Context) -> bool:
    """The resident saw the first result (or went on to the full intake some other way):
    first questions still open are no longer in the way; the full pages ask them."""
    return bool(ctx.state.get("past_screening"))


def _full_started(ctx: Context) -> bool:
    """A page of the full intake was saved (the overview the first questions skip aside)."""
    screening = {s.id for s in registry.STEPS if s.screening}
    return any(key.split("/")[0] not in screening and key != "huishouden" for key in done(ctx))


def leave_screening(ctx: Context) -> None:
    ctx.state["past_screening"] = True


# Where the subjects page stands for a draft that did not start with the first questions
# (the front desk): after the language page, as before issue #13.
SUBJECTS_AFTER = "taal"


def ordered_pages(ctx: Context) -> list[Page]:
    """The pages in the order the resident meets them. Past the first questions, those still
    open are left out, and the subjects page (if still open) comes after the language page."""
    pages = registry.pages(ctx)
    if not past_screening(ctx):
        return pages
    finished = done(ctx)
    kept = [p for p in pages if p.step.screening and not p.step.only_first]
    rest = [p for p in pages if not p.step.screening]
    waiting = [p for p in kept if p.key not in finished]
    keys = [p.key for p in rest]
    at = keys.index(SUBJECTS_AFTER) + 1 if SUBJECTS_AFTER in keys else len(rest)
    return [p for p in kept if p.key in finished] + rest[:at] + waiting + rest[at:]


def first_undone(ctx: Context, after: str | None = None) -> Page | None:
    pages = ordered_pages(ctx)
    finished = done(ctx)
    keys = [p.key for p in pages]
    start = keys.index(after) + 1 if after in keys else 0
    for page in pages[start:]:
        if page.key not in finished:
            return page
    return None


def page_url(page: Page, back: str | None = None) -> str:
    args = {"step_id": page.step.id}
    if page.member_id:
        args["member_id"] = page.member_id
    if back:
        args["terug"] = back
    return url_for("intake.step", **args)


FIRST_RESULT = "intake.first_result"


def resume_url(ctx: Context) -> str:
    """The first page still to do, the first result after the first questions, or the check
    page when everything is answered."""
    page = first_undone(ctx)
    if not past_screening(ctx) and (page is None or not page.step.screening):
        return url_for(FIRST_RESULT)
    return page_url(page) if page else url_for("intake.check")


def next_url(ctx: Context, page: Page, back: str | None) -> str:
    if back == BACK_TO_CHECK:
        return resume_url(ctx)
    if page.step.screening and not _full_started(ctx):
        # the first questions lead to the first result, also when one is changed after it
        following = next(
            (p for p in registry.pages(ctx) if p.step.screening and p.key not in done(ctx)),
            None,
        )
        return page_url(following) if following else url_for(FIRST_RESULT)
    if page.step.id == "persoon" and back != BACK_TO_HOUSEHOLD and "huishouden" in done(ctx):
        # people the first questions counted: their pages one after the other
        following = first_undone(ctx, after=page.key) or first_undone(ctx)
        return page_url(following) if following else url_for("intake.check")
    if page.step.id == "persoon" or back == BACK_TO_HOUSEHOLD:
        return url_for("intake.step", step_id="huishouden")
    following = first_undone(ctx, after=page.key) or first_undone(ctx)
    return page_url(following) if following else url_for("intake.check")


def previous_url(ctx: Context, page: Page, back: str | None) -> str:
    if back == BACK_TO_CHECK:
        return url_for("intake.check")
    if page.step.id == "persoon":
        return url_for("intake.step", step_id="huishouden")
    pages = [p for p in ordered_pages(ctx) if p.step.id != "persoon"]
    keys = [p.key for p in pages]
    if page.key in keys and keys.index(page.key) > 0:
        before = pages[keys.index(page.key) - 1]
        if before.step.screening and not page.step.screening:
            return url_for(FIRST_RESULT)
        return page_url(before)
    return url_for("intake.start")


# -- progress: 'Stap 3 van 9', a total that never grows (issue #13) --------------------------

# Before the first page says who lives there, the first questions count this many others.
ASSUMED_OTHERS = 2


def _full_estimate(ctx: Context) -> int:
    """The pages of the full intake if every open choice goes the long way (all people in
    the health questions, debts details, ...), plus the check page: an upper bound that only
    comes down as answers come in."""
    probe = Context(answers=ctx.answers, state=dict(ctx.state), today=ctx.today)
    if ctx.chosen("care") and "care_members" not in ctx.state:
        probe.state["care_members"] = [m.get("id") for m in ctx.members if m.get("id")]
    pages = [p for p in registry.pages(probe) if _in_part(probe, p, "full")]
    extra = 0
    if ctx.chosen("debts") and ctx.fact("household.debts.has_debts") is None:
        extra += 1  # 'Meer over uw schulden' if the answer is yes
    if ctx.chosen("housing") and ctx.fact("household.housing.must_leave_home") is None:
        extra += 1  # 'Wanneer moet u uit uw huis?' if the answer is yes
    return len(pages) + extra + 1


def _screening_estimate(ctx: Context) -> int:
    steps = [s for s in registry.STEPS if s.screening]
    if "screen_counts" in ctx.state:
        return len([p for p in registry.pages(ctx) if p.step.screening])
    return len(steps) - 1 + ASSUMED_OTHERS


def _in_part(ctx: Context, page: Page, which: str) -> bool:
    if which == "screening":
        return page.step.screening
    if page.step.id == "huishouden" and "screen_counts" in ctx.state:
        return False  # the first questions told who lives there: the overview is skipped
    # the subjects, skipped before the first result, are asked in the full intake
    return not page.step.screening or (not page.step.only_first and page.key not in done(ctx))


def part(ctx: Context, page: Page | None) -> str:
    if page is not None and page.step.screening and not past_screening(ctx):
        return "screening"
    return "full"


def progress(ctx: Context, page: Page | None) -> tuple[int, int]:
    """(this step, all steps) of the part the resident is in: the first questions, or the
    full intake with the check page as its last step. The total is an estimate from what is
    known and is remembered in the draft: it may come down, never go up."""
    which = part(ctx, page)
    pages = [p for p in ordered_pages(ctx) if _in_part(ctx, p, which)]
    keys = [p.key for p in pages]
    estimate = _screening_estimate(ctx) if which == "screening" else _full_estimate(ctx)
    number = keys.index(page.key) + 1 if page is not None and page.key in keys else 1
    shown = dict(ctx.state.get("progress") or {})
    total = min(shown.get(which, estimate), estimate)
    # a page the estimate did not foresee (someone added later) never makes the total grow
    number = total if page is None else min(number, total)
    if shown.get(which) != total:
        ctx.state["progress"] = shown | {which: total}
    return number, total
