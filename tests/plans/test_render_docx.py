"""The .docx ondersteuningsplan, opened again with python-docx the way Word would read it:
headings in the navigation pane, tables with a repeating header, totals, the footer with version,
date and page number, the municipality's logo, explanations in the resident's language, and typed
text that tries to break the file."""

from __future__ import annotations

import gettext
import io
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from portal.plans.render_docx import docx_bytes
from portal.plans.render_format import ZERO_WIDTH_SPACE
from tests.conftest import make_app
from tests.plans import snapshots

SECTIONS = [
    "Uw huishouden en de mensen om u heen",
    "Uw vraag",
    "Uw situatie per leefgebied",
    "Wat goed gaat",
    "Wat u en uw netwerk zelf doen",
    "Uw doelen per leefgebied",
    "Afspraken",
    "Hulp en voorzieningen per wet",
    "Hoe wij uw vraag hebben afgewogen",
    "Verwachte kosten",
    "Uw contactpersoon",
    "Evaluatie",
    "Toestemming om gegevens te delen",
    "Uw rechten",
]
ROOT = Path(__file__).resolve().parents[2]
NOT_FILLED = "Nog niet ingevuld."


@pytest.fixture(scope="module")
def render_app():
    # Rendering reads no database: a snapshot in, a file out.
    return make_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture
def render(render_app):
    def render(snapshot: dict, language: str = "nl", **config):
        saved = {k: render_app.config.get(k) for k in config}
        render_app.config.update(config)
        try:
            with render_app.app_context():
                content = docx_bytes(snapshot, language)
        finally:
            render_app.config.update(saved)
        return Document(io.BytesIO(content))

    return render


def headings(doc, level: int | None = None) -> list[str]:
    found = []
    for p in doc.paragraphs:
        name = p.style.name
        if name.startswith("Heading ") and (level is None or name == f"Heading {level}"):
            found.append(p.text)
    return found


def section_paragraphs(doc, title: str) -> list[str]:
    """The texts of the paragraphs between the Heading 2 `title` and the next Heading 2."""
    out, inside = [], False
    for p in doc.paragraphs:
        if p.style.name == "Heading 2":
            inside = p.text == title
            continue
        if inside:
            out.append(p.text)
    return out


def table_by_caption(doc, caption: str):
    for table in doc.tables:
        element = table._tbl.tblPr.find(qn("w:tblCaption"))
        if element is not None and element.get(qn("w:val")) == caption:
            return table
    raise AssertionError(f"no table with caption {caption!r}")


def rows(table) -> list[list[str]]:
    return [[cell.text.replace(ZERO_WIDTH_SPACE, "") for cell in row.cells] for row in table.rows]


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for t in doc.tables for row in t.rows for cell in row.cells]
    return "\n".join(parts)


