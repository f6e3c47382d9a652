"""Who may open which staff page; beheer adds staff with roles; every staff route has a rule."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models import StaffMember
from portal.staff import session_guard
from tests.staff.conftest import PASSWORD, login, make_staff, text

ADMIN_PAGES = [
    ("get", "/medewerkers/beheer"),
    ("get", "/medewerkers/beheer/nieuw"),
    ("post", "/medewerkers/beheer/nieuw"),
    ("post", "/medewerkers/beheer/{id}/uitschakelen"),
    ("post", "/medewerkers/beheer/{id}/inschakelen"),
]
OTHER_ROLES = ["front_desk", "contact_person", "team_lead,contact_person", "ontschotter"]


@pytest.mark.parametrize(("method", "path"), [*ADMIN_PAGES, ("get", "/medewerkers/")])
def test_anonymous_is_sent_to_login(client, admin, method, path):
    response = getattr(client, method)(path.format(id=admin.id))
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/medewerkers/inloggen")
    # Only a page (GET) is remembered to return to, never a form post.
    assert ("volgende=" in location) == (method == "get")


@pytest.mark.parametrize("roles", OTHER_ROLES)
@pytest.mark.parametrize(("method", "path"), ADMIN_PAGES)
def test_admin_pages_refuse_other_roles(app, admin, clock, roles, method, path):
    account = make_staff(app, f"{roles.split(',')[0]}@test.example", roles)
    client = app.test_client()
    login(client, account, clock)
    response = getattr(client, method)(path.format(id=admin.id))
    assert response.status_code == 403
    assert "Geen toegang" in text(response)
    with app.app_context():
        assert db.session.get(StaffMember, admin.id).active  # nothing changed


def test_after_login_the_page_asked_for_opens(client, admin, clock):
    response = client.get("/medewerkers/beheer")
    login_url = response.headers["Location"]
    client.post(login_url, data={"email": admin.email, "password": admin.password})
    from tests.staff.conftest import code_at

    response = client.post("/medewerkers/code", data={"code": code_at(admin, clock())})
    assert response.headers["Location"] == "/medewerkers/beheer"


def test_next_never_leads_to_another_site(client, admin, clock):
    client.post(
        "/medewerkers/inloggen?volgende=//evil.example/",
        data={"email": admin.email, "password": admin.password},
    )
    from tests.staff.conftest import code_at

    response = client.post("/medewerkers/code", data={"code": code_at(admin, clock())})
    assert response.headers["Location"] == "/medewerkers/"


def test_admin_lists_and_adds_staff_with_roles(app, client, admin, clock):
    login(client, admin, clock)
    assert "beheer@test.example" in text(client.get("/medewerkers/beheer"))
    response = client.post(
        "/medewerkers/beheer/nieuw",
        data={
            "display_name": "Sanne de Balie",
            "email": "Sanne@Test.example",
            "roles": ["front_desk", "contact_person"],
            "password": "een heel lange zin die niemand raadt",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        person = db.session.query(StaffMember).filter_by(email="sanne@test.example").one()
        assert person.role_set == {"front_desk", "contact_person"}
        assert person.password_hash.startswith("$argon2id$")
        assert not person.totp_confirmed


def test_admin_form_refuses_unknown_roles_and_duplicates(client, admin, clock):
    login(client, admin, clock)
    data = {
        "display_name": "X",
        "email": "x@test.example",
        "roles": ["superuser"],
        "password": "een heel lange zin die niemand raadt",
    }
    assert client.post("/medewerkers/beheer/nieuw", data=data).status_code == 400
    data.update(roles=["admin"], email=admin.email)
    response = client.post("/medewerkers/beheer/nieuw", data=data)
    assert response.status_code == 400
    assert "Er is al een medewerker met dit e-mailadres." in text(response)


def add_sanne(client, email="sanne@test.example", password=PASSWORD):
    """Beheer adds Sanne de Balie (front desk) with this address and first password."""
    return client.post(
        "/medewerkers/beheer/nieuw",
        data={
            "display_name": "Sanne de Balie",
            "email": email,
            "roles": ["front_desk"],
            "password": password,
        },
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort", "minstens 12 tekens"),
        ("wachtwoord123", "veel gebruikt"),
        ("Welkom2024!!", "veel gebruikt"),
        ("aaaaaaaaaaaaaaaa", "makkelijk te raden"),
        ("SanneDeBalie2024", "naam of e-mailadres"),
        ("sanne@test.example1", "naam of e-mailadres"),
        ("x" * 257, "hoogstens 256"),
    ],
)
def test_weak_passwords_are_refused(client, admin, clock, password, message):
    login(client, admin, clock)
    response = add_sanne(client, password=password)
    assert response.status_code == 400
    assert message in text(response)


@pytest.mark.parametrize(
    ("email", "refused"),
    [("sanne@test.example", False), ("sanne@test.example.", True), ("sanne@test", True)],
)
def test_a_staff_address_follows_the_one_e_mail_rule(client, admin, clock, email, refused):
    """The intake's e-mail rule (catalogue.values) holds here too: a trailing dot is refused."""
    login(client, admin, clock)
    response = add_sanne(client, email=email)
    assert ("Vul een geldig e-mailadres in." in text(response)) is refused
    assert response.status_code == (400 if refused else 303)


