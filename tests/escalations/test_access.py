"""Who sees escalations, per role and per route (issue #17): the ontschotter sees every one; a
team lead those of the team's households; a contact person those of their own households; the
front desk none. Someone who may not see an escalation gets 404 (audited as refused), as for
one that does not exist; a role that never uses a page gets 403."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.households.models import REFUSED, AuditEvent
from tests.escalations.conftest import (
    BASE,
    as_,
    decision_form,
    escalate,
    platform_form,
    text,
    version_of,
)
from tests.escalations.test_flow import TODAY


@pytest.fixture
def escalated(app, people, household, clock):
    return escalate(app, as_(app, people, "a", clock), household)


def routes(escalation_id: int, household_id: int) -> dict[str, tuple[str, str]]:
    return {
        "list": ("GET", f"{BASE}/escalaties"),
        "page": ("GET", f"{BASE}/escalaties/{escalation_id}"),
        "escalate": ("GET", f"{BASE}/huishoudens/{household_id}/escaleren"),
        "platform": ("POST", f"{BASE}/escalaties/{escalation_id}/casusplatform"),
        "action": ("POST", f"{BASE}/escalaties/{escalation_id}/acties"),
        "decide": ("POST", f"{BASE}/escalaties/{escalation_id}/besluit"),
        "evaluate": ("POST", f"{BASE}/escalaties/{escalation_id}/evaluatie"),
        "pay": ("POST", f"{BASE}/escalaties/{escalation_id}/handgeld"),
        "ledger": ("GET", f"{BASE}/handgeld"),
        "beheer": ("GET", f"{BASE}/beheer/ontschotters"),
        "report": ("GET", f"{BASE}/escalaties/rapport"),
    }


# status per route for each person of the world; 400 = allowed in, but the empty form refused;
# 409 = allowed in, but the form was read at another version (999)
EXPECTED = {
    # the front desk: no escalation page at all
    "desk": dict.fromkeys(
        (
            "list",
            "page",
            "escalate",
            "platform",
            "action",
            "decide",
            "evaluate",
            "pay",
            "ledger",
            "beheer",
            "report",
        ),
        403,
    ),
    # the household's own contact person
    "a": {
        "list": 200,
        "page": 200,
        "escalate": 303,
        "platform": 403,
        "action": 403,
        "decide": 403,
        "evaluate": 403,
        "pay": 403,
        "ledger": 403,
        "beheer": 403,
        "report": 403,
    },
    # another contact person of the same team: not their household
    "b": {
        "list": 200,
        "page": 404,
        "escalate": 404,
        "platform": 403,
        "action": 403,
        "decide": 403,
        "evaluate": 403,
        "pay": 403,
        "ledger": 403,
        "beheer": 403,
        "report": 403,
    },
    # the lead of the household's team (decide: allowed in, refused for want of mandate)
    "l": {
        "list": 200,
        "page": 200,
        "escalate": 303,
        "platform": 403,
        "action": 403,
        "decide": 403,
        "evaluate": 403,
        "pay": 403,
        "ledger": 403,
        "beheer": 403,
        "report": 200,
    },
    # the lead of another team
    "m": {
        "list": 200,
        "page": 404,
        "escalate": 404,
        "platform": 403,
        "action": 403,
        "decide": 404,
        "evaluate": 403,
        "pay": 403,
        "ledger": 403,
        "beheer": 403,
        "report": 200,
    },
    # the ontschotter: every escalation, never the household file's escalate button
    "o": {
        "list": 200,
        "page": 200,
        "escalate": 403,
        "platform": 409,
        "action": 400,
        "decide": 403,
        "evaluate": 409,
        "pay": 400,
        "ledger": 200,
        "beheer": 403,
        "report": 200,
    },
    # beheer: mandate, budget and the report; no escalation
    "admin": {
        "list": 403,
        "page": 403,
        "escalate": 403,
        "platform": 403,
        "action": 403,
        "decide": 403,
        "evaluate": 403,
        "pay": 403,
        "ledger": 403,
        "beheer": 200,
        "report": 200,
    },
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_each_role_on_each_route(app, people, household, escalated, clock, who):
    client = as_(app, people, who, clock)
    found = {}
    for name, (method, url) in routes(escalated, household).items():
        found[name] = client.open(url, method=method, data={"revision": "999"}).status_code
    assert found == EXPECTED[who]


def test_lists_show_only_what_the_person_may_see(app, people, household, escalated, clock):
    other = escalate(app, as_(app, people, "c", clock), _zuid_household(app))
    assert f"Escalatie {escalated}" in text(as_(app, people, "a", clock).get(f"{BASE}/escalaties"))
    mine = text(as_(app, people, "b", clock).get(f"{BASE}/escalaties"))
    assert f"Escalatie {escalated}" not in mine and f"Escalatie {other}" not in mine
    lead = text(as_(app, people, "m", clock).get(f"{BASE}/escalaties"))
    assert f"Escalatie {other}" in lead and f"Escalatie {escalated}" not in lead
    everything = text(as_(app, people, "o", clock).get(f"{BASE}/escalaties"))
    assert f"Escalatie {other}" in everything and f"Escalatie {escalated}" in everything


def _zuid_household(app) -> int:
    from tests.escalations.conftest import family, submit

    return submit(app, family("2801AB", bsn_offset=7))


def test_a_refused_look_leaves_a_trace(app, people, household, escalated, clock):
    assert as_(app, people, "b", clock).get(f"{BASE}/escalaties/{escalated}").status_code == 404
    with app.app_context():
        refused = db.session.scalars(
            sa.select(AuditEvent.what).where(AuditEvent.action == REFUSED)
        ).all()
    assert f"escalation:{escalated}" in refused


def test_a_team_lead_deciding_gets_the_form_back_with_the_reason(
    app, people, household, escalated, clock
):
    ontschotter = as_(app, people, "o", clock)
    ontschotter.post(
        f"{BASE}/escalaties/{escalated}/casusplatform",
        data=platform_form(TODAY, version_of(app, escalated)),
    )
    typed = decision_form(version_of(app, escalated), decision="Besluit door de teamleider")
    response = as_(app, people, "l", clock).post(
        f"{BASE}/escalaties/{escalated}/besluit", data=typed
    )
    assert response.status_code == 403
    page = text(response)
    assert "U heeft geen mandaat om dit te besluiten of te betalen." in page
    assert "Besluit door de teamleider" in page and typed["weighing"] in page


def test_the_contact_person_of_a_protected_household_still_sees_its_escalation(
    app, people, household, escalated, clock
):
    client = as_(app, people, "a", clock)
    client.post(f"{BASE}/huishoudens/{household}/afschermen", data={"reason": "Veiligheid"})
    page = client.get(f"{BASE}/escalaties/{escalated}")
    assert page.status_code == 200 and "Afgeschermd huishouden." in text(page)
    # the ontschotter sees the escalation with the same warning
    assert "Afgeschermd huishouden." in text(
        as_(app, people, "o", clock).get(f"{BASE}/escalaties/{escalated}")
    )
    # the team lead gives a reason first, as for the file
    lead = as_(app, people, "l", clock).get(f"{BASE}/escalaties/{escalated}")
    assert lead.status_code == 302 and "/inzage" in lead.headers["Location"]


def test_the_resident_reads_who_looked_at_their_case_with_the_ontschotter(app):
    from portal.residents.mine import _subject

    with app.test_request_context():
        assert _subject("escalation:3") == "uw zaak bij de ontschotter"
        assert _subject("handgeld_payment:1") == "uw zaak bij de ontschotter"
        assert _subject("household:3") == "uw dossier"
