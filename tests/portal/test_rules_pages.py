"""The verordening is readable by anyone, in Dutch and English."""

from portal import rulebook


def test_rules_index_lists_every_article(app, client):
    html = client.get("/regels/").get_data(as_text=True)
    with app.test_request_context():
        version = rulebook.in_force()
    assert version.title in html
    for article in version.articles:
        assert f"/regels/artikel/{article.number}" in html


def test_article_page_shows_law_article_and_explanation(app, client):
    with app.test_request_context():
        version = rulebook.in_force()
    article = next(a for a in version.articles if a.rules)
    html = client.get(f"/regels/artikel/{article.number}").get_data(as_text=True)
    for rule in article.rules:
        assert rule.law_article in html
        assert rule.provision.name.nl in html


def test_article_page_in_english(app, client):
    with app.test_request_context():
        version = rulebook.in_force()
    article = next(a for a in version.articles if a.rules)
    html = client.get(
        f"/regels/artikel/{article.number}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert article.rules[0].provision.name.en in html
    assert "Who decides" in html


def test_unknown_article_is_404(client):
    assert client.get("/regels/artikel/99.99").status_code == 404


def test_bad_peildatum_is_400_and_a_date_before_any_version_is_404(client):
    assert client.get("/regels/?peildatum=gisteren").status_code == 400
    assert client.get("/regels/?peildatum=1990-01-01").status_code == 404


def test_parameters_page_shows_values_in_force(app, client):
    with app.test_request_context():
        version = rulebook.in_force()
    html = client.get("/regels/bedragen-en-termijnen").get_data(as_text=True)
    for parameter in list(version.parameters.values())[:5]:
        assert parameter.description.nl in html
