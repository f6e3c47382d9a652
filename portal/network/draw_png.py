"""The picture as PNG, for the plan's .docx (python-docx cannot embed SVG): the same layout
as the SVG, drawn with Pillow at three times the size so it stays sharp in print.

The text is DejaVu Sans (Condensed) where the machine has it (Debian's fonts-dejavu-extra or
fonts-dejavu-core, with every Dutch letter); text that does not fit its box is shortened with
"…"; without it, Pillow's built-in font, which lacks letters with
diacritics (ö, ë, é), so those are written without the mark ("Zorgcooperatie") rather than as
empty boxes. The text alternative and the table beside the picture keep the exact spelling."""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from portal.network.draw_svg import FILL, STROKE, TEXT
from portal.network.layout import place

SCALE = 3


FONTS = Path("/usr/share/fonts/truetype/dejavu")
# condensed (Debian fonts-dejavu-extra) fits more in a box; plain DejaVu Sans (fonts-dejavu-core)
REGULAR = ("DejaVuSansCondensed.ttf", "DejaVuSans.ttf")
BOLD = ("DejaVuSansCondensed-Bold.ttf", "DejaVuSans-Bold.ttf")


@cache
def _font(size: int, bold: bool = False):
    """(font, has every Dutch letter)."""
    for name in BOLD if bold else REGULAR:
        path = FONTS / name
        if path.is_file():
            return ImageFont.truetype(str(path), size * SCALE), True
    return ImageFont.load_default(size=size * SCALE), False


def _plain(text: str) -> str:
    """Letters with diacritics without the mark, for a font that lacks them."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c))


def _write(draw, position, text: str, font_and_letters, width: int | None = None) -> None:
    """`text` at `position`; shortened with "…" until it fits in `width` (pixels)."""
    font, complete = font_and_letters
    text = text if complete else _plain(text)
    if width is not None and font.getlength(text) > width:
        while text and font.getlength(text.rstrip() + "…") > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    draw.text(position, text, fill=TEXT, font=font)


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
    bold, small = _font(13, bold=True), _font(11)
    for heading in layout.headings:
        _write(draw, (heading.x * s, (heading.y - 12) * s), heading.text, bold)
    for box in layout.boxes:
        draw.rounded_rectangle(
            (box.x * s, box.y * s, (box.x + box.w) * s, (box.y + box.h) * s),
            radius=4 * s,
            fill=FILL.get(box.kind, "#ffffff"),
            outline=STROKE,
            width=s,
        )
        room = (box.w - 14) * s
        _write(draw, ((box.x + 8) * s, (box.y + 7) * s), box.label, bold, room)
        _write(draw, ((box.x + 8) * s, (box.y + 26) * s), box.detail, small, room)
    buffer = io.BytesIO()
    # measured on the demo plan (1020 x 1254 px): compress_level 3 64 ms and 105 kB; the
    # default 101 ms and 91 kB; optimize=True 320 ms and 87 kB
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue(), layout.width, layout.height
