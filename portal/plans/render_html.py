"""Template filters for the HTML rendering of a plan snapshot (templates/plans/_document.html).

Registered on the app by `init_app` (staff and resident pages alike):
- `plan_money`: cents → "€ 2.450,00" (nl) / "€2,450.00" (en), in the page language;
- `plan_date`: ISO date or moment → "22 november 2026", in the page language (moments as the
  date in the Netherlands);
- `plan_text`: typed text, escaped, with line breaks as <br> and a <wbr> break opportunity
  every 30 characters inside very long words;
and, in every template, `plan_texts` (the document's sections and fixed explanatory texts, Dutch
msgids to pass to _()),
`plan_provision_groups(plan)` and `plan_score_change(score, previous)`.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from markupsafe import Markup, escape

from portal.network import data as network_data
from portal.network.draw_svg import svg
from portal.plans.render_format import (
    LONG_WORD,
    chunks,
    clean_text,
    grouped_provisions,
    long_date,
    money,
    score_change,
)
from portal.plans.render_texts import (
    DOCUMENT_SECTIONS,
    INTRODUCTION,
    INTROS,
    RIGHTS,
    shown_sections,
)

PLAN_TEXTS = {
    "introduction": INTRODUCTION,
    "intros": INTROS,
    "rights": RIGHTS,
    "sections": DOCUMENT_SECTIONS,
}


def init_app(app: Flask) -> None:
    app.context_processor(plan_rendering)
    app.add_template_filter(plan_money, "plan_money")
    app.add_template_filter(plan_date, "plan_date")
    app.add_template_filter(plan_text, "plan_text")


def plan_rendering() -> dict:
    """The fixed texts (Dutch msgids, translated in the template with _()) and helpers."""
    return {
        "plan_texts": PLAN_TEXTS,
        "plan_provision_groups": grouped_provisions,
        "plan_score_change": score_change,
        "network_svg": network_svg,
        "plan_sections": shown_sections,
        "network_rows": network_data.rows,
    }


def network_svg(picture: dict, title: str, ident: str) -> Markup:
    """The network picture of a snapshot as inline SVG (issue #17)."""
    return svg(picture, title=title, ident=ident)


def _locale() -> str:
    return str(get_locale() or "nl")


def plan_money(cents: int | None) -> str:
    return money(cents, _locale())


def plan_date(value: str | None) -> str:
    return long_date(value, _locale())


def plan_text(value: object) -> Markup:
    """Typed text as safe HTML: every character escaped; only <br> and <wbr> are added."""
    text = clean_text(value)
    lines = []
    for line in text.split("\n"):
        if len(line) < LONG_WORD:
            lines.append(escape(line))
            continue
        words = []
        for word in line.split(" "):
            if len(word) < LONG_WORD:
                words.append(escape(word))
            else:
                words.append(Markup("<wbr>").join(escape(piece) for piece in chunks(word)))
        lines.append(Markup(" ").join(words))
    return Markup("<br>\n").join(lines)
