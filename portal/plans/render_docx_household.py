"""The bodies of the plan's sections "Budget voor uw hulp" and "Wie er bij u betrokken is" in
the .docx (issue #17); `render_docx._PlanWriter` writes their headings and introductions
(render_texts.DOCUMENT_SECTIONS, only for a snapshot that has them: `shown_sections`). The
picture is a PNG drawn from the same layout as the SVG of the HTML (python-docx cannot embed
SVG), with the text alternative as the image's description (Word's alt text) and the same data
as a table below it."""

from __future__ import annotations

import io

from docx.shared import Cm
from flask_babel import gettext as _
from lxml import etree

from portal.network import data as network
from portal.network.draw_png import png
from portal.plans.render_format import long_date, money

PICTURE_WIDTH = Cm(12)
PICTURE_MAX_HEIGHT = Cm(20)


def budget(writer) -> None:
    found = writer.plan.get("household_budget")
    if not found:
        writer._empty()
        return
    rows = []
    for group in found.get("groups") or []:
        name = group.get("name") or ""
        if group.get("integrated") and group.get("covers"):
            name = _(
                "%(name)s (één budget voor %(regimes)s)",
                name=name,
                regimes=", ".join(group["covers"]),
            )
        rows.append(
            (
                name,
                money(group.get("allocated_cents")),
                money(group.get("spent_cents")),
                money(group.get("remaining_cents")),
            )
        )
    rows.append(
        (
            _("Totaal"),
            money(found.get("allocated_cents")),
            money(found.get("spent_cents")),
            money(found.get("remaining_cents")),
        )
    )
    writer._table(
        _("Budget per regeling en totaal"),
        (_("Regeling"), _("Toegekend"), _("Uitgegeven"), _("Over")),
        rows,
        (7, 3, 3, 3),
        bold_last=True,
    )
    periods = [
        (
            line.get("label"),
            f"{long_date(line.get('period_start'))} – {long_date(line.get('period_end'))}",
            money(line.get("allocated_cents")),
        )
        for group in found.get("groups") or []
        for line in group.get("lines") or []
    ]
    writer._table(
        _("Budgetten per periode"),
        (_("Budget"), _("Periode"), _("Toegekend")),
        periods,
        (7, 6, 3),
    )


def picture(writer) -> None:
    found = writer.plan.get("network_picture")
    if not found or not found.get("nodes"):
        writer._empty()
        return
    content, width, height = png(found)
    shown_width = PICTURE_WIDTH
    shown_height = int(shown_width * height / width)
    if shown_height > PICTURE_MAX_HEIGHT:
        shown_width = int(shown_width * PICTURE_MAX_HEIGHT / shown_height)
        shown_height = PICTURE_MAX_HEIGHT
    inline = writer.doc.part.new_pic_inline(io.BytesIO(content), shown_width, shown_height)
    inline.docPr.set("title", _("Netwerk van het huishouden"))
    inline.docPr.set("descr", network.description(found))
    drawing = etree.tostring(inline, encoding="unicode")
    writer.blocks.append(f"<w:p><w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>")
    writer._table(
        _("Het netwerk als tabel"),
        (_("Wie of wat"), _("Soort"), _("Verbonden met")),
        [
            (row["label"], row["kind"], "; ".join(row["links"]) or "—")
            for row in network.rows(found)
        ],
        (5, 4, 7),
    )
