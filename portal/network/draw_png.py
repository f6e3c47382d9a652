"""The picture as PNG, for the plan's .docx (python-docx cannot embed SVG): the same layout
as the SVG, drawn with Pillow at three times the size so it stays sharp in print. The text is
Pillow's own built-in font (no system font needed on a fresh machine)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from portal.network.draw_svg import FILL, STROKE, TEXT
from portal.network.layout import place

SCALE = 3


def _font(size: int):
    return ImageFont.load_default(size=size * SCALE)


def png(picture: dict) -> tuple[bytes, int, int]:
    """(PNG bytes, width, height in layout units)."""
    layout = place(picture)
    s = SCALE
    image = Image.new("RGB", (layout.width * s, layout.height * s), "white")
    draw = ImageDraw.Draw(image)
    if layout.frame is not None:
        f = layout.frame
        draw.rounded_rectangle(
            (f.x * s, f.y * s, (f.x + f.w) * s, (f.y + f.h) * s),
            radius=6 * s,
            fill="#f7f7f7",
            outline=STROKE,
            width=2 * s // 2,
        )
    for line in layout.lines:
        draw.line(
            (line.x1 * s, line.y1 * s, line.x2 * s, line.y2 * s), fill="#5a5a5a", width=2 * s // 2
        )
    bold, small = _font(13), _font(11)
    for heading in layout.headings:
        draw.text((heading.x * s, (heading.y - 12) * s), heading.text, fill=TEXT, font=bold)
    for box in layout.boxes:
        draw.rounded_rectangle(
            (box.x * s, box.y * s, (box.x + box.w) * s, (box.y + box.h) * s),
            radius=4 * s,
            fill=FILL.get(box.kind, "#ffffff"),
            outline=STROKE,
            width=s,
        )
        draw.text(((box.x + 8) * s, (box.y + 7) * s), box.label, fill=TEXT, font=bold)
        draw.text(((box.x + 8) * s, (box.y + 26) * s), box.detail, fill=TEXT, font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), layout.width, layout.height
