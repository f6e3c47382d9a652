"""Acting for someone else in Chromium (issue #19): log in through the loopback provider as a
DigiD Machtigen identity ("other" acting for Anouk), and the banner "U handelt namens …" is on
every resident page; axe-core finds no WCAG 2.1 A/AA violation and nothing scrolls sideways at
360 px, also on the page that says the authorisation does not allow something."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models import StaffMember
from portal.plans import service
from tests.browser.conftest import MOBILE
from tests.browser.test_resident_page import resident_server  # noqa: F401  (fixture)
from tests.households.conftest import world  # noqa: F401  (fixture)
from tests.residents.conftest import family, submit
from tests.staff.conftest import clock  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_banner_at_360_px(app, world, browser, resident_server, language):  # noqa: F811
    from tests.browser.resident import Resident, install_axe

    base, issuer = resident_server
    household, _reference = submit(app, family())
    with app.app_context():
        version = service.issue(
            service.plan_for(household), db.session.get(StaffMember, world["a"].id)
        )
        db.session.commit()
        version_id = version.id
    context = browser.new_context(
        base_url=base, viewport=MOBILE, locale={"nl": "nl-NL", "en": "en-GB"}[language]
    )
    context.set_default_timeout(10_000)
    install_axe(context)
    banner = {"nl": "U handelt namens Anouk", "en": "You are acting on behalf of Anouk"}[language]
    try:
        resident = Resident(context.new_page(), mobile=True)
        page = resident.page
        resident.goto("/mijn/inloggen")
        page.locator("a[href='/mijn/inloggen/digid']").click()
        page.wait_for_url(f"{issuer}/oauth2/authorize?**")
        page.get_by_role("button", name="other-for-anouk", exact=True).click()
        page.wait_for_url(f"{base}/mijn/")
        for path in ("/mijn/", "/mijn/wie-bekeek-mijn-gegevens", f"/mijn/plan/{version_id}"):
            resident.goto(path)
            region = page.get_by_role("region", name=banner)
            assert region.count() == 1, path
            assert region.get_by_role("button").count() == 1  # stop acting
        # a page the representative may not use: a 403 that says so, with the banner too
        response = page.goto("/mijn/koppelen")
        assert response.status == 403
        resident.check_page()
        assert page.get_by_role("region", name=banner).count() == 1
        # stop acting: back to one's own (empty) file, no banner
        page.get_by_role("region", name=banner).get_by_role("button").click()
        page.wait_for_url(f"{base}/mijn/")
        resident.check_page()
        assert page.get_by_role("region", name=banner).count() == 0
    finally:
        context.close()
