"""A resident in Chromium: log in through the loopback OpenID Connect provider (a real redirect
flow in a real browser), see Mijn aanvraag, and axe-core finds no WCAG 2.1 A/AA violation on
the log-in page, on Mijn aanvraag and on "U bent uitgelogd" (after logging out at the
provider too), at 360 px and at 1280 px."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from portal.extensions import db
from portal.households.models import Consent
from portal.models import StaffMember
from portal.plans import service
from portal.residents import dev_provider
from tests.browser.conftest import DESKTOP, MOBILE, _QuietHandler
from tests.conftest import make_app
from tests.households.conftest import world  # noqa: F401  (fixture)
from tests.residents.conftest import USERS, family, submit
from tests.staff.conftest import clock  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

SECTIONS = {
    "nl": {
        "contact": "Uw contactpersoon",
        "plan": "Uw ondersteuningsplan",
        "apps": "Uw aanvragen",
        "sharing": "Wat mogen de anderen in uw huishouden zien?",
        "consents": "Toestemming om gegevens te delen",
        "acting": "Handelen namens iemand anders",
    },
    "en": {
        "contact": "Your contact person",
        "plan": "Your support plan",
        "apps": "Your applications",
        "sharing": "What may the others in your household see?",
        "consents": "Permission to share information",
        "acting": "Acting on behalf of someone else",
    },
}

# Words in the plan's table cells that the browser laid out over more than one line.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.plan-document table :is(th, td)')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def resident_server(browser_available, migrated):
    """The app on 127.0.0.1, logging residents in at a loopback OIDC provider."""
    provider = dev_provider.start(USERS)
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
        # What a resident looks for first: contact person, plan (with the call to agree),
        # applications (each with its summary first), what the others may see, consents.
        headings = page.locator("main h2:not(.visually-hidden)").all_inner_texts()
        # two adults: sharing asked; a child under 16: acting for them offered (issue #19)
        order = ("contact", "plan", "apps", "sharing", "consents", "acting")
        assert headings == [SECTIONS[language][k] for k in order]
        assert page.locator(f"main a[href='/mijn/plan/{version_id}']").count() == 2  # call, list
        assert page.locator(".resident-intake").count() == 1
        assert page.locator(".resident-intake > p.resident-intake__summary").count() == 1
        resident.goto("/mijn/wie-bekeek-mijn-gegevens")
        resident.goto("/mijn/berichten/")  # the channels and the message we sent (issue #19)
        assert page.locator("main input[name='kanaal']").count() == 2
        resident.goto(f"/mijn/plan/{version_id}")
        # Read first, then agree: the form is below the whole plan; the top links down to it.
        form = page.locator(f"form[action='/mijn/plan/{version_id}/akkoord']").bounding_box()
        last = page.locator(".plan-document > section").last.bounding_box()
        assert form["y"] >= last["y"] + last["height"]
        assert page.locator("a[href='#akkoord']").count() == 1
        # No word in the plan's tables is broken over two lines ("Stat/us", "Nieu/w"), also at
        # 1024 px, where the provisions table was squeezed.
        assert page.locator(".plan-document table").count() >= 5
        assert page.evaluate(BROKEN_WORDS) == []
        if not resident.mobile:
            page.set_viewport_size({"width": 1024, "height": 800})
            assert page.evaluate(BROKEN_WORDS) == []
            page.set_viewport_size(viewport)
        resident.goto("/mijn/koppelen")
        page.locator("main form[novalidate] button").click()  # empty: the error summary
        page.wait_for_selector(".error-summary")
        resident.check_page()
        resident.goto("/mijn/")
        page.locator("a[href*='/intrekken']").first.click()
        resident.check_page()  # the confirmation before withdrawing a consent
        # Log out with the button: our session ends, then the broker's log-out page (the
        # provider's confirm button), then back on "U bent uitgelogd", also at DigiD.
        page.locator("form.resident-logout button").click()
        page.wait_for_url(f"{issuer}/oauth2/end_session?**")
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(f"{resident_server}/mijn/uitgelogd?state=**")
        resident.check_page()
        assert (
            page.locator("main .utrecht-alert").inner_text()
            == {
                "nl": "U bent uitgelogd bij Mijn aanvraag en bij DigiD.",
                "en": "You are logged out of My application and of DigiD.",
            }[language]
        )
        assert page.locator("main a[href='/mijn/inloggen']").count() == 1
        page.goto("/mijn/")
        resident.expect_at("/mijn/inloggen")
    finally:
        context.close()
