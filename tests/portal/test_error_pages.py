"""Issue #14: error pages in the product's look and the page's language, with a way back; a
database outage is a 503 that says to try again, never werkzeug's bare English page."""

from __future__ import annotations

from tests.conftest import make_app

DOWN = {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:9/test"}


def test_an_unknown_page_is_a_dutch_404_with_a_way_back(client):
    answer = client.get("/bestaat-niet")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 404
    assert "Deze pagina bestaat niet" in page and "Naar de startpagina" in page
    assert "Eén loket" in page  # the product's layout
    assert "Not Found" not in page


def test_the_error_page_follows_the_language(client):
    client.post("/taal", data={"taal": "en", "terug": "/"})
    page = client.get("/bestaat-niet").get_data(as_text=True)
    assert "This page does not exist" in page


def test_a_wrong_method_is_a_page_too(client):
    answer = client.get("/taal")
    assert answer.status_code == 405 and "Dit kan zo niet" in answer.get_data(as_text=True)


def test_a_database_outage_is_a_503_that_says_to_try_again():
    app = make_app(DOWN)
    answer = app.test_client().post("/aanvraag/beginnen")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 503
    assert "De website is even niet bereikbaar" in page
    assert "Probeer het over een paar minuten opnieuw" in page
    assert "Internal Server Error" not in page
