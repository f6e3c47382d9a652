"""A picture of the household's network (issue #17): members, the people around them, the
professionals and organisations involved, and the provisions that connect them.

Entry point: `portal.network.data.gather(household, plan_network=..., for_document=...)` gives
the picture's data (nodes and edges, plain dicts, stored as-is in the plan's snapshot);
`layout.place()` turns it into boxes and lines once, and both `draw_svg.svg()` (the household
file and the plan's HTML) and `draw_png.png()` (the plan's .docx) draw from that same layout.
docs/household-budget.md."""
