"""The plan as HTML (templates/plans/_document.html), as staff and residents see it: headings
from the level the page asks for, real tables with captions and header cells, dates and money in
the page's language, "Nog niet ingevuld." for empty sections, and typed text always escaped."""

from __future__ import annotations

import lxml.html
import pytest
from flask import render_template_string

from tests.conftest import make_app
from tests.plans import snapshots
from tests.plans.test_render_docx import SECTIONS

INCLUDE = '{% include "plans/_document.html" %}'
INCLUDE_AT = '{% with heading_base = level %}{% include "plans/_document.html" %}{% endwith %}'


@pytest.fixture(scope="module")
def render_app():
    return make_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture
def render(render_app):
    def render(plan: dict, language: str = "nl", level: int | None = None) -> str:
        headers = {"Accept-Language": language}
        with render_app.test_request_context(headers=headers):
            if level is None:
                return render_template_string(INCLUDE, plan=plan)
            return render_template_string(INCLUDE_AT, plan=plan, level=level)

    return render


def tree(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def text_of(element) -> str:
    """Visible text, whitespace collapsed; a <br> separates like a space."""
    return " ".join(" ".join(element.itertext()).split())


def table(root, caption: str):
    for found in root.iter("table"):
        if text_of(found.find("caption")) == caption:
            return found
    raise AssertionError(f"no table with caption {caption!r}")


def cells(table_element) -> list[list[str]]:
    return [[text_of(c) for c in row if c.tag in ("th", "td")] for row in table_element.iter("tr")]


def section(root, title: str):
    for found in root.iter("section"):
        heading = found[0]
        if heading.tag.startswith("h") and text_of(heading) == title:
            return found
    raise AssertionError(f"no section {title!r}")


@pytest.mark.parametrize("name", ["small", "family", "largest"])
def test_sections_are_headings_at_the_level_the_page_asks_for(render, name):
    root = tree(render(getattr(snapshots, name)()))
    assert [text_of(h) for h in root.iter("h2")] == SECTIONS
    assert not list(root.iter("h1"))  # the page has its own title

    root = tree(render(getattr(snapshots, name)(), level=3))
    assert [text_of(h) for h in root.iter("h3")] == SECTIONS
    assert not list(root.iter("h2"))
    for heading in root.iter("h4"):
        assert heading.get("class") == "utrecht-heading-4"


def test_tables_have_captions_and_header_cells_with_scope(render):
    root = tree(render(snapshots.largest()))

    tables = list(root.iter("table"))
    assert len(tables) == 13
    for found in tables:
        assert text_of(found.find("caption"))
        header = found.find("thead").findall("tr/th")
        assert header and all(th.get("scope") == "col" for th in header)
        for th in found.find("tbody").iter("th"):
            assert th.get("scope") == "row"
    provisions = [table(root, f"Voorzieningen: {label}") for _key, label, _law in snapshots.REGIMES]
    assert sum(len(cells(t)) - 1 for t in provisions) == 40
    assert len(cells(table(root, "Afspraken: wie doet wat, en wanneer"))) == 21
    assert len(cells(table(root, "Mensen in het huishouden"))) == 10


def test_money_dates_and_totals_in_dutch(render):
    plan = snapshots.family()
    root = tree(render(plan))

    youth = cells(table(root, "Voorzieningen: Jeugdwet"))
    assert youth[1] == [
        "Daan Bakker",
        "Jeugdhulp: begeleiding naar school (Aanvraag)",
        "Verordening: Artikel 3.1 Wet: art. 2.3 Jeugdwet",
        "In onderzoek",
        "14 december 2026",
        "€ 6.400,00 per jaar",
    ]
    costs = cells(table(root, "Verwachte kosten per wet en totaal"))
    assert costs[-1] == ["Totaal", "€ 8.200,00"]
    assert root.find(".//tfoot") is not None
    scores = cells(table(root, "Scores per leefgebied (1 tot 5)"))
    assert scores[1] == ["Financiën", "2 van 5", "1 van 5", "1 hoger: het gaat beter"]
    assert "14 september 2026" in text_of(section(root, "Uw vraag"))
    # A moment late in the evening (UTC) is the next day in the Netherlands.
    plan["issued_at"] = "2026-11-22T23:30:00+00:00"
    assert "23 november 2026" in render(plan)


def test_fixed_texts_dates_and_money_follow_the_page_language(render):
    root = tree(render(snapshots.family(), "en"))

    assert text_of(next(root.iter("h2"))) == "Your household and the people around you"
    costs = cells(table(root, "Expected costs per law and in total"))
    assert costs[-1] == ["Total", "€8,200.00"]
    # Labels from the snapshot are Dutch data and stay Dutch.
    assert costs[1][0] == "Wet gemeentelijke schuldhulpverlening"
    assert "September 14, 2026" in text_of(root)
    rights = text_of(section(root, "Your rights"))
    assert "This plan is not a decision." in rights


def test_empty_sections_say_not_filled_in(render):
    root = tree(render(snapshots.small()))

    for title in ("Wat goed gaat", "Afspraken", "Hoe wij uw vraag hebben afgewogen"):
        assert text_of(section(root, title)).endswith("Nog niet ingevuld."), title
    plan = snapshots._base()
    plan.update(version=None, issued_at=None, issued_by=None)
    root = tree(render(plan))
    assert [text_of(h) for h in root.iter("h2")] == SECTIONS
    assert "Concept — nog niet uitgegeven" in text_of(root)
    assert not list(root.iter("table"))


def test_typed_text_is_escaped_and_keeps_its_line_breaks(render):
    html = render(snapshots.hostile())

    assert "<script" not in html
    assert "<img" not in html and "<b>" not in html and "<h1>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ 7 * 7 }}" in html  # typed text is never evaluated as a template
    assert "style=" not in html
    assert "\x00" not in html and "\x07" not in html
    root = tree(html)
    question = section(root, "Uw vraag")
    own = question.findall("p")[1]
    assert [child.tag for child in own] == ["br"]
    assert own.text_content() == (
        "Hallo daar[31m <script>alert('x')</script> & \"quotes\"\nTweede regel 😀👨‍👩‍👧"
    )
    # The 5,000-character word: every character there, with a break opportunity every 30.
    wants = question.findall("p")[2]
    assert wants.text_content() == snapshots.HOSTILE_WORD
    assert len(wants.xpath(".//wbr")) == len(snapshots.HOSTILE_WORD) // 30
    strengths = section(root, "Wat goed gaat").findall("p")[1]
    assert strengths.text_content() == "Regel een\nRegel twee\nRegel drie\nRegel vier"
