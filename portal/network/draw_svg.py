"""The picture as inline SVG for a page: role="img" with <title> and <desc> (the text
alternative), presentation attributes only (the CSP allows no inline style), no script. Every
text goes through Markup.format, which escapes it."""

from __future__ import annotations

from markupsafe import Markup

from portal.network import data
from portal.network.layout import place

# fills per kind, with dark text on each: contrast above 7:1 (WCAG 1.4.3 / 1.4.11)
FILL = {
    "member": "#e8f1fb",
    "person": "#eef7ee",
    "professional": "#fdf3e1",
    "organisation": "#f1ecf8",
    "regime": "#ffffff",
}
STROKE = "#3b3b3b"
TEXT = "#1a1a1a"

OPEN = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="network-picture" '
    'role="img" aria-labelledby="{ident}-titel {ident}-uitleg" font-family="sans-serif">'
    '<title id="{ident}-titel">{title}</title><desc id="{ident}-uitleg">{desc}</desc>'
)
FRAME = Markup(
    '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="#f7f7f7" stroke="{stroke}" '
    'stroke-width="1.5" stroke-dasharray="6 3"/>'
)
LINE = Markup('<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#5a5a5a" stroke-width="1.5"/>')
HEADING = Markup(
    '<text x="{x}" y="{y}" font-size="13" font-weight="bold" fill="{fill}">{text}</text>'
)
BOX = Markup(
    '<g><title>{title}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" '
    'fill="{fill}" stroke="{stroke}" stroke-width="1"/>'
    '<text x="{tx}" y="{ty1}" font-size="13" font-weight="bold" fill="{text}">{label}</text>'
    '<text x="{tx}" y="{ty2}" font-size="11" fill="{text}">{detail}</text></g>'
)


def svg(picture: dict, *, title: str, ident: str = "netwerk") -> Markup:
    layout = place(picture)
    out = [
        OPEN.format(
            w=layout.width,
            h=layout.height,
            ident=ident,
            title=title,
            desc=data.description(picture),
        )
    ]
    if layout.frame is not None:
        f = layout.frame
        out.append(FRAME.format(x=f.x, y=f.y, w=f.w, h=f.h, stroke=STROKE))
    for line in layout.lines:
        out.append(LINE.format(x1=line.x1, y1=line.y1, x2=line.x2, y2=line.y2))
    for heading in layout.headings:
        out.append(HEADING.format(x=heading.x, y=heading.y, fill=TEXT, text=heading.text))
    for box in layout.boxes:
        out.append(
            BOX.format(
                title=box.title,
                x=box.x,
                y=box.y,
                w=box.w,
                h=box.h,
                fill=FILL.get(box.kind, "#ffffff"),
                stroke=STROKE,
                tx=box.x + 8,
                ty1=box.y + 19,
                ty2=box.y + 36,
                text=TEXT,
                label=box.label,
                detail=box.detail,
            )
        )
    out.append(Markup("</svg>"))
    return Markup("").join(out)
