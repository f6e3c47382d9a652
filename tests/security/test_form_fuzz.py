"""Issue #14, proved by fuzzing: hostile values posted to every HTML form never give a 500, and a
refused page says what is wrong.

Every POST route in the URL map that a logged-in staff member can reach (each with a role it
allows) and the resident's intake pages get hypothesis-generated form bodies: NUL and other
control characters, huge strings, right-to-left overrides, zero-width characters, numbers at and
beyond 2^63, several values for one field, missing and unknown fields, and hostile ids in the
address. CSRF is on, with the real token of the session, so the forms' own checks are reached.
The field names come from the forms on the pages themselves (a short crawl), so a new field is
fuzzed without touching this test.

Normal suite: a few examples per route (well under 30 s). A larger run:
`FUZZ_EXAMPLES=200 .venv/bin/pytest -q tests/security/test_form_fuzz.py -s` (prints the count).
Left out: /api/v1 (fuzzed from its OpenAPI document, tests/api/test_schemathesis.py) and the
/mijn pages (a DigiD session; their forms are buttons).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from html import unescape
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import MethodNotAllowed, NotFound

from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.intake_form.registry import STEPS
from portal.main.errors import MESSAGES
from portal.plans.views import SECTIONS
from tests.households.conftest import family, join, make_team, submit
from tests.staff.conftest import clock, login, make_staff  # noqa: F401  (clock is a fixture)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
HOSTILE = [
    "\x00",
    "An\x00na",
    "\x01\x07\x1b[31m",
    "x" * 70_000,
    "é" * 5_000,
    "\u202eevil\u202c",
    "\u200b",
    "\u200b\u200c\u2060\ufeff",
    "\u2066abc\u2069",
    str(2**63),
    str(2**63 - 1),
    str(-(2**63) - 1),
    str(2**64),
    "9" * 40,
    "1e309",
    "NaN",
    "-1",
    "0",
    "",
    "   ",
    "%(name)s",
    "%s%s%n",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "2026-02-30",
    "99-99-99999",
    "\uff19\uff19",  # full-width digits: str.isdigit() says yes, int() too, a database may not
    "\u00b2",  # '²': isdigit() yes, int() no
    "\r\nSet-Cookie: x=1",
    "//evil.example/",
    "../../etc/passwd",
    "\U0001f642" * 300,
    "true",
    "on",
    "ja",
    "nee",
    "null",
]
VALUE = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
HOSTILE_IDS = [0, 2**31, 2**63 - 1, 2**63, 2**64, 10**30]
HOSTILE_SEGMENTS = ["onbekend", "%00", "\u202e", "x" * 300, "9" * 30]
# the value of a field: one value, or several (a list the form does not expect)
FIELD_VALUE = st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3))
EXTRA_NAMES = ["id", "household_id", "staff_id", "revision", "action", "submit_token", "terug"]
# Not fuzzed: the API and the DigiD pages (see the docstring); logging out ends the session the
# other routes use, so it is fuzzed last; the log-in steps last of all (a fresh browser).
SKIPPED_PREFIXES = ("api.", "residents.")
AUTH_ENDPOINTS = {"staff.login", "staff.code", "staff.enrol", "staff.use_reset"}
LAST = {"staff.logout", "intake.discard", "intake.submit"}
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ACTION = re.compile(r'action="([^"]*)"')
NAME = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"')
LINK = re.compile(r'href="(/[^"#]*)"')
# forms a page shows only in a state the scene does not reach (the meldcode for an unsafe home,
# the code step halfway through a log-in)
NOT_ON_PAGES = {
    "staff.households.meldcode_step": {"step", "who", "done_on", "decision", "outcome"},
    "staff.code": {"code"},
    "staff.enrol": {"code"},
    "staff.households.decide_match": {"decision", "reason"},
}
MANY_ROWS = re.compile(r"-rows-([2-9]|\d\d)-")


def _token(client, path: str) -> str:
    found = TOKEN.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


class Crawl:
    """The field names of every form found on the pages a client can reach, per endpoint."""

    def __init__(self, app):
        self.adapter = app.url_map.bind("localhost")
        self.fields: dict[str, set[str]] = defaultdict(set)

    def endpoint(self, path: str, method: str) -> str | None:
        try:
            return self.adapter.match(path, method=method)[0]
        except (NotFound, MethodNotAllowed):
            return None

    def pages(self, client, starts: list[str], prefixes: tuple[str, ...], limit: int = 40):
        seen, queue = set(), list(starts)
        while queue and len(seen) < limit:
            path = queue.pop(0)
            if path in seen or path.endswith((".docx", "/afdrukken")):
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.content_type:
                continue
            html = response.get_data(as_text=True)
            for attributes, body in FORM.findall(html):
                if "post" not in attributes.lower():
                    continue
                action = ACTION.search(attributes)
                target = urlsplit(unescape(action.group(1)) if action else path).path or path
                endpoint = self.endpoint(target, "POST")
                if endpoint:
                    names = {unescape(n) for n in NAME.findall(body)} - {"csrf_token"}
                    self.fields[endpoint] |= names
            for link in LINK.findall(html):
                link = unescape(link).split("?")[0]
                if link.startswith(prefixes) and link not in seen:
                    queue.append(link)


def _is_refusal_page(html: str) -> bool:
    """A refused page says what is wrong: the error summary, an alert, or an error page."""
    if (
        "error-summary" in html
        or "utrecht-alert--error" in html
        or "utrecht-alert--warning" in html
    ):
        return True
    titles = [title() for title, _text in MESSAGES.values()]
    titles += ["Deze pagina is verlopen", "U stuurde te veel tekst tegelijk"]  # CSRF, 413
    return any(title in html for title in titles)


@pytest.fixture
def scene(app, clock):  # noqa: F811
    """A contact person, a team lead, an admin and a front-desk worker, logged in; a household
    with a plan, a consent and outcomes; a resident with a draft; a staff account to disable."""
    noord = make_team(app, "Noord", [(2740, 2749)])
    people = {
        "contact_person": make_staff(app, "a@test.example", "contact_person"),
        "team_lead": make_staff(app, "l@test.example", "team_lead"),
        "admin": make_staff(app, "beheer@test.example", "admin"),
        "front_desk": make_staff(app, "loket@test.example", "front_desk"),
        "ontschotter": make_staff(app, "o@test.example", "ontschotter"),
    }
    join(app, people["contact_person"], noord)
    join(app, people["team_lead"], noord, leads=True)
    join(app, make_staff(app, "b@test.example", "contact_person"), noord)  # to hand over to
    victim = make_staff(app, "slachtoffer@test.example", "contact_person")
    household = submit(app, family("2741AB"))
    with app.app_context():
        outcome = db.session.query(HouseholdOutcome).filter_by(household_id=household).first()
        outcome_id = outcome.id
    clients = {}
    for role, account in people.items():
        client = app.test_client()
        login(client, account, clock)
        clients[role] = client
    resident = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = True  # from here on every post carries the real token
    a = clients["contact_person"]
    base = f"/medewerkers/huishoudens/{household}"
    token = _token(a, base)
    a.post(f"{base}/plan/maken", data={"csrf_token": token})
    a.post(
        f"{base}/toestemming",
        data={"csrf_token": token, "organisation": "Schuldhulp", "purpose": "Meekijken"},
    )
    desk = clients["front_desk"]
    assert (
        desk.post("/balie/nieuw", data={"csrf_token": _token(desk, "/balie/")}).status_code == 303
    )
    with desk.session_transaction() as session:
        desk_draft = session["intake_draft"]
    resident.post("/aanvraag/beginnen", data={"csrf_token": _token(resident, "/aanvraag/")})
    _escalation(app, a, clients["ontschotter"], household, people, clock)
    ids = {
        "household_id": [household],
        "outcome_id": [outcome_id],
        "consent_id": [1],
        "staff_id": [victim.id],
        "section": list(SECTIONS),
        "step_id": [step.id for step in STEPS],
        "member_id": ["m1", "m2"],
        "public_id": [desk_draft],
        "number": [1],
        "escalation_id": [1],
        "action_id": [1],
        "payment_id": [1],
    }
    return {"clients": clients, "resident": resident, "ids": ids, "household": household}


def _escalation(app, contact, ontschotter, household, people, clock) -> None:  # noqa: F811
    """Escalation 1 with a platform, action 1 and pre-financing payment 1 (issue #17); the
    ontschotter has a mandate and this year's handgeld."""
    from portal.escalations import ledger
    from portal.escalations.models import OntschotterMandate
    from portal.models import StaffMember

    with app.app_context():
        staff_id = people["ontschotter"].id
        db.session.add(OntschotterMandate(staff_id=staff_id, granted=True, set_at=clock()))
        admin = db.session.get(StaffMember, people["admin"].id)
        ledger.set_budget(2026, amount_cents=5_000_00, per_payment_limit_cents=1_000_00, by=admin)
        db.session.commit()
    base = f"/medewerkers/huishoudens/{household}"
    escalation = {
        "need": "Een kamer",
        "barriers-0-side_a": "fonds",
        "barriers-0-side_b": "wonen",
        "tried": "Noodfonds",
    }
    response = contact.post(
        f"{base}/escaleren", data={"csrf_token": _token(contact, base), **escalation}
    )
    assert response.status_code == 303
    page = "/medewerkers/escalaties/1"
    token = _token(ontschotter, page)
    day = {"held_on-day": "23", "held_on-month": "11", "held_on-year": "2026"}
    platform = {"csrf_token": token, **day, "first_problem": "Borg", "revision": "0"}
    platform |= {"participants-0-name": "Sam", "participants-0-organisation": "Wijkteam"}
    platform |= {"participants-0-role": "Regie"}
    assert ontschotter.post(f"{page}/casusplatform", data=platform).status_code == 303
    action = {"csrf_token": token, "what": "Bellen", "owner": str(people["contact_person"].id)}
    action |= {"due_on-day": "1", "due_on-month": "12", "due_on-year": "2026"}
    assert ontschotter.post(f"{page}/acties", data=action).status_code == 303
    payment = {"csrf_token": token, "purpose": "Borg", "amount": "450,50", "prefinancing": "y"}
    payment |= {"recover_from": "wmo"}
    assert ontschotter.post(f"{page}/handgeld", data=payment).status_code == 303


def _client_for(rule, view, scene):
    roles = getattr(view, "required_roles", None)
    if roles:
        return next((scene["clients"][r] for r in roles if r in scene["clients"]), None)
    if rule.endpoint.startswith(("intake.", "main.")):
        return scene["resident"]
    return None


def _crawl(app, scene) -> Crawl:
    crawl = Crawl(app)
    household = scene["household"]
    staff_starts = ["/medewerkers/", f"/medewerkers/huishoudens/{household}"]
    base = f"/medewerkers/huishoudens/{household}"
    extra = {
        "contact_person": [f"{base}/plan", f"{base}/plan/uitgeven"]
        + [f"{base}/plan/{s}" for s in SECTIONS]
        + [f"/medewerkers/uitkomsten/{scene['ids']['outcome_id'][0]}", "/medewerkers/wachtwoord"],
        "team_lead": [f"{base}/overdragen", f"{base}/inzage"],
        "admin": ["/medewerkers/beheer/", "/medewerkers/beheer/teams", f"{base}/inzage"],
        "front_desk": ["/balie/", "/balie/afronden", "/balie/inwoner-zoeken"],
        "ontschotter": ["/medewerkers/escalaties/1", "/medewerkers/handgeld"],
    }
    extra["admin"].append("/medewerkers/beheer/ontschotters")
    for role, client in scene["clients"].items():
        crawl.pages(client, staff_starts + extra[role], ("/medewerkers/", "/balie/"))
    crawl.pages(app.test_client(), ["/medewerkers/inloggen"], ("/medewerkers/",), limit=5)
    resident = scene["resident"]
    crawl.pages(
        resident,
        ["/aanvraag/"] + [f"/aanvraag/stap/{s.id}" for s in STEPS],
        ("/aanvraag/",),
        limit=60,
    )
    crawl.pages(scene["clients"]["front_desk"], ["/aanvraag/stap/over-u"], ("/aanvraag/",), 5)
    return crawl


def _fuzz(rule, client, token, arguments, body, failures: list, counts: dict) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        values=st.fixed_dictionaries(arguments),
        form=body,
        with_token=st.sampled_from([True, True, True, False]),
    )
    def post(values, form, with_token):
        try:
            url = rule.build(values, append_unknown=False)[1]
        except Exception:  # a value the route's converter cannot build
            return
        data = dict(form)
        if token and with_token:
            data["csrf_token"] = token
        counts["requests"] += 1
        try:
            response = client.post(url, data=data)
            counts.setdefault("by_status", {}).setdefault(rule.endpoint, []).append(
                response.status_code
            )
        except Exception as error:  # in tests an exception is the 500
            failures.append(f"{rule.endpoint} {url!r} {data!r:.300}: {error!r}")
            return
        if response.status_code >= 500:
            failures.append(f"{rule.endpoint} {url!r} {data!r:.300}: {response.status_code}")
        elif response.status_code >= 400 and "html" in response.content_type:
            counts["refused"] += 1
            if not _is_refusal_page(response.get_data(as_text=True)):
                failures.append(
                    f"{rule.endpoint} {url!r}: {response.status_code} without a message"
                )

    post()


