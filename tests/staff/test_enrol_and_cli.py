"""First log-in links an authenticator app (inline SVG QR, key shown); create-admin."""

from __future__ import annotations

import re

import pyotp

from portal.extensions import db
from portal.models import StaffMember
from portal.staff import totp
from tests.staff.conftest import Account, login, make_staff, password_step, text


def test_first_login_enrols_the_app(app, client, clock):
    new = make_staff(app, "nieuw@test.example", "contact_person", confirmed=False)
    with app.app_context():
        db.session.get(StaffMember, new.id).totp_secret = None
        db.session.commit()
    response = password_step(client, new)
    assert response.headers["Location"].endswith("/medewerkers/koppelen")
    page = client.get("/medewerkers/koppelen")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    # The QR code is inline SVG markup: no image URL, no script, no style attribute.
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'class="totp-qr"' in svg and "style" not in svg and "script" not in svg
    assert "data:" not in html and "<script" not in html and "style=" not in html
    key = re.search(r'<code class="totp-key">([A-Z2-7 ]+)</code>', html).group(1).replace(" ", "")
    assert len(key) == 32
    with app.app_context():
        assert totp.reveal(db.session.get(StaffMember, new.id).totp_secret) == key
    # The key stays the same on a reload (the app may have been set up already).
    assert key in client.get("/medewerkers/koppelen").get_data(as_text=True).replace(" ", "")
    assert client.post("/medewerkers/koppelen", data={"code": "123"}).status_code == 400
    code = pyotp.TOTP(key).at(clock())
    response = client.post("/medewerkers/koppelen", data={"code": code})
    assert response.status_code == 303
    assert client.get("/medewerkers/").status_code == 200
    with app.app_context():
        assert db.session.get(StaffMember, new.id).totp_confirmed
    # Later log-ins ask for the code, not for enrolment; the enrol page is closed.
    client.post("/medewerkers/uitloggen")
    clock.advance(seconds=30)
    assert password_step(client, new).headers["Location"].endswith("/medewerkers/code")
    assert client.get("/medewerkers/koppelen").headers["Location"].endswith("/medewerkers/code")


def test_the_code_page_sends_an_unenrolled_account_to_enrolment(app, client, clock):
    new = make_staff(app, "nieuw@test.example", "front_desk", confirmed=False)
    password_step(client, new)
    assert client.get("/medewerkers/code").headers["Location"].endswith("/medewerkers/koppelen")


def test_create_admin_prompts_for_a_password_and_prints_the_key(app, runner, clock):
    result = runner.invoke(
        args=["create-admin", "Ilse@Gemeente.example", "Ilse Beheer"],
        input="een lange zin als wachtwoord\neen lange zin als wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    key = re.search(r"TOTP key \(.*\): ([A-Z2-7 ]+)", result.output).group(1).replace(" ", "")
    with app.app_context():
        person = db.session.query(StaffMember).filter_by(email="ilse@gemeente.example").one()
        assert person.role_set == {"admin"} and totp.reveal(person.totp_secret) == key
        assert "een lange zin" not in person.password_hash
    account = Account(person.id, "ilse@gemeente.example", key, "een lange zin als wachtwoord")
    client = app.test_client()
    assert password_step(client, account).headers["Location"].endswith("/koppelen")
    client.post("/medewerkers/koppelen", data={"code": pyotp.TOTP(key).at(clock())})
    assert "Medewerkers beheren" in text(client.get("/medewerkers/beheer"))


def test_create_admin_refuses_a_weak_password_and_a_duplicate(app, runner, admin, clock):
    result = runner.invoke(
        args=["create-admin", "x@gemeente.example", "X"], input="wachtwoord123\nwachtwoord123\n"
    )
    assert result.exit_code != 0 and "veel gebruikt" in result.output
    result = runner.invoke(
        args=["create-admin", admin.email, "X"], input="een lange zin als wachtwoord\n" * 2
    )
    assert result.exit_code != 0 and "already" in result.output
    with app.app_context():
        assert db.session.query(StaffMember).count() == 1


def test_demo_login_works_as_documented(app, runner, clock):
    from portal.demo import DEMO_STAFF

    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    for demo in DEMO_STAFF:
        assert demo.email in result.output and demo.totp_secret in result.output
        assert demo.password in result.output
    desk = next(d for d in DEMO_STAFF if "front_desk" in d.roles)
    with app.app_context():
        person = db.session.query(StaffMember).filter_by(email=desk.email).one()
    client = app.test_client()
    login(client, Account(person.id, desk.email, desk.totp_secret, desk.password), clock)
    assert client.get("/medewerkers/").status_code == 200


def test_demo_passwords_follow_the_rules(app):
    from portal.demo import DEMO_STAFF
    from portal.staff import passwords

    with app.test_request_context():
        for demo in DEMO_STAFF:
            assert passwords.problems(demo.password, email=demo.email, name=demo.name) == []
            assert len(demo.totp_secret) == 32


def test_seed_demo_refuses_production(migrated):
    from tests.conftest import make_app

    app = make_app(
        migrated,
        ENV_MODE="production",
        SECRET_KEY="p" * 48,
        SESSION_COOKIE_SECURE=True,
        TOTP_ENCRYPTION_KEY="kGqNn1h6V0j8c3Vd1GmC1yqvO4z1y9nOq3w3p3xWJ9Y=",
        OIDC_ISSUER="https://digid-broker.voorbeeldgemeente.example",
        OIDC_CLIENT_SECRET="s" * 32,
    )
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "never runs in production" in result.output
