"""The insight pages in a real browser (issue #18): a team lead reads the figures (charts and
tables) and a policy officer runs a what-if, watches its progress bar move without reloading
and reads the result; a corrupt draft gets a clear message. axe-core finds no WCAG 2.0/2.1 A or
AA violation on any of these pages, at 1280 px and at 360 px (no sideways scrolling)."""

from __future__ import annotations

import pytest

from portal.insight import figures_rollup
from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.staff import log_in
from tests.households.conftest import app, household, world  # noqa: F401  (fixtures)
from tests.insight.conftest import draft_upload
from tests.staff.conftest import make_staff


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "360px"])
def test_figures_and_a_what_if_in_the_browser(
    open_browser,
    app,  # noqa: F811
    world,  # noqa: F811
    household,  # noqa: F811
    viewport,
    tmp_path,
):
    with app.app_context():  # the figures the page reads, as the worker's beat task makes them
        figures_rollup.refresh()
    lead = open_browser(viewport)
    log_in(lead, world["l"])
    lead.goto("/medewerkers/beleid/cijfers")  # axe, and nothing scrolls sideways at 360 px
    assert "Intakes per maand en kanaal" in lead.text()
    assert lead.page.locator("svg[role=img] title").count() >= 3
    lead.goto(
        "/medewerkers/beleid/cijfers?period_from-day=1&period_from-month=1&period_from-year=2026"
    )

    officer = open_browser(viewport, keyboard=True)
    log_in(officer, make_staff(app, "beleid@browser.example", "policy_officer"))
    officer.goto("/medewerkers/beleid/wat-als")
    broken = tmp_path / "kapot.yaml"
    broken.write_bytes(b"format: 1\nid: [unclosed\n")
    officer.page.set_input_files("#draft_file", str(broken))
    officer.press("Bereken wat verandert")
    officer.check_page()  # the page with the error summary and the table of errors
    assert "geen geldige YAML" in officer.text()

    name, content = draft_upload(100)
    draft = tmp_path / name
    draft.write_bytes(content)
    officer.page.set_input_files("#draft_file", str(draft))
    officer.press("Bereken wat verandert")
    # the app's own thread runs it; the script polls and reloads the page when it is done
    officer.page.wait_for_selector("text=Per regeling en voorziening", timeout=60_000)
    officer.check_page()
    assert "Kindpakket" in officer.text()
    assert "H-" in officer.text()
