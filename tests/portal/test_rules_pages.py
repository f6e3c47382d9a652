"""The verordening is readable by anyone, in Dutch and English."""

import re

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
    text = re.sub(r"<[^>]+>", "", html)  # the article numbers are links
    for rule in article.rules:
        assert rule.law_article in text
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


def test_parameters_page_names_the_source_of_the_value_on_the_peildatum(client):
    """A norm read in the law text of 2026 shows that text as its source and is not marked
    unchecked, although the parameter's older values are known only from secondary sources."""
    html = client.get("/regels/bedragen-en-termijnen?peildatum=2026-03-01").get_data(as_text=True)
    row = html.split("Bijstandsnorm alleenstaande of alleenstaande ouder, 21 jaar")[1].split(
        "</tr>"
    )[0]
    assert "1401.5" in row
    assert "BWBR0015703/2026-01-01 art. 21 sub a" in row
    assert "nog niet gecontroleerd" not in row
    html = client.get("/regels/bedragen-en-termijnen?peildatum=2026-08-01").get_data(as_text=True)
    row = html.split("Bijstandsnorm alleenstaande of alleenstaande ouder, 21 jaar")[1].split(
        "</tr>"
    )[0]
    assert "1419.46" in row and "BWBR0015703/2026-07-01" in row  # indexed on 1 July


def test_each_law_article_links_to_its_text_on_wetten_overheid_nl(client):
    html = client.get("/regels/artikel/2.2?peildatum=2026-03-01").get_data(as_text=True)
    assert (
        '<a class="utrecht-link" href="https://wetten.overheid.nl/jci1.3:c:BWBR0035362'
        '&amp;artikel=2.2.4&amp;lid=1">2.2.4</a> lid 1' in html
    )
