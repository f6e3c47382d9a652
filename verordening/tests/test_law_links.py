"""Every article a rule's law_article names links to that article on wetten.overheid.nl."""

from __future__ import annotations

from pathlib import Path

import pytest

from verordening.law_links import LAWS, law_pieces, law_urls
from verordening.loader import load_file

DATA = Path(__file__).resolve().parents[1] / "data" / "model-2026-01-01.yaml"

JCI = "https://wetten.overheid.nl/jci1.3:c:"


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Wmo 2015 art. 2.3.5 lid 3", [f"{JCI}BWBR0035362&artikel=2.3.5&lid=3"]),
        (
            "Wmo 2015 art. 2.3.2 lid 1 en 2, art. 2.3.5 lid 2",  # the 2 is a lid, not an article
            [f"{JCI}BWBR0035362&artikel=2.3.2&lid=1", f"{JCI}BWBR0035362&artikel=2.3.5&lid=2"],
        ),
        (
            "Jeugdwet art. 1.1 (begrip jeugdige); art. 2.3 lid 1",  # the law carries on after ;
            [f"{JCI}BWBR0034925&artikel=1.1", f"{JCI}BWBR0034925&artikel=2.3&lid=1"],
        ),
        ("Awb art. 4:13 jo. art. 7.2 van deze verordening", [f"{JCI}BWBR0005537&artikel=4:13"]),
        (
            "Participatiewet art. 35; BW art. 1:431",
            [f"{JCI}BWBR0015703&artikel=35", f"{JCI}BWBR0002656&artikel=431"],
        ),
        ("Participatiewet art. 47a lid 1", [f"{JCI}BWBR0015703&artikel=47a&lid=1"]),
        ("WPO art. 4; WEC art. 4", []),  # no known BWB id: plain text, never a guessed link
        ("art. 6.4 van deze verordening", []),
    ],
)
def test_articles_become_links(text, urls):
    assert law_urls(text) == urls
    assert "".join(piece for piece, _url in law_pieces(text)) == text


def test_every_rule_of_the_model_verordening_links_to_the_law_it_names():
    v = load_file(DATA)
    unlinked = [
        r.id
        for r in v.rules
        if any(r.law_article.startswith(name) for name in LAWS) and not law_urls(r.law_article)
    ]
    assert unlinked == []
    assert len({url for r in v.rules for url in law_urls(r.law_article)}) > 40
