"""Bad input gets a clear message and loses nothing typed (issue #17): escalations without a
schot, amounts that are negative, huge, malformed, over the limit or over the balance, a
payment or decision without mandate, a budget that makes no sense, a save on an old version."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.escalations.forms import cents_or_error
from portal.escalations.models import CasePlatform, HandgeldPayment
from portal.extensions import db
from tests.escalations.conftest import (
    BASE,
    as_,
    date_fields,
    decision_form,
    escalate,
    escalation_form,
    grant,
    platform_form,
    set_budget,
    text,
    version_of,
)
from tests.escalations.test_flow import TODAY


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("2.450,50", 245050),
        ("2450,5", 245050),
        ("€ 2.450", 245000),
        ("2450.50", 245050),
        ("250", 25000),
        ("0,01", 1),
    ],
)
def test_amounts_in_dutch_notation_are_read(app, typed, cents):
    with app.test_request_context():
        assert cents_or_error(typed) == (cents, None)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-50", "Een bedrag kan niet negatief zijn."),
        ("€ -2.450,50", "Een bedrag kan niet negatief zijn."),
        ("99999999999999", "Dit bedrag is te groot."),
        ("12,345,67", "Schrijf een bedrag in euro"),
        ("twintig", "Schrijf een bedrag in euro"),
        ("1e6", "Schrijf een bedrag in euro"),
        ("2,505", "Schrijf een bedrag in euro"),
        ("0", "Een bedrag moet meer dan € 0 zijn."),
        ("", "Vul een bedrag in euro in"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(app, typed, message):
    with app.test_request_context():
        cents, error = cents_or_error(typed)
    assert cents is None and error.startswith(message)


def test_an_escalation_needs_a_schot_of_two_different_sides(app, people, household, clock):
    client = as_(app, people, "a", clock)
    url = f"{BASE}/huishoudens/{household}/escaleren"
    cases = [
        (
            {"barriers-0-side_a": "", "barriers-0-side_b": "", "barriers-0-note": ""},
            "Kies minstens één schot",
        ),
        ({"barriers-0-side_b": "wmo"}, "Een schot zit tussen twee verschillende regelingen."),
        ({"barriers-0-side_b": ""}, "Kies bij elk schot twee regelingen of organisaties."),
        ({"barriers-0-side_b": "geheim"}, "Kies bij elk schot twee regelingen of organisaties."),
        ({"need": "   "}, "Schrijf wat de inwoner nodig heeft."),
    ]
    for overrides, message in cases:
        response = client.post(url, data=escalation_form(**overrides))
        assert response.status_code == 400, overrides
        page = text(response)
        assert message in page, overrides
        assert "Dagbesteding aangevraagd; meneer heeft maar 1,5 uur energie per dag." in page
    assert "Dit huishouden is niet geëscaleerd." in text(
        client.get(f"{BASE}/huishoudens/{household}")
    )


@pytest.fixture
def decided(app, people, household, clock):
    """An escalation with a platform and a decision by ontschotter O (mandate granted),
    handgeld 2026: € 1.000 with at most € 500 per payment."""
    escalation_id = escalate(app, as_(app, people, "a", clock), household)
    admin = as_(app, people, "admin", clock)
    grant(app, admin, people["o"])
    assert set_budget(admin, 2026, "1.000", "500").status_code == 303
    ontschotter = as_(app, people, "o", clock)
    ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/casusplatform",
        data=platform_form(TODAY, version_of(app, escalation_id)),
    )
    response = ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/besluit",
        data=decision_form(version_of(app, escalation_id)),
    )
    assert response.status_code == 303
    return escalation_id


def pay(client, escalation_id, amount, **extra):
    data = {"purpose": "Borg voor een kamer", "amount": amount, **extra}
    return client.post(f"{BASE}/escalaties/{escalation_id}/handgeld", data=data)


def paid(app) -> list[int]:
    with app.app_context():
        return db.session.scalars(sa.select(HandgeldPayment.amount_cents)).all()


def test_payments_over_the_limits_or_the_balance_are_refused(app, people, decided, clock):
    client = as_(app, people, "o", clock)
    for amount, message in [
        ("-50", "Een bedrag kan niet negatief zijn."),
        ("99999999999999", "Dit bedrag is te groot."),
        ("abc", "Schrijf een bedrag in euro"),
        ("500,01", "Dit bedrag is hoger dan de grens per betaling."),
    ]:
        response = pay(client, decided, amount)
        assert response.status_code == 400, amount
        assert message in text(response), amount
        assert 'value="Borg voor een kamer"' in response.get_data(as_text=True), amount
    assert pay(client, decided, "450").status_code == 303
    assert pay(client, decided, "450").status_code == 303
    response = pay(client, decided, "100,01")  # € 100,00 is left
    assert response.status_code == 400
    assert "Dit bedrag is hoger dan wat er nog in het handgeld zit." in text(response)
    assert pay(client, decided, "100").status_code == 303
    assert paid(app) == [45000, 45000, 10000]


def test_pre_financing_names_where_the_money_comes_back_from(app, people, decided, clock):
    client = as_(app, people, "o", clock)
    response = pay(client, decided, "300", prefinancing="y", recover_from="")
    assert response.status_code == 400
    assert "Kies bij voorfinanciering waar het geld terugkomt." in text(response)
    assert pay(client, decided, "300", prefinancing="y", recover_from="wmo").status_code == 303
    with app.app_context():
        payment_id = db.session.scalar(sa.select(HandgeldPayment.id))
    response = client.post(f"{BASE}/handgeld/{payment_id}/terug", data={"recovered": "300,01"})
    page = text(client.get(response.headers["Location"]))
    assert "Er kan niet meer terugkomen dan er is betaald." in page
    response = client.post(f"{BASE}/handgeld/{payment_id}/terug", data={"recovered": "-1"})
    assert "Een bedrag kan niet negatief zijn." in text(client.get(response.headers["Location"]))


def test_an_ontschotters_own_limit_and_a_missing_mandate(app, people, decided, clock):
    admin = as_(app, people, "admin", clock)
    grant(app, admin, people["o"], limit="200")
    client = as_(app, people, "o", clock)
    response = pay(client, decided, "250")
    assert response.status_code == 400
    assert "hoger dan de grens per betaling" in text(response)
    # ontschotter P never got a mandate: refused, every word kept
    response = pay(as_(app, people, "p", clock), decided, "50")
    assert response.status_code == 403
    assert "U heeft geen mandaat" in text(response)
    assert 'value="Borg voor een kamer"' in response.get_data(as_text=True)
    # the admin takes O's mandate away
    admin.post(
        f"{BASE}/beheer/ontschotters",
        data={"mandaat-staff": str(people["o"].id), "mandaat-limit": ""},
    )
    assert pay(client, decided, "50").status_code == 403
    assert paid(app) == []


def test_no_budget_for_the_year_means_no_payment(app, people, decided, clock):
    clock.advance(days=40)  # 2027: no handgeld set yet
    response = pay(as_(app, people, "o", clock), decided, "50")
    assert response.status_code == 400
    assert "Er is nog geen handgeld voor dit jaar." in text(response)


def test_a_budget_that_makes_no_sense_is_refused(app, people, decided, clock):
    admin = as_(app, people, "admin", clock)
    for amount, per_payment, message in [
        ("-1000", "100", "Een bedrag kan niet negatief zijn."),
        ("1.000", "2.000", "De grens per betaling kan niet hoger zijn dan het jaarbedrag."),
        ("99999999999999", "100", "Dit bedrag is te groot."),
    ]:
        response = set_budget(admin, 2026, amount, per_payment)
        assert response.status_code == 400, amount
        assert message in text(response), amount
    pay(as_(app, people, "o", clock), decided, "400")
    response = set_budget(admin, 2026, "300", "100")
    assert response.status_code == 400
    assert "niet lager zijn dan wat dit jaar al is uitgegeven" in text(response)
    response = set_budget(admin, "20x6", "300", "100")
    assert "Vul een jaar in met 4 cijfers" in text(response)


def test_a_second_decision_and_bad_decision_forms(app, people, decided, clock):
    client = as_(app, people, "o", clock)
    response = client.post(
        f"{BASE}/escalaties/{decided}/besluit", data=decision_form(version_of(app, decided))
    )
    assert response.status_code == 400
    assert "Over deze escalatie is al een doorbraakbesluit genomen." in text(response)


def test_a_decision_form_without_its_parts(app, people, household, clock):
    escalation_id = escalate(app, as_(app, people, "a", clock), household)
    grant(app, as_(app, people, "admin", clock), people["o"])
    client = as_(app, people, "o", clock)
    client.post(
        f"{BASE}/escalaties/{escalation_id}/casusplatform",
        data=platform_form(TODAY, version_of(app, escalation_id)),
    )
    response = client.post(
        f"{BASE}/escalaties/{escalation_id}/besluit",
        data=decision_form(version_of(app, escalation_id), authority="zomaar", weighing=""),
    )
    assert response.status_code == 400
    page = text(response)
    assert "Kies op grond waarvan u besluit." in page and "Schrijf de afweging op." in page
    assert "Meneer is elke dag buiten bezig" in page  # the rest stays


def test_a_save_on_an_old_version_keeps_what_was_typed(app, people, household, clock):
    escalation_id = escalate(app, as_(app, people, "a", clock), household)
    first, second = as_(app, people, "o", clock), as_(app, people, "p", clock)
    read_at = version_of(app, escalation_id)
    assert (
        first.post(
            f"{BASE}/escalaties/{escalation_id}/casusplatform", data=platform_form(TODAY, read_at)
        ).status_code
        == 303
    )
    response = second.post(
        f"{BASE}/escalaties/{escalation_id}/casusplatform",
        data=platform_form(TODAY, read_at, first_problem="Eerst de schulden"),
    )
    assert response.status_code == 409
    page = text(response)
    assert "Iemand anders heeft dit intussen veranderd." in page and "Eerst de schulden" in page
    with app.app_context():
        assert db.session.scalar(sa.select(CasePlatform.first_problem)).startswith("Meneer komt")


def test_actions_need_a_real_date_and_an_owner_inside_the_product(app, people, household, clock):
    escalation_id = escalate(app, as_(app, people, "a", clock), household)
    client = as_(app, people, "o", clock)
    client.post(
        f"{BASE}/escalaties/{escalation_id}/casusplatform",
        data=platform_form(TODAY, version_of(app, escalation_id)),
    )
    url = f"{BASE}/escalaties/{escalation_id}/acties"
    bad_date = {"due_on-day": "31", "due_on-month": "2", "due_on-year": "2027"}
    response = client.post(url, data={"what": "Bellen", "owner": str(people["a"].id), **bad_date})
    assert response.status_code == 400 and "moet een echte datum zijn" in text(response)
    desk = {"what": "Bellen", "owner": str(people["desk"].id), **date_fields("due_on", TODAY)}
    response = client.post(url, data=desk)  # the front desk has no worklist
    assert response.status_code == 400 and "Kies wie de actie doet." in text(response)
    huge = {"what": "Bellen", "owner": str(2**64), **date_fields("due_on", TODAY)}
    response = client.post(url, data=huge)
    assert response.status_code == 400 and "Kies wie de actie doet." in text(response)
