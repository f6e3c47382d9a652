"""The picture of the household's network (issue #17): an SVG with a text alternative and a
table of the same data on the file, the same picture as an image in the plan's .docx, and
what is left out of the plan that the household reads."""

from __future__ import annotations

import io
import re

import lxml.html
import sqlalchemy as sa
from docx import Document

from portal.extensions import db
from portal.models import Household
from portal.network.layout import WIDTH, place
from portal.plans.models import Plan
from tests.budget.conftest import as_, budget_url, line_data, words

NETWORK = [
    {"name": "Oma Els", "relation": "moeder van Anouk", "kind": "informal_carer"},
    {"name": "Buurman Kees", "relation": "buurman", "kind": "network"},
]


def name_the_network(app, household: int) -> None:
    with app.app_context():
        plan = db.session.scalar(sa.select(Plan).where(Plan.household_id == household))
        plan.network = NETWORK
        db.session.commit()


def svg_of(page: str):
    root = lxml.html.fromstring(page)
    (figure,) = root.xpath('//section[@id="netwerk"]//div[contains(@class, "network-figure")]')
    (svg,) = figure.xpath(".//svg")
    return root, svg


def test_the_file_shows_the_picture_with_a_text_alternative_and_the_same_table(
    app, household, a_client
):
    name_the_network(app, household)
    page = a_client.get(f"/medewerkers/huishoudens/{household}").get_data(as_text=True)
    root, svg = svg_of(page)
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    (title,) = svg.xpath(f'.//*[@id="{title_id}"]')
    (desc,) = svg.xpath(f'.//*[@id="{desc_id}"]')
    assert title.tag == "title" and title.text_content() == f"Netwerk van huishouden {household}"
    assert desc.tag == "desc"
    alternative = desc.text_content()
    assert "In het huishouden: Anouk de Vries, Youssef Bakkali" in alternative
    assert "Mensen om het huishouden heen: Oma Els, Buurman Kees." in alternative
    assert not root.xpath("//script")  # readable without JavaScript
    # the table says the same: one row per box, in the same order
    boxes = [g.xpath("./title")[0].text_content().split(" — ")[0] for g in svg.xpath(".//g")]
    (table,) = root.xpath('//table[contains(@class, "network-table")]')
    rows = [th.text_content() for th in table.xpath(".//tbody/tr/th")]
    assert rows == boxes
    assert {"Oma Els", "Buurman Kees", "Anouk de Vries", "Jeugdwet", "UWV"} <= set(rows)
    youssef = table.xpath('.//tr[th="Youssef Bakkali"]/td')[-1].text_content()
    assert "UWV (WW-uitkering)" in youssef and "Dagbesteding" in youssef


def test_the_layout_fits_a_narrow_screen():
    picture = {
        "nodes": [{"key": "household", "kind": "household", "label": "Huishouden"}]
        + [
            {"key": f"m{i}", "kind": "member", "label": "Iemand met een heel lange naam " * 3}
            for i in range(5)
        ]
        + [{"key": f"r{i}", "kind": "regime", "label": f"Regeling {i}"} for i in range(7)],
        "edges": [],
    }
    layout = place(picture)
    assert layout.width == WIDTH == 340  # 1:1 on a 360 px screen
    for box in layout.boxes:
        assert box.x >= 0 and box.x + box.w <= WIDTH
        assert len(box.label) <= 20  # shortened: the full name is in the table
    assert len(layout.boxes) == 12


def test_providers_from_the_budget_join_the_picture(app, household, a_client):
    from tests.budget.test_budget import outcome_id

    a_client.post(
        budget_url(household, "/regels"),
        data=line_data(
            str(outcome_id(app, household, "dagbesteding")),
            "2026-01-01",
            "2026-12-31",
            "800",
            provider="Dagcentrum De Horizon",
        ),
    )
    page = words(a_client.get(f"/medewerkers/huishoudens/{household}"))
    assert re.search(r"Dagcentrum De Horizon Organisatie aanbieder|Dagcentrum De Horizon", page)
    assert "Wet maatschappelijke ondersteuning 2015 (Dagbesteding)" in page