def test_hostile_form_posts_never_give_a_500_and_refusals_say_why(app, scene, clock):  # noqa: F811
    crawl = _crawl(app, scene)
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.endpoint.startswith(SKIPPED_PREFIXES)
    ]
    rules.sort(key=lambda r: (r.endpoint in AUTH_ENDPOINTS, r.endpoint in LAST, r.rule))
    failures: list[str] = []
    counts = {"requests": 0, "routes": 0, "refused": 0}

    for rule in rules:
        view = app.view_functions[rule.endpoint]
        client = _client_for(rule, view, scene)
        if rule.endpoint in AUTH_ENDPOINTS:
            client = app.test_client()  # a browser at the log-in page
        assert client is not None, f"no client for {rule.endpoint}"
        token = None
        for page in ("/medewerkers/", "/balie/", "/aanvraag/", "/"):
            found = TOKEN.search(client.get(page).get_data(as_text=True))
            if found:
                token = found.group(1)
                break
        # the plan's list sections repeat their fields per row: two rows are enough
        names = sorted(n for n in crawl.fields.get(rule.endpoint, set()) if not MANY_ROWS.search(n))
        counts["routes"] += 1
        arguments = {
            name: st.one_of(
                st.sampled_from(scene["ids"].get(name, [1])),
                st.sampled_from(
                    HOSTILE_IDS
                    if "int" in type(rule._converters[name]).__name__.lower()
                    else HOSTILE_SEGMENTS
                ),
            )
            for name in rule.arguments
        }
        body = st.fixed_dictionaries(
            {}, optional={name: FIELD_VALUE for name in names + EXTRA_NAMES}
        )

        _fuzz(rule, client, token, arguments, body, failures, counts)

    print(
        f"\nform fuzz: {counts['routes']} routes, {counts['requests']} posts, "
        f"{counts['refused']} refused with a page, {len(failures)} failures"
    )
    if os.environ.get("FUZZ_VERBOSE"):
        for endpoint, codes in sorted(counts["by_status"].items()):
            names = sorted(crawl.fields.get(endpoint, set()))
            print(endpoint, sorted(set(codes)), names)
    assert counts["routes"] >= 40
    assert not failures, "\n".join(failures[:30])
