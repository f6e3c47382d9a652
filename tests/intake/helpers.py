"""Walking through the intake with the test client, one page at a time."""

from __future__ import annotations

from forms.steps import domains
from forms.steps.registry import field_classes

BASE = "/aanvraag"


def begin(client):
    response = client.post(f"{BASE}/beginnen")
    assert response.status_code == 303
    return response


def step_url(step: str, member: str | None = None, back: str | None = None) -> str:
    url = f"{BASE}/stap/{step}" + (f"/{member}" if member else "")
    return url + (f"?terug={back}" if back else "")


def post(client, step: str, data: dict, member: str | None = None, back: str | None = None):
    return client.post(step_url(step, member, back), data=data)


def ok(client, step: str, data: dict, member: str | None = None, back: str | None = None):
    """Post a page that must be accepted; returns where it sends the resident next."""
    response = post(client, step, data, member, back)
    assert response.status_code == 303, (
        step,
        member,
        response.status_code,
        _errors(response.get_data(as_text=True)),
    )
    return response.headers["Location"]


def _errors(html: str) -> str:
    start = html.find('class="error-summary__list"')
    return html[start : start + 800] if start >= 0 else html[:300]


def birth(prefix: str, iso: str) -> dict:
    year, month, day = iso.split("-")
    return {
        f"{prefix}-day": str(int(day)),
        f"{prefix}-month": str(int(month)),
        f"{prefix}-year": year,
    }


def person(given: str, family: str, born: str, bsn: str = "", relation: str | None = None) -> dict:
    data = {"given_name": given, "family_name": family, "bsn": bsn, **birth("birth_date", born)}
    if not bsn:
        data["bsn_unknown"] = "y"
    if relation:
        data["relation"] = relation
    return data


def all_answered(form_cls, value: str = "nee", **overrides) -> dict:
    """Every yes/no question of a page answered with `value`, except the overrides."""
    data = {}
    for name, kind in field_classes(form_cls).items():
        if kind.__name__ == "YesNo":
            data[name] = value
    data.update(overrides)
    return data


def add_member(client, data: dict) -> str:
    response = client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    assert response.status_code == 303
    member_id = response.headers["Location"].rstrip("/").split("/")[-1]
    ok(client, "persoon", data, member=member_id)
    return member_id


def subjects(*chosen: str) -> dict:
    return {"subjects": list(chosen) or [domains.NONE]}


def follow_to(client, location: str) -> str:
    return client.get(location).get_data(as_text=True)


def fill_until_subjects(client, applicant: dict | None = None) -> None:
    """Start, tell who you are (no one else at home), and answer the story and contact pages."""
    begin(client)
    ok(client, "over-u", applicant or person("Anna", "de Vries", "1980-04-02", "111222333"))
    ok(client, "huishouden", {"actie": "verder"})
    ok(client, "vraag", {"question": "Ik kan de rekeningen niet meer betalen."})
    ok(client, "doel", {"goals": "Rust in mijn hoofd."})
    ok(client, "wat-al-gebeurt", {"own_efforts": "Ik houd een schrift bij."})
    ok(client, "adres", {"postcode": "2741 AB", "house_number": "12"})
    ok(client, "contact", {"preferred_channel": "letter", "safe_to_contact": "ja"})
    ok(client, "taal", {"preferred": "nl", "interpreter_needed": "nee"})


def fill_minimal(client) -> None:
    """A complete form with no life-domain subjects: ready for the check page."""
    from forms.steps.consents import ConsentsForm

    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects())
    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))


def submit_token(client) -> str:
    import re

    html = client.get(f"{BASE}/controleren").get_data(as_text=True)
    found = re.search(r'name="submit_token" value="([^"]+)"', html)
    assert found, html[:2000]
    return found.group(1)


def submit(client):
    token = submit_token(client)
    return client.post(f"{BASE}/versturen", data={"submit_token": token})


def text(response) -> str:
    """The page as plain text (tags removed), to look for what a resident reads."""
    import re

    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