def test_a_long_passphrase_is_welcome(app):
    from portal.staff import passwords

    with app.test_request_context():
        phrase = "de kat van de buren zit elke ochtend op onze schutting " * 4
        assert len(phrase) <= 256
        assert passwords.problems(phrase.strip(), email="a@b.example", name="A B") == []
        assert passwords.verify(passwords.hash_password(phrase), phrase)


def test_every_staff_route_has_a_rule(app):
    """A new staff route without `role_required` or `public` fails here (fail closed)."""
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(("staff.", "frontdesk.")):
            continue
        view = app.view_functions[rule.endpoint]
        if not (
            getattr(view, "required_roles", None) or getattr(view, "public_staff_route", False)
        ):
            missing.append(rule.endpoint)
    assert missing == []
    public = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if getattr(app.view_functions[r.endpoint], "public_staff_route", False)
    }
    # The log-in steps and the page where a reset code from beheer sets a new password.
    assert public == {"staff.login", "staff.code", "staff.enrol", "staff.use_reset"}


def test_roles_are_the_six_of_the_design():
    assert set(session_guard.ROLES) == {
        "front_desk",
        "contact_person",
        "team_lead",
        "ontschotter",
        "policy_officer",  # issue #18: owns the verordening, never sees a resident's file
        "admin",
    }


def test_admin_can_give_the_policy_officer_role(app, client, clock):
    login(client, make_staff(app, "beheer2@test.example", "admin"), clock)
    form = client.get("/medewerkers/beheer/nieuw").get_data(as_text=True)
    assert 'value="policy_officer"' in form and "Beleidsmedewerker" in form
    response = client.post(
        "/medewerkers/beheer/nieuw",
        data={
            "display_name": "Noor Beleid",
            "email": "noor.beleid@test.example",
            "roles": ["policy_officer"],
            "password": "een lange zin voor de nieuwe beleidsmedewerker",
        },
    )
    assert response.status_code == 303, text(response)
    with app.app_context():
        person = db.session.query(StaffMember).filter_by(email="noor.beleid@test.example").one()
        assert person.roles == "policy_officer"


def test_the_start_page_names_the_roles_in_dutch(app, client, clock):
    """Issue #13: the start page said 'front_desk'; staff read their roles in words."""
    from tests.staff.conftest import login, make_staff, text

    account = make_staff(app, "rollen@test.example", "front_desk,contact_person")
    login(client, account, clock)
    page = text(client.get("/medewerkers/"))
    assert "Contactpersoon, Loket" in page and "front_desk" not in page
