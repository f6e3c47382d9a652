"""The what-if's quick comparison (portal/insight/whatif.py `Comparison`) finds exactly what the
full comparison finds: for generated households, under a draft that changes a limit and under a
draft that changes only a rule's term (same outcomes, same urgency, another deadline)."""

from __future__ import annotations

import importlib.util
import io
import random
import zipfile
from datetime import date
from pathlib import Path

from portal.insight import drafts, whatif
from tests.insight.conftest import draft_files, draft_upload
from verordening.engine import evaluate_with
from verordening.intake_schema import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
TERM_RULE = "wmo_dagbesteding"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "verordening_bench", ROOT / "bench" / "verordening_bench.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.random_intake


def _term_draft() -> tuple[str, bytes]:
    """The live files, with only wmo_dagbesteding's term changed (wmo_onderzoek -> Awb)."""
    files = draft_files(120)  # 120: the income limit as it is
    buffer = io.BytesIO()
    changed = 0
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            text = content.decode()
            marker = f"- id: {TERM_RULE}\n"
            if marker in text:
                head, tail = text.split(marker, 1)
                tail = tail.replace("deadline: wmo_onderzoek", "deadline: awb_beslistermijn", 1)
                text, changed = head + marker + tail, 1
            archive.writestr(name, text.encode())
    assert changed
    return "termijn.zip", buffer.getvalue()


def _full(live, draft, answers, as_of) -> list[dict]:
    before = evaluate_with(live, answers, as_of, any_date=True)
    after = evaluate_with(draft, answers, as_of, any_date=True)
    return whatif._changes(before, after, 1, 1)


def _strip(rows):
    return [{k: v for k, v in r.items() if k != "_rule"} for r in rows]


def test_the_quick_comparison_finds_what_the_full_one_finds(app):
    random_intake = _generator()
    rng = random.Random(18)
    catalogue = load_catalogue()
    intakes = [random_intake(rng, catalogue) for _ in range(400)]
    with app.app_context():
        live = whatif.live_version()
        for name, content in (draft_upload(100), _term_draft()):
            draft = drafts.load(name, content)
            compare = whatif.Comparison(live, draft)
            found = 0
            for n, answers in enumerate(intakes):
                as_of = date(2026, 1 + n % 12, 1 + n % 28)
                quick = compare(1, 1, answers, as_of)
                assert _strip(quick) == _strip(_full(live, draft, answers, as_of))
                found += bool(quick)
            assert found  # each draft changes something for some household
        # the term draft: same outcomes, same urgency; only the term differs, and it is found
        assert compare.term_rules == {TERM_RULE}
        changes = {r["change"] for a in intakes for r in compare(1, 1, a, date(2026, 3, 2))}
        assert changes == {"term"}
