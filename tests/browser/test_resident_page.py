"""A resident in Chromium: log in through the loopback OpenID Connect provider (a real redirect
flow in a real browser), see Mijn aanvraag, and axe-core finds no WCAG 2.1 A/AA violation on
the log-in page and on Mijn aanvraag, at 360 px and at 1280 px."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from portal.extensions import db
from portal.households.models import Consent
from portal.models import StaffMember
from portal.plans import service
from portal.residents import test_provider
from tests.browser.conftest import DESKTOP, MOBILE, _QuietHandler
from tests.conftest import make_app
from tests.households.conftest import world  # noqa: F401  (fixture)
from tests.residents.conftest import USERS, family, submit
from tests.staff.conftest import clock  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def resident_server(browser_available, migrated):
    """The app on 127.0.0.1, logging residents in at a loopback OIDC provider."""
    provider = test_provider.start(USERS)
    app = make_app(
        migrated,
        OIDC_ISSUER=provider.issuer,
        OIDC_CLIENT_ID="eenloket-browser",
        OIDC_CLIENT_SECRET="browser-test-secret",
    )
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", provider.issuer
    server.shutdown()
    thread.join(timeout=10)
    provider.stop()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "360px"])
def test_log_in_with_test_digid_and_see_mijn_aanvraag(
    app,
    world,  # noqa: F811
    browser,
    resident_server,
    language,
    viewport,
):
    from tests.browser.resident import Resident, install_axe

    resident_server, issuer = resident_server
    household, _ = submit(app, family())
    with app.app_context():  # a consent and an issued plan, so every section has content
        db.session.add(
            Consent(household_id=household, organisation="Schuldhulp Midden", purpose="Afspraak")
        )
        version = service.issue(
            service.plan_for(household), db.session.get(StaffMember, world["a"].id)
        )
        db.session.commit()
        version_id = version.id
    context = browser.new_context(
        base_url=resident_server, viewport=viewport, locale={"nl": "nl-NL", "en": "en-GB"}[language]
    )
    context.set_default_timeout(10_000)
    install_axe(context)
    try:
        resident = Resident(context.new_page(), mobile=viewport["width"] < 600)
        resident.goto("/mijn/")  # not logged in: to the log-in page
        resident.expect_at("/mijn/inloggen")
        resident.check_page()
        page = resident.page
        assert page.locator(".utrecht-alert--warning").count() == 1  # "this is a test login"
        page.locator("a[href='/mijn/inloggen/digid']").click()
        # The provider's own page (another origin): choose the invented resident.
        page.wait_for_url(f"{issuer}/oauth2/authorize?**")
        page.get_by_role("button", name="anouk", exact=True).click()
        page.wait_for_url(f"{resident_server}/mijn/")
        resident.check_page()
        headings = page.locator("h2").all_inner_texts()
        assert len(headings) >= 4  # contact person, intakes, plan, consents
        assert page.locator(".resident-intake").count() == 1
        resident.goto("/mijn/wie-bekeek-mijn-gegevens")
        resident.goto(f"/mijn/plan/{version_id}")
        resident.goto("/mijn/koppelen")
        page.locator("main form[novalidate] button").click()  # empty: the error summary
        page.wait_for_selector(".error-summary")
        resident.check_page()
        resident.goto("/mijn/")
        page.locator("a[href*='/intrekken']").first.click()
        resident.check_page()  # the confirmation before withdrawing a consent
        # Log out with the button: back on the log-in page, Mijn aanvraag closed.
        page.locator("form.resident-logout button").click()
        page.wait_for_url(f"{resident_server}/mijn/inloggen")
        resident.check_page()
        page.goto("/mijn/")
        resident.expect_at("/mijn/inloggen")
    finally:
        context.close()
