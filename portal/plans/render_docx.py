"""The ondersteuningsplan as a Word document, rendered from a snapshot (docs/plan-document.md).

    docx_bytes(snapshot, language="nl") -> bytes

Runs inside a Flask app context: the municipality's logo comes from
`current_app.config["MUNICIPALITY_LOGO_PATH"]`, fixed texts from Flask-Babel. The document is
always Dutch; when `language` is another language with a translation, each explanatory text
(section introductions, the resident's rights) is followed by its translation, marked with the
language's name and tagged with that language for spelling tools and screen readers.
Labels that come from the snapshot are Dutch data and are written as they are.

Choices (also in docs/plan-document.md, "Rendering"):
- Headings are Word's own "Heading 1/2/3" styles: the title, the sections, the parts of a
  section (a life domain, a regime, a need), so the navigation pane lists them.
- A section without content says "Nog niet ingevuld." instead of disappearing: the reader
  sees that nothing was filled in, not that something was left out.
- Typed text is written as typed, minus characters XML forbids; newlines become line breaks;
  words of 60+ characters get a zero-width space every 30, and tables have a fixed layout,
  so nothing pushes a table off the page.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.i18n import text_direction
from portal.plans import render_docx_household
from portal.plans.render_format import (
    breakable,
    clean_text,
    grouped_provisions,
    long_date,
    money,
    score_change,
)
from portal.plans.render_texts import (
    EXPLANATIONS,
    INTRODUCTION,
    INTROS,
    RIGHTS,
    shown_sections,
)

log = logging.getLogger(__name__)

# The media type every page that offers the plan as a download sends with it.
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_LANGUAGE = "nl-NL"
# The language tag for the translated explanatory texts (w:lang, for spelling and speech).
LANGUAGE_TAGS = {"en": "en-GB", "ar": "ar-SA", "tr": "tr-TR", "pl": "pl-PL", "uk": "uk-UA"}
TEXT_WIDTH = Cm(16)  # A4 minus 2.5 cm margins


def docx_bytes(snapshot: dict, language: str = "nl") -> bytes:
    """The plan in `snapshot` as a .docx file (bytes). Needs a Flask app context."""
    config = current_app.config
    translations = _translations(language, config)
    with force_locale("nl"):
        writer = _PlanWriter(snapshot, translations, config)
        writer.write()
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return buffer.getvalue()


def _translations(language: str, config) -> tuple[str, str, dict[str, str]] | None:
    """(language name, language tag, {Dutch text: translation}) or None when there is none."""
    language = (language or "nl").split("-")[0].split("_")[0].lower()
    # Only a complete catalogue (portal/i18n.py): a half-done language stays out of the plan too.
    languages = config.get("LANGUAGES_OFFERED") or {}
    if language == "nl" or language not in languages:
        return None
    with force_locale(language):
        found = {text: _(text) for text in EXPLANATIONS}
    found = {dutch: other for dutch, other in found.items() if other and other != dutch}
    if not found:
        return None
    return languages[language], LANGUAGE_TAGS.get(language, language), found


class _PlanWriter:
    def __init__(self, snapshot: dict, translations, config) -> None:
        self.plan = snapshot
        self.translations = translations
        self.municipality = clean_text(
            snapshot.get("municipality") or config.get("MUNICIPALITY_NAME") or ""
        )
        self.logo_path = config.get("MUNICIPALITY_LOGO_PATH")
        self.doc = Document()
        self.not_filled = _("Nog niet ingevuld.")
        self.blocks: list[str] = []
        styles = self.doc.styles
        self.style_ids = {
            name: styles[name].style_id
            for name in ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid")
        }

    # -- the document ----------------------------------------------------------------------

    def write(self) -> None:
        self._setup()
        self._title()
        bodies = {
            "household": self._household,
            "question": self._question,
            "domains": self._domains,
            "strengths": lambda: self._text(self.plan.get("strengths")),
            "own_contribution": lambda: self._text(self.plan.get("own_contribution")),
            "goals": self._goals,
            "agreements": self._agreements,
            "provisions": self._provisions,
            "reasoning": self._reasoning,
            "costs": self._costs,
            "household_budget": lambda: render_docx_household.budget(self),
            "network": lambda: render_docx_household.picture(self),
            "contact": self._contact,
            "evaluation": self._evaluation,
            "consents": self._consents,
            "rights": self._rights,
        }
        for key, title in shown_sections(self.plan):  # the HTML template walks the same list
            self._heading(_(title), 2)
            if key in INTROS:
                self._explain(INTROS[key])
            bodies[key]()
        self._finish()

    def _setup(self) -> None:
        doc = self.doc
        version = self.plan.get("version")
        issued_at = self.plan.get("issued_at")
        properties = doc.core_properties
        properties.title = (
            _("Ondersteuningsplan, versie %(version)s", version=version)
            if version
            else _("Ondersteuningsplan (concept)")
        )
        properties.subject = _("Ondersteuningsplan")
        properties.author = self.municipality
        properties.last_modified_by = self.municipality
        properties.language = DOCUMENT_LANGUAGE
        properties.keywords = ""
        properties.comments = ""
        properties.revision = int(version or 1)
        moment = _moment(issued_at)
        if moment is not None:
            properties.created = moment
            properties.modified = moment

        # Dutch as the language of every run, unless a run says otherwise.
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = run_defaults.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            run_defaults.append(lang)
        lang.set(qn("w:val"), DOCUMENT_LANGUAGE)
        doc.styles["Normal"].font.size = Pt(11)

        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        self._header(section)
        self._footer(section, version, issued_at)

    def _header(self, section) -> None:
        paragraph = section.header.paragraphs[0]
        logo = self._logo_bytes()
        if logo is not None:
            run = paragraph.add_run()
            run.add_picture(io.BytesIO(logo), height=Cm(1.4))
            for properties in run._r.iter(qn("wp:docPr")):
                properties.set("descr", _("Logo van %(name)s", name=self.municipality))
            paragraph.add_run("  ")
        paragraph.add_run(self.municipality).bold = True

    def _logo_bytes(self) -> bytes | None:
        if not self.logo_path:
            return None
        try:
            return Path(self.logo_path).read_bytes()
        except OSError:
            # A missing logo must not stop a resident from getting their plan.
            log.warning("MUNICIPALITY_LOGO_PATH %s cannot be read; no logo", self.logo_path)
            return None

    def _footer(self, section, version, issued_at) -> None:
        paragraph = section.footer.paragraphs[0]
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        if version:
            text = _(
                "Versie %(version)s — %(date)s",
                version=version,
                date=long_date(issued_at) or self.not_filled,
            )
        else:
            text = _("Concept — nog niet uitgegeven")
        paragraph.add_run(text + "\t" + _("Pagina") + " ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" " + _("van") + " ")
        _field(paragraph, "NUMPAGES", "1")

    def _title(self) -> None:
        self._heading(_("Ondersteuningsplan"), 1)
        version = self.plan.get("version")
        self._labelled(_("Gemeente"), self.municipality)
        if version:
            self._labelled(_("Versie"), str(version))
            self._labelled(_("Uitgegeven op"), long_date(self.plan.get("issued_at")))
            self._labelled(_("Uitgegeven door"), self.plan.get("issued_by"))
        else:
            self._labelled(_("Versie"), _("Concept — nog niet uitgegeven"))
        self._explain(INTRODUCTION)

    # -- sections --------------------------------------------------------------------------

    def _household(self) -> None:
        members = self.plan.get("members") or []
        network = self.plan.get("network") or []
        self._sub(_("Huishouden"))
        if members:
            self._table(
                _("Mensen in het huishouden"),
                (_("Naam"), _("Rol"), _("Geboortedatum")),
                [
                    (m.get("name"), m.get("role_label"), _birth(m.get("birth_date"), m.get("age")))
                    for m in members
                ],
                (7, 4, 5),
            )
        else:
            self._empty()
        self._sub(_("Mensen om u heen"))
        if network:
            self._table(
                _("Netwerk, mantelzorgers en hulpverleners"),
                (_("Naam"), _("Soort"), _("Relatie"), _("Wat doet deze persoon"), _("Contact")),
                [
                    (
                        p.get("name"),
                        p.get("kind_label"),
                        p.get("relation"),
                        p.get("role"),
                        p.get("contact"),
                    )
                    for p in network
                ],
                (3.5, 2.8, 2.7, 4, 3),
            )
        else:
            self._empty()

    def _question(self) -> None:
        question = self.plan.get("question") or {}
        self._sub(_("Uw vraag in uw eigen woorden"))
        self._text(question.get("own_words"))
        self._sub(_("Wat u wilt bereiken"))
        self._text(question.get("wants_to_achieve"))
        self._sub(_("Datums"))
        self._labelled(_("Melding gedaan op"), long_date(question.get("melding_date")))
        self._labelled(
            _("Persoonlijk plan ingeleverd op"),
            long_date(question.get("personal_plan_date")) or _("Geen persoonlijk plan ontvangen."),
        )
        intakes = self.plan.get("intakes") or []
        if intakes:
            self._labelled(_("Aanmeldingen"), "")
            for intake in intakes:
                when = long_date(intake.get("submitted_at"))
                text = clean_text(intake.get("reference"))
                self._bullet(f"{text} ({when})" if when else text)

    def _domains(self) -> None:
        domains = self.plan.get("domains") or []
        if not domains:
            self._empty()
            return
        self._table(
            _("Scores per leefgebied (1 tot 5)"),
            (_("Leefgebied"), _("Score nu"), _("Vorige score"), _("Verandering")),
            [
                (
                    d.get("label"),
                    _score(d.get("score")),
                    _score(d.get("previous_score")),
                    _change(d.get("score"), d.get("previous_score")),
                )
                for d in domains
            ],
            (5, 3, 3, 5),
        )
        for domain in domains:
            self._sub(clean_text(domain.get("label")))
            self._text(domain.get("situation"))

    def _goals(self) -> None:
        goals = [d for d in self.plan.get("domains") or [] if clean_text(d.get("goal")).strip()]
        if not goals:
            self._empty()
            return
        self._table(
            _("Doelen per leefgebied"),
            (_("Leefgebied"), _("Doel")),
            [(d.get("label"), d.get("goal")) for d in goals],
            (4.5, 11.5),
        )

    def _agreements(self) -> None:
        agreements = self.plan.get("agreements") or []
        if not agreements:
            self._empty()
            return
        self._table(
            _("Afspraken: wie doet wat, en wanneer"),
            (_("Wie"), _("Wat"), _("Klaar op"), _("Gedaan")),
            [
                (
                    a.get("who"),
                    a.get("what"),
                    long_date(a.get("by")),
                    _("Ja") if a.get("done") else _("Nee"),
                )
                for a in agreements
            ],
            (3.5, 7.5, 3.2, 1.8),
        )

    def _provisions(self) -> None:
        groups = grouped_provisions(self.plan)
        if not groups:
            self._empty()
            return
        everyone = _("Het hele huishouden")
        for _regime, label, provisions in groups:
            self._sub(clean_text(label))
            self._table(
                _("Voorzieningen: %(regime)s", regime=clean_text(label)),
                (
                    _("Voor wie"),
                    _("Voorziening"),
                    _("Regels"),
                    _("Status"),
                    _("Klaar op"),
                    _("Verwachte kosten"),
                ),
                [
                    (
                        p.get("member_name") or everyone,
                        _joined(
                            p.get("provision"),
                            f"({p['kind_label']})" if p.get("kind_label") else "",
                        ),
                        _basis(p),
                        p.get("status_label"),
                        long_date(p.get("deadline")),
                        _cost(p),
                    )
                    for p in provisions
                ],
                (2.8, 3.3, 3.6, 1.8, 2.1, 2.4),
            )

    def _reasoning(self) -> None:
        needs = self.plan.get("reasoning") or []
        if not needs:
            self._empty()
            return
        for need in needs:
            self._sub(clean_text(need.get("need")) or self.not_filled)
            self._labelled(_("Wat u wilt bereiken"), need.get("effect"))
            self._labelled(_("Wat de wet wil"), need.get("purpose_of_law"))
            self._labelled(_("Onze afweging"), need.get("weighing"))
            self._labelled(_("De route die we kiezen"), need.get("route"))
            if need.get("deviation"):
                self._labelled(
                    _("Afwijking van de verordening"),
                    _(
                        "Ja. Waarom: %(motivation)s",
                        motivation=clean_text(need.get("deviation_motivation")) or self.not_filled,
                    ),
                )
            else:
                self._labelled(_("Afwijking van de verordening"), _("Nee"))

    def _costs(self) -> None:
        costs = self.plan.get("costs") or {}
        by_regime = costs.get("by_regime") or []
        if not by_regime:
            self._empty()
            return
        rows = [(r.get("regime_label"), money(r.get("cents"))) for r in by_regime]
        rows.append((_("Totaal"), money(costs.get("total_cents"))))
        self._table(
            _("Verwachte kosten per wet en totaal"),
            (_("Wet of regeling"), _("Verwachte kosten")),
            rows,
            (10, 6),
            bold_last=True,
        )

    def _contact(self) -> None:
        person = self.plan.get("contact_person") or {}
        if not any(person.get(k) for k in ("name", "phone", "email")):
            self._empty()
            return
        self._labelled(_("Naam"), person.get("name"))
        self._labelled(_("Telefoon"), person.get("phone"))
        self._labelled(_("E-mail"), person.get("email"))
        self._labelled(_("Uw contactpersoon sinds"), long_date(person.get("since")))

    def _evaluation(self) -> None:
        self._labelled(
            _("We bespreken het plan weer op"), long_date(self.plan.get("evaluation_date"))
        )

    def _consents(self) -> None:
        consents = self.plan.get("consents") or []
        if not consents:
            self._empty()
            return
        self._table(
            _("Toestemming per organisatie en doel"),
            (_("Organisatie"), _("Doel"), _("Gegeven op"), _("Ingetrokken op")),
            [
                (
                    c.get("organisation"),
                    c.get("purpose"),
                    long_date(c.get("given_at")),
                    long_date(c.get("withdrawn_at")) or _("Niet ingetrokken"),
                )
                for c in consents
            ],
            (4, 6, 3, 3),
        )

    def _rights(self) -> None:
        for text in RIGHTS:
            self._explain(text, municipality=self.municipality)

    # -- building blocks -------------------------------------------------------------------
    # Body blocks are collected as WordprocessingML and parsed once at the end (as python-docx
    # itself builds a new table): every text goes through _t(), which escapes it.

    def _finish(self) -> None:
        fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self.blocks)}</w:body>")
        section_properties = self.doc.element.body.find(qn("w:sectPr"))
        for block in list(fragment):
            section_properties.addprevious(block)

    def _paragraph(self, runs: str, style: str | None = None) -> None:
        properties = f'<w:pPr><w:pStyle w:val="{self.style_ids[style]}"/></w:pPr>' if style else ""
        self.blocks.append(f"<w:p>{properties}{runs}</w:p>")

    def _heading(self, title: str, level: int) -> None:
        self._paragraph(_run(breakable(clean_text(title))), f"Heading {level}")

    def _sub(self, title: str) -> None:
        self._heading(title, 3)

    def _empty(self) -> None:
        self._paragraph(_run(self.not_filled))

    def _bullet(self, text: str) -> None:
        self._paragraph(_run(breakable(clean_text(text))), "List Bullet")

    def _explain(self, msgid: str, **params) -> None:
        """A fixed explanatory text in Dutch, then in the resident's language if translated."""
        self._paragraph(_run(_(msgid, **params)))
        if self.translations is None:
            return
        name, tag, found = self.translations
        other = found.get(msgid)
        if other is None:
            return
        if params:
            other = other % params
        rtl = text_direction(tag.split("-")[0]) == "rtl"
        runs = _run(f"{name}: ", bold=True, lang=tag, rtl=rtl) + _run(
            other, italic=True, lang=tag, rtl=rtl
        )
        if rtl:  # a right-to-left paragraph (w:bidi) for Arabic: Word aligns and orders it so
            self.blocks.append(f"<w:p><w:pPr><w:bidi/></w:pPr>{runs}</w:p>")
        else:
            self._paragraph(runs)

    def _text(self, value) -> None:
        text = breakable(clean_text(value))
        self._paragraph(_run(text if text.strip() else self.not_filled))

    def _labelled(self, label: str, value) -> None:
        text = breakable(clean_text(value))
        if not text.strip() and value != "":
            text = self.not_filled
        self._paragraph(_run(f"{label}: ", bold=True) + _run(text))

    def _table(self, caption: str, headers, rows, widths_cm, *, bold_last: bool = False) -> None:
        """A table with a repeating bold header row, a caption (Word's alt text for the table)
        and fixed column widths, so a long text wraps inside its column."""
        widths = [int(Cm(w).twips) for w in widths_cm]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

        def row(values, *, header: bool = False, bold: bool = False) -> str:
            cells = []
            for value, width in zip(values, widths, strict=True):
                text = value if header else breakable(clean_text(value))
                cells.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                    f"<w:p>{_run(text if text.strip() else '—', bold=header or bold)}</w:p></w:tc>"
                )
            properties = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
            return f"<w:tr>{properties}{''.join(cells)}</w:tr>"

        body = [row(values) for values in rows]
        if bold_last and body:
            body[-1] = row(rows[-1], bold=True)
        self.blocks.append(
            "<w:tbl><w:tblPr>"
            f'<w:tblStyle w:val="{self.style_ids["Table Grid"]}"/>'
            '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="left"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{_attribute(caption)}"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
            f"{row(headers, header=True)}{''.join(body)}</w:tbl>"
        )