def issue_and_download(client, household: int) -> bytes:
    assert client.post(f"/medewerkers/huishoudens/{household}/plan/uitgeven", data={"number": "1"})
    response = client.get(f"/medewerkers/huishoudens/{household}/plan/versies/1/docx")
    assert response.status_code == 200
    return response.data


def test_the_plan_docx_contains_the_picture_as_an_image_with_alt_text(app, household, a_client):
    name_the_network(app, household)
    document = Document(io.BytesIO(issue_and_download(a_client, household)))
    assert len(document.inline_shapes) == 1
    picture = document.inline_shapes[0]
    described = picture._inline.docPr.get("descr")
    assert "Oma Els" in described and "In het huishouden:" in described
    images = [p for p in document.part.package.parts if p.content_type == "image/png"]
    assert images and images[0].blob.startswith(b"\x89PNG")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Budget voor uw hulp" in headings and "Wie er bij u betrokken is" in headings
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Oma Els" in cells


def protect(client, household: int) -> None:
    response = client.post(
        f"/medewerkers/huishoudens/{household}/afschermen", data={"reason": "Dreiging thuis"}
    )
    assert response.status_code == 303


def test_a_protected_household_plan_leaves_out_the_people_around_and_sensitive_help(
    app, world, clock, household, a_client
):
    name_the_network(app, household)
    protect(a_client, household)
    # the contact person's file: everything, as on the rest of the file
    file_page = words(a_client.get(f"/medewerkers/huishoudens/{household}"))
    assert "Oma Els" in file_page
    assert "Wet gemeentelijke schuldhulpverlening" in file_page  # debts: sensitive
    # the plan the household reads: not the named network, not the help about debts or health
    preview = a_client.get(f"/medewerkers/huishoudens/{household}/plan/voorbeeld")
    root = lxml.html.fromstring(preview.get_data(as_text=True))
    (svg,) = root.xpath('//svg[@role="img"]')
    drawn = svg.text_content()
    assert "Oma Els" not in drawn and "Buurman Kees" not in drawn
    assert "schuldhulpverlening" not in drawn
    assert "huisarts of zorgverzekeraar" not in drawn  # GGZ referral: health
    assert "Anouk de Vries" in drawn and "Jeugdwet" in drawn
    document = Document(io.BytesIO(issue_and_download(a_client, household)))
    described = document.inline_shapes[0]._inline.docPr.get("descr")
    assert "Oma Els" not in described and "schuldhulp" not in described
    # other staff: the team lead gives a reason first, the front desk never sees the file
    lead = as_(app, world, "l", clock)
    assert lead.get(f"/medewerkers/huishoudens/{household}").headers["Location"].endswith("/inzage")
    desk = as_(app, world, "desk", clock)
    assert desk.get(f"/medewerkers/huishoudens/{household}").status_code == 403


def test_the_residents_copy_of_a_protected_plan_has_no_budget_or_picture(app, household):
    from portal.residents.plan import filtered

    snapshot = {
        "protected": True,
        "told_by_member_id": 1,
        "provisions": [],
        "household_budget": {"groups": []},
        "network_picture": {"nodes": [{"key": "n0", "kind": "person", "label": "Oma Els"}]},
    }
    copy = filtered(snapshot, set(), viewer_id=2)
    assert "network_picture" not in copy and "household_budget" not in copy
    with app.app_context():
        assert db.session.get(Household, household) is not None


def test_the_png_writes_dutch_letters_or_leaves_off_only_the_mark(app):
    from portal.network import draw_png

    assert draw_png._plain("Zorgcoöperatie Één") == "Zorgcooperatie Een"
    picture = {
        "nodes": [
            {"key": "household", "kind": "household", "label": "Huishouden"},
            {"key": "m1", "kind": "member", "label": "Zoë Brouwer", "detail": "aanvrager"},
            {"key": "o:x", "kind": "organisation", "label": "Zorgcoöperatie", "detail": ""},
        ],
        "edges": [],
    }
    with app.test_request_context():
        content, width, height = draw_png.png(picture)
    assert content.startswith(b"\x89PNG") and width == 340 and height > 100