# -- structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["small", "family", "largest"])
def test_word_headings_in_the_order_of_the_plan(render, name):
    doc = render(getattr(snapshots, name)())

    assert headings(doc, 1) == ["Ondersteuningsplan"]
    assert headings(doc, 2) == SECTIONS
    # The navigation pane shows every heading: Word's own heading styles, built in.
    styles = {p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert styles == {"Heading 1", "Heading 2", "Heading 3"}
    assert doc.paragraphs[0].style.name == "Heading 1"


def test_family_provisions_per_regime_with_legal_basis_status_deadline_and_cost(render):
    plan = snapshots.family()
    doc = render(plan)

    provisions = section_paragraphs(doc, "Hulp en voorzieningen per wet")
    assert [h for h in headings(doc, 3) if h in provisions] == [
        "Wet gemeentelijke schuldhulpverlening",
        "Jeugdwet",
        "Participatiewet",
    ]
    youth = rows(table_by_caption(doc, "Voorzieningen: Jeugdwet"))
    assert youth[0] == [
        "Voor wie",
        "Voorziening",
        "Regels",
        "Status",
        "Klaar op",
        "Verwachte kosten",
    ]
    assert youth[1] == [
        "Daan Bakker",
        "Jeugdhulp: begeleiding naar school\n(Aanvraag)",
        "Verordening: Artikel 3.1\nWet: art. 2.3 Jeugdwet",
        "In onderzoek",
        "14 december 2026",
        "€ 6.400,00 per jaar",
    ]
    debts = rows(table_by_caption(doc, "Voorzieningen: Wet gemeentelijke schuldhulpverlening"))
    assert debts[1][0] == "Het hele huishouden"
    income = rows(table_by_caption(doc, "Voorzieningen: Participatiewet"))
    assert income[1][3:] == ["Aangevraagd", "14 december 2026", "Nog niet bekend"]


def test_family_scores_show_the_change_since_the_previous_score(render):
    doc = render(snapshots.family())

    scores = rows(table_by_caption(doc, "Scores per leefgebied (1 tot 5)"))
    assert scores == [
        ["Leefgebied", "Score nu", "Vorige score", "Verandering"],
        ["Financiën", "2 van 5", "1 van 5", "1 hoger: het gaat beter"],
        ["Huiselijke relaties", "3 van 5", "3 van 5", "Gelijk gebleven"],
        ["Werk en opleiding", "1 van 5", "2 van 5", "1 lager: het gaat minder goed"],
    ]
    # Goals only for the domains that have one.
    goals = rows(table_by_caption(doc, "Doelen per leefgebied"))
    assert [r[0] for r in goals[1:]] == ["Financiën", "Werk en opleiding"]


def test_family_question_dates_reasoning_consents_and_contact(render):
    doc = render(snapshots.family())
    text = all_text(doc)

    assert "Melding gedaan op: 14 september 2026" in text
    assert "Persoonlijk plan ingeleverd op: 1 oktober 2026" in text
    assert "SD-2026-9MWQ3R (5 november 2026)" in text
    reasoning = section_paragraphs(doc, "Hoe wij uw vraag hebben afgewogen")
    assert "Afwijking van de verordening: Nee" in reasoning
    assert (
        "Afwijking van de verordening: Ja. Waarom: Meer uren dan de verordening noemt, "
        "omdat de schoolgang urgent is."
    ) in reasoning
    consents = rows(table_by_caption(doc, "Toestemming per organisatie en doel"))
    assert consents[1][2:] == ["20 september 2026", "Niet ingetrokken"]
    assert consents[2][3] == "15 oktober 2026"
    contact = section_paragraphs(doc, "Uw contactpersoon")
    assert "Telefoon: 0182 123 456" in contact
    assert section_paragraphs(doc, "Evaluatie")[-1] == "We bespreken het plan weer op: 1 maart 2027"


def test_largest_household_every_row_in_its_table_and_the_totals_add_up(render):
    plan = snapshots.largest()
    doc = render(plan)

    assert len(rows(table_by_caption(doc, "Mensen in het huishouden"))) == 1 + 9
    assert len(rows(table_by_caption(doc, "Afspraken: wie doet wat, en wanneer"))) == 1 + 20
    provision_tables = [
        table_by_caption(doc, f"Voorzieningen: {label}") for _key, label, _law in snapshots.REGIMES
    ]
    assert sum(len(t.rows) - 1 for t in provision_tables) == 40
    provisions = section_paragraphs(doc, "Hulp en voorzieningen per wet")
    assert [h for h in headings(doc, 3) if h in provisions] == [
        label for _key, label, _law in snapshots.REGIMES
    ]

    costs = rows(table_by_caption(doc, "Verwachte kosten per wet en totaal"))
    assert costs[0] == ["Wet of regeling", "Verwachte kosten"]
    assert len(costs) == 1 + 6 + 1
    expected_total = sum(p["expected_cost_cents"] or 0 for p in plan["provisions"])
    assert expected_total == plan["costs"]["total_cents"]
    euros, cents = divmod(expected_total, 100)
    assert costs[-1] == ["Totaal", f"€ {euros:,}".replace(",", ".") + f",{cents:02d}"]
    total_row = table_by_caption(doc, "Verwachte kosten per wet en totaal").rows[-1]
    assert all(run.bold for cell in total_row.cells for run in cell.paragraphs[0].runs)


def test_every_table_repeats_its_bold_header_row_and_keeps_its_columns(render):
    doc = render(snapshots.largest())

    # members, network, scores, goals, agreements, 6 regimes, costs, consents
    assert len(doc.tables) == 13
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
        body = [row._tr.trPr for row in table.rows[1:]]
        assert all(p is None or p.find(qn("w:tblHeader")) is None for p in body)
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        assert table.style.name == "Table Grid"


# -- empty sections ----------------------------------------------------------------------------


def test_empty_sections_say_not_filled_in_rather_than_vanish(render):
    plan = snapshots.small()
    doc = render(plan)

    for title in (
        "Wat goed gaat",
        "Wat u en uw netwerk zelf doen",
        "Afspraken",
        "Hoe wij uw vraag hebben afgewogen",
        "Toestemming om gegevens te delen",
    ):
        assert section_paragraphs(doc, title)[-1] == NOT_FILLED, title
    household = section_paragraphs(doc, "Uw huishouden en de mensen om u heen")
    assert household[-2:] == ["Mensen om u heen", NOT_FILLED]  # no network yet
    assert "Persoonlijk plan ingeleverd op: Geen persoonlijk plan ontvangen." in all_text(doc)
    # The one provision and its cost.
    wmo = rows(table_by_caption(doc, "Voorzieningen: Wmo 2015"))
    assert wmo[1][0] == "Sanne de Vries" and wmo[1][-1] == "€ 2.450,00 per jaar"
    assert rows(table_by_caption(doc, "Verwachte kosten per wet en totaal"))[-1] == [
        "Totaal",
        "€ 2.450,00",
    ]


def test_a_nearly_empty_draft_still_renders_every_section(render):
    plan = snapshots._base()
    plan.update(version=None, issued_at=None, issued_by=None)
    doc = render(plan)

    assert headings(doc, 2) == SECTIONS
    assert section_paragraphs(doc, "Verwachte kosten")[-1] == NOT_FILLED
    assert section_paragraphs(doc, "Uw contactpersoon")[-1] == NOT_FILLED
    footer = doc.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Concept — nog niet uitgegeven")
    assert doc.core_properties.title == "Ondersteuningsplan (concept)"


# -- page furniture ----------------------------------------------------------------------------


def test_footer_has_version_date_and_page_number_fields(render):
    doc = render(snapshots.largest())

    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Versie 7 — 22 november 2026\tPagina ")
    instructions = [e.text.strip() for e in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert [e.get(qn("w:fldCharType")) for e in footer._p.iter(qn("w:fldChar"))] == [
        "begin",
        "separate",
        "end",
    ] * 2


def test_header_has_the_municipality_logo_and_name(render):
    doc = render(snapshots.family())

    header = doc.sections[0].header
    assert "Voorbeeldgemeente" in header.paragraphs[0].text
    images = [rel.target_part for rel in header.part.rels.values() if "image" in rel.reltype]
    shipped = Path(__file__).resolve().parents[2] / "portal/static/img/gemeente-logo.png"
    assert [image.blob for image in images] == [shipped.read_bytes()]
    described = [e.get("descr") for e in header._element.iter(qn("wp:docPr"))]
    assert described == ["Logo van Voorbeeldgemeente"]


def test_logo_comes_from_configuration_and_a_missing_logo_does_not_stop_the_plan(render, tmp_path):
    own = tmp_path / "logo.png"
    own.write_bytes(tiny_png())
    doc = render(snapshots.small(), MUNICIPALITY_LOGO_PATH=str(own))
    header = doc.sections[0].header
    images = [r.target_part.blob for r in header.part.rels.values() if "image" in r.reltype]
    assert images == [own.read_bytes()]

    doc = render(snapshots.small(), MUNICIPALITY_LOGO_PATH=str(tmp_path / "missing.png"))
    header = doc.sections[0].header
    assert not any("image" in rel.reltype for rel in header.part.rels.values())
    assert header.paragraphs[0].text == "Voorbeeldgemeente"
    assert headings(doc, 2) == SECTIONS


def tiny_png() -> bytes:
    """A 2 by 1 pixel PNG, as another municipality's logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + bytes((200, 0, 0, 0, 0, 200)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_document_properties_say_title_and_dutch(render):
    doc = render(snapshots.family())

    properties = doc.core_properties
    assert properties.title == "Ondersteuningsplan, versie 2"
    assert properties.language == "nl-NL"
    assert properties.author == "Voorbeeldgemeente"
    assert properties.created.isoformat().startswith("2026-11-22T10:15")
    plan = snapshots.family()
    plan["issued_at"] = "2026-11-23T00:30:00+01:00"  # the same moment, written in Dutch time
    assert render(plan).core_properties.created.isoformat().startswith("2026-11-22T23:30")
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "nl-NL"
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


# -- languages ---------------------------------------------------------------------------------


def english_paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.startswith("English: ")]


def test_explanations_also_in_english_marked_and_tagged_when_the_resident_reads_english(render):
    doc = render(snapshots.family(), "en")

    # Everything stays Dutch …
    assert headings(doc, 2) == SECTIONS
    paragraphs = [p.text for p in doc.paragraphs]
    intro = paragraphs.index(
        "English: This is your support plan. It says what you want to achieve, what you do "
        "yourself and what help you get. We make the plan together with you. The plan is not "
        "a decision."
    )
    assert paragraphs[intro - 1].startswith("Dit is uw ondersteuningsplan.")
    # … and every section introduction and every right is followed by its English translation.
    assert len(english_paragraphs(doc)) == 1 + 13 + 4
    rights = section_paragraphs(doc, "Uw rechten")
    assert rights[0] == "Dit plan is geen besluit. Daarom kunt u tegen dit plan geen bezwaar maken."
    assert rights[1] == (
        "English: This plan is not a decision. That is why you cannot object to this plan."
    )
    assert any("Voorbeeldgemeente" in r and r.startswith("English: ") for r in rights)
    # Tagged as English, so spelling tools and screen readers switch language.
    marked = next(p for p in doc.paragraphs if p.text.startswith("English: "))
    tags = {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in marked.runs}
    assert tags == {"en-GB"}


@pytest.mark.parametrize("language", ["nl", "fy", "", "xx-YY"])
def test_only_dutch_when_there_is_no_translation(render, language):
    doc = render(snapshots.family(), language)

    assert [p.text for p in doc.paragraphs if p.runs and p.runs[0].italic] == []
    assert english_paragraphs(doc) == []
    assert headings(doc, 2) == SECTIONS


@pytest.mark.parametrize(
    ("language", "name", "tag", "rtl"),
    [
        ("ar", "العربية", "ar-SA", True),
        ("tr", "Türkçe", "tr-TR", False),
        ("pl", "Polski", "pl-PL", False),
        ("uk", "Українська", "uk-UA", False),
    ],
)
def test_the_explanations_also_in_the_residents_own_language(render, language, name, tag, rtl):
    """Issue #20: the plan stays Dutch; each explanatory text is followed by its translation,
    named and tagged with the language; Arabic paragraphs read right to left."""
    doc = render(snapshots.family(), language)
    assert headings(doc, 2) == SECTIONS
    translated = [p for p in doc.paragraphs if p.text.startswith(f"{name}: ")]
    assert len(translated) == 1 + 13 + 4  # the introduction, each section, each right
    rights = section_paragraphs(doc, "Uw rechten")
    assert rights[0] == "Dit plan is geen besluit. Daarom kunt u tegen dit plan geen bezwaar maken."
    catalogue = gettext.translation("messages", ROOT / "translations", [language])
    assert rights[1] == f"{name}: " + catalogue.gettext(rights[0])
    runs = translated[0].runs
    assert {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in runs} == {tag}
    assert all((r._r.rPr.find(qn("w:rtl")) is not None) == rtl for r in runs)
    bidi = translated[0]._p.pPr is not None and translated[0]._p.pPr.find(qn("w:bidi")) is not None
    assert bidi == rtl


def test_labels_stay_dutch_when_downloaded_from_an_english_page(render_app):
    with render_app.test_request_context(headers={"Accept-Language": "en"}):
        doc = Document(io.BytesIO(docx_bytes(snapshots.family(), "en")))
    assert headings(doc, 2) == SECTIONS
    assert doc.sections[0].footer.paragraphs[0].text.startswith("Versie 2 — 22 november 2026")


# -- typed text --------------------------------------------------------------------------------


def test_hostile_text_is_written_safely_and_completely(render):
    plan = snapshots.hostile()
    doc = render(plan)

    question = section_paragraphs(doc, "Uw vraag")
    own = question[question.index("Uw vraag in uw eigen woorden") + 1]
    # Control characters gone, markup kept as plain text, emoji kept, the newline a line break.
    assert own == ("Hallo daar[31m <script>alert('x')</script> & \"quotes\"\nTweede regel 😀👨‍👩‍👧")
    wants = question[question.index("Wat u wilt bereiken") + 1]
    assert wants.replace(ZERO_WIDTH_SPACE, "") == snapshots.HOSTILE_WORD  # every character kept
    assert max(len(piece) for piece in wants.split(ZERO_WIDTH_SPACE)) <= 30  # but breakable
    assert section_paragraphs(doc, "Wat goed gaat")[-1] == (
        "Regel een\nRegel twee\nRegel drie\nRegel vier"
    )
    members = rows(table_by_caption(doc, "Mensen in het huishouden"))
    assert members[1][0] == "Ayla <img src=x onerror=alert(1)> Bakker"
    agreements = rows(table_by_caption(doc, "Afspraken: wie doet wat, en wanneer"))
    assert agreements[1][1] == snapshots.HOSTILE_WORD
    assert agreements[2][0] == "<script>steal()</script>"
    assert "Behoefte <h1>kop</h1>" in headings(doc, 3)
    text = all_text(doc)
    assert "{{ 7 * 7 }} {% raw %}" in text  # not a template
    assert "\x00" not in text and "\x1f" not in text


def test_newlines_become_word_line_breaks(render):
    doc = render(snapshots.family())
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("We hebben schulden"))
    assert len(list(paragraph._p.iter(qn("w:br")))) == 1
