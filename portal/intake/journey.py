"""Where the resident is: which pages apply, which are done, what comes next, 'Stap 3 van 9'."""

from __future__ import annotations

from flask import url_for

from forms.steps import registry
from forms.steps.context import Context
from forms.steps.registry import Page

BACK_TO_CHECK = "controleren"
BACK_TO_HOUSEHOLD = "huishouden"


def done(ctx: Context) -> set[str]:
    return set(ctx.state.get("done", []))


def mark_done(ctx: Context, key: str) -> None:
    ctx.state["done"] = sorted(done(ctx) | {key})


def first_undone(ctx: Context, after: str | None = None) -> Page | None:
    pages = registry.pages(ctx)
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


def resume_url(ctx: Context) -> str:
    """The first page still to do, or the check page when everything is answered."""
    page = first_undone(ctx)
    return page_url(page) if page else url_for("intake.check")


def next_url(ctx: Context, page: Page, back: str | None) -> str:
    if back == BACK_TO_CHECK:
        return resume_url(ctx)
    if page.step.id == "persoon" or back == BACK_TO_HOUSEHOLD:
        return url_for("intake.step", step_id="huishouden")
    following = first_undone(ctx, after=page.key) or first_undone(ctx)
    return page_url(following) if following else url_for("intake.check")


def previous_url(ctx: Context, page: Page, back: str | None) -> str:
    if back == BACK_TO_CHECK:
        return url_for("intake.check")
    if page.step.id == "persoon":
        return url_for("intake.step", step_id="huishouden")
    pages = [p for p in registry.pages(ctx) if p.step.id != "persoon"]
    keys = [p.key for p in pages]
    if page.key in keys and keys.index(page.key) > 0:
        return page_url(pages[keys.index(page.key) - 1])
    return url_for("intake.start")


def progress(ctx: Context, page: Page | None) -> tuple[int, int]:
    """(this step, all steps), the check page counted as the last one."""
    pages = registry.pages(ctx)
    total = len(pages) + 1
    if page is None:
        return total, total
    keys = [p.key for p in pages]
    return (keys.index(page.key) + 1 if page.key in keys else 1), total
