"""Issue #20: Dutch at B1. Every Dutch text a resident reads (of 8 words or more) scores at
least 65 on Flesch-Douma; `tools/readability.py` lists the hardest texts and says which fall
under the floor."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("readability", ROOT / "tools" / "readability.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_every_resident_text_reads_at_b1_level():
    tool = _tool()
    texts = tool.measured()
    assert len(texts) > 300  # the intake, Mijn aanvraag, the messages and the verordening
    under = [f"{t.score:.0f} {t.where}: {t.text}" for t in texts if t.score < tool.FLOOR]
    assert not under, "Rewrite these at B1 (tools/readability.py):\n" + "\n".join(under)


def test_the_score_tells_a_hard_text_from_an_easy_one():
    tool = _tool()
    easy = "Wij helpen u. Vul het formulier in. Dan bellen wij u."
    hard = (
        "Inkomensgrens individuele inkomenstoeslag, uitgedrukt als percentage van de "
        "toepasselijke bijstandsnorm inclusief vakantietoeslag."
    )
    assert tool.score(easy) >= tool.FLOOR > tool.score(hard)
