"""Issue #14: silly input gets an answer, never a 500: ids beyond 64 bits are unknown pages,
CR/LF in a return path is ignored, and control or bidi override characters never reach the
database (a NUL made every later PostgreSQL insert fail)."""

from __future__ import annotations

from tests.households.conftest import as_, world  # noqa: F401
from tests.intake.helpers import begin, ok, person, step_url
from tests.staff.conftest import clock  # noqa: F401


def test_a_huge_id_is_a_404_not_a_500(app, world, clock):  # noqa: F811
    client = as_(app, world, "a", clock)
    for url in (
        "/medewerkers/huishoudens/99999999999999999999",
        "/medewerkers/huishoudens/9223372036854775808/plan",
        "/medewerkers/huishoudens/2147483648",  # one past PostgreSQL's integer
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/medewerkers/huishoudens/2147483647").status_code == 404


def test_cr_lf_in_the_return_path_is_not_followed(client):
    client.get("/")
    answer = client.post("/taal", data={"taal": "en", "terug": "/regels/\r\nSet-Cookie: x=1"})
    assert answer.status_code in (302, 303)
    assert answer.headers["Location"].endswith("/")
    assert "Set-Cookie: x" not in answer.headers.get("Location", "")


def test_a_nul_or_bidi_override_in_a_name_is_removed(app, client):
    begin(client)
    typed = person("An\x00na\u202e", "de Vries", "1980-04-02", "111222333")
    ok(client, "over-u", typed)
    page = client.get(step_url("over-u")).get_data(as_text=True)
    assert 'value="Anna"' in page
    assert "\x00" not in page and "\u202e" not in page


def test_a_huge_member_or_household_number_in_the_move_form_is_refused_not_a_500(
    app,
    world,  # noqa: F811
    clock,  # noqa: F811
):
    """Found by the form fuzz (test_form_fuzz.py): the member id and the target household
    number come from the form, not the URL, and reached the database unbounded."""
    from tests.households.conftest import family, submit

    household = submit(app, family("2741AB"))
    client = as_(app, world, "a", clock)
    url = f"/medewerkers/huishoudens/{household}/lid-verhuizen"
    huge = str(2**64)
    answer = client.post(url, data={"member": huge, "destination": "new", "reason": "Weg."})
    assert answer.status_code == 404  # no such member in this household
    with app.app_context():
        from portal.models import HouseholdMember

        member = HouseholdMember.query.filter_by(household_id=household, role="child").first().id
    answer = client.post(
        url, data={"member": member, "destination": "existing", "target": huge, "reason": "Weg."}
    )
    assert answer.status_code == 303  # back to the file, with the message
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Dit huishouden bestaat niet. Kijk het nummer na." in page
