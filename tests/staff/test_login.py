"""Log-in: password, then a TOTP code; wrong ones refused; codes used once; throttling."""

from __future__ import annotations

from datetime import timedelta

from portal.extensions import db
from portal.models import StaffMember
from tests.conftest import make_app
from tests.staff.conftest import code_at, login, make_staff, password_step, text


def test_login_with_password_and_code_reaches_the_staff_page(client, desk, clock):
    assert client.get("/medewerkers/").status_code == 302
    login(client, desk, clock)
    response = client.get("/medewerkers/")
    assert response.status_code == 200
    assert "Welkom, Loket" in text(response)


def test_the_password_alone_is_not_enough(client, desk, clock):
    assert password_step(client, desk).status_code == 303
    response = client.get("/medewerkers/")
    assert response.status_code == 302
    assert "/medewerkers/inloggen" in response.headers["Location"]


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client, desk, clock):
    response = password_step(client, desk, password="niet het goede wachtwoord hoor")
    assert response.status_code == 400
    assert "Het e-mailadres of het wachtwoord klopt niet." in text(response)
    unknown = client.post(
        "/medewerkers/inloggen",
        data={"email": "niemand@test.example", "password": desk.password},
    )
    assert unknown.status_code == 400
    assert "Het e-mailadres of het wachtwoord klopt niet." in text(unknown)


def test_wrong_code_is_refused(client, desk, clock):
    password_step(client, desk)
    right = code_at(desk, clock())
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post("/medewerkers/code", data={"code": wrong})
    assert response.status_code == 400
    assert "Deze code klopt niet of is al gebruikt." in text(response)
    assert client.get("/medewerkers/").status_code == 302


def test_a_code_from_long_ago_is_refused(client, desk, clock):
    password_step(client, desk)
    old = code_at(desk, clock() - timedelta(minutes=5))
    assert client.post("/medewerkers/code", data={"code": old}).status_code == 400


def test_one_step_of_clock_drift_is_accepted(client, desk, clock):
    password_step(client, desk)
    late = code_at(desk, clock() - timedelta(seconds=30))
    assert client.post("/medewerkers/code", data={"code": late}).status_code == 303


def test_a_code_cannot_be_used_twice(app, desk, clock):
    first, second = app.test_client(), app.test_client()
    password_step(first, desk)
    password_step(second, desk)
    code = code_at(desk, clock())
    assert first.post("/medewerkers/code", data={"code": code}).status_code == 303
    # The same code, still within its 30 seconds, from another browser: refused.
    response = second.post("/medewerkers/code", data={"code": code})
    assert response.status_code == 400
    assert second.get("/medewerkers/").status_code == 302
    # An older code (the previous step) is refused as well once a newer one was used.
    clock.advance(seconds=30)
    earlier = code_at(desk, clock() - timedelta(seconds=30))
    assert second.post("/medewerkers/code", data={"code": earlier}).status_code == 400
    # The next code works.
    assert (
        second.post("/medewerkers/code", data={"code": code_at(desk, clock())}).status_code == 303
    )


def test_the_code_page_needs_the_password_first(client, desk, clock):
    response = client.post("/medewerkers/code", data={"code": code_at(desk, clock())})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/medewerkers/inloggen")


def test_a_password_step_expires_after_ten_minutes(client, desk, clock):
    password_step(client, desk)
    clock.advance(minutes=11)
    response = client.post("/medewerkers/code", data={"code": code_at(desk, clock())})
    assert response.headers["Location"].endswith("/medewerkers/inloggen")


def test_a_disabled_account_cannot_log_in(app, client, clock):
    gone = make_staff(app, "weg@test.example", "front_desk", active=False)
    assert password_step(client, gone).status_code == 400


def test_five_failures_block_the_account_also_from_other_addresses(client, desk, clock):
    for number in range(5):
        response = password_step(
            client,
            desk,
            password="dit is het verkeerde wachtwoord",
            environ_base={"REMOTE_ADDR": f"10.0.0.{number}"},
        )
        assert response.status_code == 400
    # Now even the right password, from yet another address, is refused for a while.
    response = password_step(client, desk, environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert response.status_code == 429
    assert "Probeer het over 15 minuten opnieuw" in text(response)
    clock.advance(minutes=16)
    assert password_step(client, desk).status_code == 303


def test_wrong_codes_count_too(client, desk, clock):
    for _ in range(5):
        password_step(client, desk)
        client.post("/medewerkers/code", data={"code": "000000"})
    password_step(client, desk)
    response = client.post("/medewerkers/code", data={"code": code_at(desk, clock())})
    assert response.status_code == 429


def test_many_failures_from_one_address_block_that_address(app, client, desk, clock):
    for number in range(20):
        client.post(
            "/medewerkers/inloggen",
            data={"email": f"gok{number}@test.example", "password": "verkeerd wachtwoord 123"},
        )
    assert password_step(client, desk).status_code == 429
    other_address = app.test_client()
    response = password_step(other_address, desk, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 303


def test_a_successful_login_clears_the_accounts_failures(client, desk, clock):
    for _ in range(4):
        password_step(client, desk, password="dit is het verkeerde wachtwoord")
    login(client, desk, clock)
    client.post("/medewerkers/uitloggen")
    for _ in range(4):
        password_step(client, desk, password="dit is het verkeerde wachtwoord")
    assert password_step(client, desk).status_code == 303


def test_failures_store_no_readable_email_address(app, client, desk, clock):
    from portal.staff.models import LoginFailure

    password_step(client, desk, password="dit is het verkeerde wachtwoord")
    with app.app_context():
        row = db.session.query(LoginFailure).one()
        assert "@" not in row.account_key and len(row.account_key) == 64


def test_csrf_is_enforced_on_login(migrated, desk, clock):
    app = make_app(migrated, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = password_step(client, desk)
    assert response.status_code == 400
    assert client.get("/medewerkers/").status_code == 302
    # With the token from the page, the same post goes on to the code page.
    import re

    page = client.get("/medewerkers/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/medewerkers/inloggen",
        data={"email": desk.email, "password": desk.password, "csrf_token": token},
    )
    assert response.status_code == 303


def test_password_hash_is_argon2id_and_upgraded_when_parameters_change(app, client, clock):
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    with app.app_context():
        person = StaffMember(
            email="oud@test.example",
            display_name="Oud",
            roles="front_desk",
            password_hash=weak.hash("een oud maar lang wachtwoord"),
            totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
            totp_confirmed=True,
        )
        db.session.add(person)
        db.session.commit()
    response = client.post(
        "/medewerkers/inloggen",
        data={"email": "oud@test.example", "password": "een oud maar lang wachtwoord"},
    )
    assert response.status_code == 303
    with app.app_context():
        stored = db.session.query(StaffMember).filter_by(email="oud@test.example").one()
        assert stored.password_hash.startswith("$argon2id$")
        assert "m=65536" in stored.password_hash
