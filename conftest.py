"""The clock every test runs on: a fixed moment, so no test depends on the day it runs.

A test that wants another day says so (`time_machine.travel(...)` or the staff `clock` fixture).
Real-browser tests are the exception: Chromium keeps the real time, and a server frozen in the
past would hand it cookies that expired long ago; those tests compute their dates relative to
today instead (tests/browser/households.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

# A Monday morning in the Netherlands, the same moment as the staff `clock` fixture's START.
FROZEN_AT = datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_time(request):
    if request.node.get_closest_marker("browser"):
        yield None
        return
    # tick=True: time moves on from FROZEN_AT as it really passes, so timeouts still work.
    with time_machine.travel(FROZEN_AT, tick=True) as traveller:
        yield traveller
