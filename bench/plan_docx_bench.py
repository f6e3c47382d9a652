"""Benchmark the .docx ondersteuningsplan against bare python-docx, in the same run.

    .venv/bin/python bench/plan_docx_bench.py [--n 30] [--warmup 3]

1. `docx_bytes(snapshot)` for the largest realistic household (tests/plans/snapshots.py:
   9 members, 40 provisions across 6 regimes, 20 agreements, long free texts), inside an app
   context, as the download route calls it.
2. The baseline: the same paragraphs (with their styles) and tables, the same logo in the header
   and the same footer text, written with bare python-docx calls (`add_heading`,
   `add_paragraph`, `add_table`, `cell.text = ...`) from text prepared beforehand: no helpers,
   no cleaning, no dates or money to format, no translations, no field codes, no table
   properties.

Both are timed alternately (so they share the machine's load), each until the bytes of the
saved file are in hand. Prints median and p95 of both and the ratio (goal: at most 1.5 times).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.shared import Cm  # noqa: E402
from docx.table import Table  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402

from portal import create_app  # noqa: E402
from portal.plans.render_docx import docx_bytes  # noqa: E402
from tests.plans.snapshots import largest  # noqa: E402

GOAL = 1.5


def build_app():
    return create_app(
        {
            "ENV_MODE": "test",
            "TESTING": True,
            "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
        }
    )


def content_of(data: bytes) -> dict:
    """What the renderer wrote, as plain data: body blocks, header text, footer text."""
    doc = Document(io.BytesIO(data))
    blocks = []
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, doc)
            blocks.append(("p", paragraph.style.name, paragraph.text))
        elif tag == "tbl":
            table = Table(element, doc)
            blocks.append(("t", [[cell.text for cell in row.cells] for row in table.rows]))
    section = doc.sections[0]
    return {
        "blocks": blocks,
        "header": section.header.paragraphs[0].text.strip(),
        "footer": section.footer.paragraphs[0].text,
    }


def bare(content: dict, logo: bytes) -> bytes:
    """The same document with bare python-docx: what a programmer writes without a renderer."""
    doc = Document()
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(logo), height=Cm(1.4))
    header.add_run(content["header"])
    section.footer.paragraphs[0].text = content["footer"]
    for block in content["blocks"]:
        if block[0] == "p":
            _kind, style, text = block
            if style.startswith("Heading "):
                doc.add_heading(text, int(style[-1]))
            elif style == "Normal":
                doc.add_paragraph(text)
            else:
                doc.add_paragraph(text, style=style)
        else:
            rows = block[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(n: int, warmup: int) -> dict:
    app = build_app()
    snapshot = largest()
    with app.app_context():
        logo = Path(app.config["MUNICIPALITY_LOGO_PATH"]).read_bytes()
        content = content_of(docx_bytes(snapshot, "nl"))
        for _ in range(warmup):
            docx_bytes(snapshot, "nl")
            bare(content, logo)
        ours, baseline = [], []
        for _ in range(n):
            start = time.perf_counter()
            ours_bytes = docx_bytes(snapshot, "nl")
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare_bytes = bare(content, logo)
            baseline.append(time.perf_counter() - start)
    # The baseline really wrote the same text: same blocks when read back.
    same = content_of(bare_bytes)["blocks"] == content_of(ours_bytes)["blocks"]
    return {
        "n": n,
        "paragraphs": sum(1 for b in content["blocks"] if b[0] == "p"),
        "tables": sum(1 for b in content["blocks"] if b[0] == "t"),
        "table_rows": sum(len(b[1]) for b in content["blocks"] if b[0] == "t"),
        "bytes": len(ours_bytes),
        "same_content": same,
        "ours_median": statistics.median(ours),
        "ours_p95": p95(ours),
        "bare_median": statistics.median(baseline),
        "bare_p95": p95(baseline),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)
    r = run(args.n, args.warmup)
    ratio_median = r["ours_median"] / r["bare_median"]
    ratio_p95 = r["ours_p95"] / r["bare_p95"]
    print(
        f"largest household: {r['paragraphs']} paragraphs, {r['tables']} tables "
        f"({r['table_rows']} rows), {r['bytes']:,} bytes; same text as the baseline: "
        f"{'yes' if r['same_content'] else 'NO'}"
    )
    print(f"runs: {r['n']} each, alternating")
    print(
        f"docx_bytes        median {r['ours_median'] * 1000:7.1f} ms   "
        f"p95 {r['ours_p95'] * 1000:7.1f} ms"
    )
    print(
        f"bare python-docx  median {r['bare_median'] * 1000:7.1f} ms   "
        f"p95 {r['bare_p95'] * 1000:7.1f} ms"
    )
    verdict = "within" if ratio_median <= GOAL else "ABOVE"
    print(
        f"ratio             median {ratio_median:.2f}×   p95 {ratio_p95:.2f}×   "
        f"({verdict} the goal of ≤ {GOAL}×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
