"""Issue #18, the Wmo client-experience survey in Chromium: at 360 px (and 1280 px) the notice
on Mijn aanvraag, the survey page, the page after an empty post (error summary first, focus on
it) have no WCAG 2.1 A/AA violation (axe-core) and nothing scrolls sideways; the answers are
sent and the notice goes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal import dutch_time
from portal.extensions import db
from portal.models import Household
from portal.plans import service as plans
from portal.survey.models import SurveyInvitation, SurveyResponse
from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.test_documents_page import _log_in
from tests.browser.test_resident_page import resident_server  # noqa: F401  (fixture)
from tests.households.conftest import world  # noqa: F401  (fixture)
from tests.residents.conftest import family, submit
from tests.staff.conftest import clock  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def _invited(app) -> None:
    household, _ = submit(app, family())
    with app.app_context():
        plan = plans.plan_for(household)
        db.session.flush()
        intake = db.session.get(Household, household).intakes[0]
        db.session.add(
            SurveyInvitation(
                household_id=household,
                member_id=intake.applicant_member().id,
                plan_id=plan.id,
                closes_on=dutch_time.today() + timedelta(days=28),
                answered=False,
            )
        )
        db.session.commit()


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["360px", "desktop"])
def test_the_survey_page_is_accessible(
    app,
    world,  # noqa: F811
    browser,
    resident_server,  # noqa: F811
    viewport,
):
    from tests.browser.resident import Resident, install_axe

    server, issuer = resident_server
    _invited(app)
    context = browser.new_context(base_url=server, viewport=viewport, locale="nl-NL")
    context.set_default_timeout(10_000)
    install_axe(context)
    try:
        resident = Resident(context.new_page(), mobile=viewport["width"] < 600)
        page = resident.page
        _log_in(page, server, issuer)
        resident.check_page()  # the notice on Mijn aanvraag
        page.get_by_role("link", name="Naar de vragen").click()
        page.wait_for_selector("main form")
        resident.check_page()
        page.get_by_role("button", name="Antwoorden versturen").click()
        page.wait_for_selector(".error-summary")
        resident.check_page()
        assert page.evaluate("() => document.activeElement.id") == "fouten"
        page.locator("#vraag-serious-5").check()
        page.locator("#vraag-life-0").check()
        page.locator("#opmerking").fill("Duidelijke uitleg.")
        page.get_by_role("button", name="Antwoorden versturen").click()
        page.wait_for_url(f"{server}/mijn/")
        resident.check_page()
        assert "Naar de vragen" not in page.locator("main").inner_text()
    finally:
        context.close()
    with app.app_context():
        assert db.session.query(SurveyResponse).count() == 1
