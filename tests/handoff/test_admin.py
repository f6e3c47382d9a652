"""Issue #15: the admin sets the zaaktype per regime; each save is checked against the Catalogi
API and the page says what is wrong; a worker start checks them all."""

from __future__ import annotations

from portal.extensions import db
from portal.handoff import config_check
from portal.handoff.models import ZaaktypeMapping
from tests.staff.conftest import login, text


def test_saving_a_zaaktype_checks_it_in_the_catalogue(app, client, zgw, world, clock):
    login(client, world["admin"], clock)
    draft = zgw.add_zaaktype("CONCEPT", concept=True)
    saved = client.post(
        "/medewerkers/beheer/overdracht",
        data={"regime": "wmo", "zaaktype_url": draft, "vertrouwelijkheid": "geheim"},
        follow_redirects=True,
    )
    assert "nog een concept" in text(saved)
    with app.app_context():
        mapping = db.session.get(ZaaktypeMapping, "wmo")
        assert mapping.zaaktype_url == draft and mapping.vertrouwelijkheid == "geheim"
        assert "concept" in mapping.check_error
    good = zgw.catalogue["wmo"]
    saved = client.post(
        "/medewerkers/beheer/overdracht",
        data={"regime": "wmo", "zaaktype_url": good, "vertrouwelijkheid": "vertrouwelijk"},
        follow_redirects=True,
    )
    assert "Opgeslagen en gecontroleerd" in text(saved)
    with app.app_context():
        assert db.session.get(ZaaktypeMapping, "wmo").check_error is None


def test_a_wrong_url_or_regime_is_refused_with_a_message(app, client, zgw, world, clock):
    login(client, world["admin"], clock)
    refused = client.post(
        "/medewerkers/beheer/overdracht",
        data={"regime": "wmo", "zaaktype_url": "geen url", "vertrouwelijkheid": "intern"},
    )
    assert refused.status_code == 400 and "Vul een volledige URL in" in text(refused)
    assert "geen url" in text(refused) or 'value="geen url"' in refused.get_data(as_text=True)
    unknown = client.post(
        "/medewerkers/beheer/overdracht",
        data={"regime": "veilig_thuis", "zaaktype_url": zgw.catalogue["wmo"]},
    )
    assert unknown.status_code == 400  # a referral is no municipal zaak


def test_a_zaaktype_that_does_not_exist_is_reported(app, zgw, world, clock):
    with app.app_context():
        mapping = db.session.get(ZaaktypeMapping, "wmo")
        mapping.zaaktype_url = (
            zgw.roots["catalogi"] + "/zaaktypen/00000000-0000-0000-0000-000000000000"
        )
        db.session.commit()
        config_check.check_all()
        assert "404" in db.session.get(ZaaktypeMapping, "wmo").check_error
        assert db.session.get(ZaaktypeMapping, "jeugdwet").check_error is None