# -- small pure helpers ----------------------------------------------------------------------


def _attribute(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def _run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    lang: str | None = None,
    rtl: bool = False,
) -> str:
    """A run of (already cleaned) text; newlines become Word line breaks. A right-to-left run
    (Arabic) says so (w:rtl) and names its language as the complex-script one (w:bidi)."""
    properties = ("<w:b/><w:bCs/>" if rtl else "<w:b/>") if bold else ""
    properties += ("<w:i/><w:iCs/>" if rtl else "<w:i/>") if italic else ""
    if rtl:
        properties += "<w:rtl/>"
    if lang:
        bidi = f' w:bidi="{lang}"' if rtl else ""
        properties += f'<w:lang w:val="{lang}"{bidi}/>'
    content = "<w:br/>".join(
        f'<w:t xml:space="preserve">{xml_escape(line)}</w:t>' for line in text.split("\n")
    )
    return (
        f"<w:r><w:rPr>{properties}</w:rPr>{content}</w:r>"
        if properties
        else f"<w:r>{content}</w:r>"
    )


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word fills in the number when it lays out the page."""
    for kind, text in (
        ("begin", None),
        ("instr", f" {instruction} "),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            run.text = text
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _moment(value: str | None) -> datetime | None:
    """An ISO moment as naive UTC (python-docx writes document dates as UTC "…Z")."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _birth(birth_date: str | None, age: int | None) -> str:
    written = long_date(birth_date)
    if written and age is not None:
        return _("%(date)s (%(age)s jaar)", date=written, age=age)
    return written


def _score(score: int | None) -> str:
    return _("%(score)s van 5", score=score) if score is not None else _("Geen score")


def _change(score: int | None, previous: int | None) -> str:
    change = score_change(score, previous)
    if change is None:
        return _("Eerste score") if score is not None else "—"
    if change > 0:
        return _("%(n)s hoger: het gaat beter", n=change)
    if change < 0:
        return _("%(n)s lager: het gaat minder goed", n=-change)
    return _("Gelijk gebleven")


def _joined(*parts) -> str:
    return "\n".join(clean_text(p) for p in parts if clean_text(p))


def _basis(provision: dict) -> str:
    lines = []
    if provision.get("verordening_article"):
        lines.append(
            _("Verordening: %(article)s", article=clean_text(provision["verordening_article"]))
        )
    if provision.get("law_article"):
        lines.append(_("Wet: %(article)s", article=clean_text(provision["law_article"])))
    return "\n".join(lines)


def _cost(provision: dict) -> str:
    cents = provision.get("expected_cost_cents")
    if cents is None:
        return _("Nog niet bekend")
    note = clean_text(provision.get("cost_note"))
    return f"{money(cents)} {note}" if note else money(cents)
