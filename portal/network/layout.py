"""Where each box and line of the picture goes: computed once from the picture's data, drawn
by both the SVG (household file, plan HTML) and the PNG (the plan's .docx).

Four bands from top to bottom, two boxes a row, so that the picture is 340 units wide and
readable at 360 px without zooming (it scales up on a wider screen):
  1. the people around the household (named in the plan),
  2. the household: a frame with its members,
  3. help and provisions (per regime),
  4. professionals and organisations (the contact person, providers, referral bodies).
Lines are drawn under the boxes, from the bottom of the upper box to the top of the lower one;
a line to the household ends on its frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

WIDTH = 340
MARGIN = 8
GAP = 12
BOX_W = (WIDTH - 2 * MARGIN - GAP) // 2  # 154
BOX_H = 46
ROW = BOX_H + GAP
TITLE_H = 22
FRAME_PAD = 8
LABEL_CHARS = 20  # bold at 13 units: a character is about 7 wide
DETAIL_CHARS = 25


@dataclass
class Box:
    key: str
    kind: str
    x: int
    y: int
    w: int
    h: int
    label: str  # shortened to fit; the full text is in `title` and in the table
    detail: str
    title: str


@dataclass
class Line:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass
class Heading:
    x: int
    y: int
    text: str


@dataclass
class Layout:
    width: int
    height: int
    boxes: list[Box]
    lines: list[Line]
    headings: list[Heading]
    frame: Box | None


def short(text: str, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bands() -> list[tuple[str, tuple[str, ...]]]:
    return [
        (_("Mensen om het huishouden heen"), ("person",)),
        (_("Het huishouden"), ("member",)),
        (_("Hulp per regeling"), ("regime",)),
        (_("Wie er helpt"), ("professional", "organisation")),  # short: the line runs beside it
    ]


def place(picture: dict) -> Layout:
    """Boxes in bands, two a row; the bands hang together as a tree: one vertical line (the
    "bus") in the gutter between the two columns, with a short stub to each box. Which member
    a regime or organisation is for is in the box's second line and in the table, not in
    crossing lines (at 360 px those could not be followed)."""
    nodes = picture.get("nodes") or []
    boxes: dict[str, Box] = {}
    headings: list[Heading] = []
    lines: list[Line] = []
    frame = None
    middle = WIDTH // 2
    y = MARGIN
    previous_bottom = None  # where the bus of the next band starts
    for title, kinds in bands():
        members = [n for n in nodes if n["kind"] in kinds]
        if not members and "member" not in kinds:
            continue
        headings.append(Heading(MARGIN, y + 15, title))
        y += TITLE_H
        top = y
        is_frame = "member" in kinds
        if is_frame:
            y += FRAME_PAD
        placed = []
        for index, item in enumerate(members):
            column, row = index % 2, index // 2
            x = MARGIN + column * (BOX_W + GAP)
            box = Box(
                key=item["key"],
                kind=item["kind"],
                x=x,
                y=y + row * ROW,
                w=BOX_W,
                h=BOX_H,
                label=short(item["label"], LABEL_CHARS),
                detail=short(item.get("detail") or "", DETAIL_CHARS),
                title=" — ".join(p for p in (item["label"], item.get("detail")) if p),
            )
            boxes[item["key"]] = box
            placed.append(box)
        rows = max(1, (len(members) + 1) // 2)
        y += rows * ROW - GAP
        if is_frame:
            y += FRAME_PAD
            household = next((n for n in nodes if n["kind"] == "household"), None)
            frame = Box(
                key="household",
                kind="household",
                x=MARGIN // 2,
                y=top,
                w=WIDTH - MARGIN,
                h=y - top,
                label=household["label"] if household else "",
                detail="",
                title=household["label"] if household else "",
            )
            if previous_bottom is not None:  # the people around hang above the frame
                lines.append(Line(middle, previous_bottom, middle, top))
            previous_bottom = y
        elif placed:
            last = max(b.y for b in placed) + BOX_H // 2
            if frame is None:
                # above the household: the bus runs from the first row down to the frame
                first = min(b.y for b in placed) + BOX_H // 2
                lines.append(Line(middle, first, middle, y))
                previous_bottom = y
            else:
                lines.append(Line(middle, previous_bottom, middle, last))
                previous_bottom = last
            for box in placed:
                edge_x = box.x + box.w if box.x < middle else box.x
                lines.append(Line(edge_x, box.y + BOX_H // 2, middle, box.y + BOX_H // 2))
        y += GAP + 4
    drawn = list(boxes.values())
    return Layout(WIDTH, max(y, 60), drawn, lines, headings, frame)
