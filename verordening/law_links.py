"""Links from a rule's law article ("Wmo 2015 art. 2.3.5 lid 3; art. 2.3.2") to the law text.

Each article a `law_article` names becomes a Juriconnect link on wetten.overheid.nl
(`https://wetten.overheid.nl/jci1.3:c:BWBR0035362&artikel=2.3.5&lid=3`, the permanent link
the site itself hands out), so a policy officer or a resident can read the article the advice
rests on. The text is kept exactly as written; only the article numbers become links. A law
without a known BWB id (WPO, WEC, ...) stays plain text rather than a guessed link.
"""

from __future__ import annotations

import re

# Name as written in the verordening's law_article -> BWB id. Source of each id: shared/domain
# legal-facts(-2) (Wmo, Pw, Jeugdwet, Wgs, Awb, Lpw, BW 1, Zvw, meldcode), or the law's own
# wetten.overheid.nl address cited in public rule sets (Wlz, AOW, WW, Ziektewet, Gemeentewet,
# Wet kinderopvang).
LAWS: dict[str, str] = {
    "Wmo 2015": "BWBR0035362",
    "Participatiewet": "BWBR0015703",
    "Jeugdwet": "BWBR0034925",
    "Wgs": "BWBR0031331",
    "Awb": "BWBR0005537",
    "Leerplichtwet 1969": "BWBR0002628",
    "Leerplichtwet": "BWBR0002628",
    "Zorgverzekeringswet": "BWBR0018450",
    "Besluit verplichte meldcode": "BWBR0033723",
    "Wet langdurige zorg": "BWBR0035917",
    "Algemene Ouderdomswet": "BWBR0002221",
    "Werkloosheidswet": "BWBR0004045",
    "Ziektewet": "BWBR0001888",
    "Gemeentewet": "BWBR0005416",
    "Wet kinderopvang": "BWBR0017017",
}
BW_BOOK_1 = "BWBR0002656"  # "BW art. 1:431": book 1, article 431
_BY_LENGTH = sorted(LAWS, key=len, reverse=True)
# what matters in an article list: "art." starts article numbers, "lid" starts lid numbers
# ("art. 2.3.2 lid 1 en 2, art. 2.3.5": the 2 is a lid), "van deze verordening" makes the
# numbers before it the verordening's own (no law link)
_TOKEN = re.compile(r"art\.|lid|van deze verordening|\d+[a-z]?(?:[.:]\d+[a-z]?)*")
_BRACKETS = re.compile(r"\([^)]*\)")


def _law_of(segment: str) -> str | None:
    text = segment.strip().strip('"')
    for name in _BY_LENGTH:
        if text.startswith(name):
            return LAWS[name]
    return BW_BOOK_1 if text.startswith("BW ") else None


def _url(bwb: str, article: str, lid: str | None) -> str | None:
    if bwb == BW_BOOK_1:
        book, _sep, number = article.partition(":")
        if book != "1" or not number:
            return None
        article = number
    url = f"https://wetten.overheid.nl/jci1.3:c:{bwb}&artikel={article}"
    return f"{url}&lid={lid}" if lid else url


def law_pieces(text: str | None) -> list[tuple[str, str | None]]:
    """The text in pieces, each with the address of the article it names or None; joined
    together the pieces are the text unchanged."""
    if not text:
        return []
    pieces: list[tuple[str, str | None]] = []
    law = None
    for segment in re.split(r"(;)", text):
        if segment == ";":
            pieces.append((segment, None))
            continue
        law = _law_of(segment) or (law if segment.strip().startswith("art.") else None)
        start = segment.find("art.")
        if law is None or start < 0:
            pieces.append((segment, None))
            continue
        hidden = _BRACKETS.sub(lambda m: " " * len(m.group(0)), segment)  # "(begrip jeugdige)"
        links = _article_links(law, hidden, start)
        done = 0
        for begin, stop, url in links:
            pieces.append((segment[done:begin], None))
            pieces.append((segment[begin:stop], url))
            done = stop
        pieces.append((segment[done:], None))
    return [(piece, url) for piece, url in pieces if piece]


def _article_links(law: str, text: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, url) of each article number in `text` from `start` on."""
    found: list[list] = []  # [begin, end, article, lid]
    mode, since_art = None, 0
    for token in _TOKEN.finditer(text, start):
        word = token.group(0)
        if word == "art.":
            mode, since_art = "article", len(found)
        elif word == "lid":
            mode = "lid"
        elif word == "van deze verordening":  # the numbers since "art." are the verordening's
            del found[since_art:]
            mode = None
        elif mode == "article":
            found.append([token.start(), token.end(), word, None])
        elif mode == "lid" and found and found[-1][3] is None:
            found[-1][3] = word
    links = []
    for begin, end, article, lid in found:
        url = _url(law, article, lid)
        if url is not None:
            links.append((begin, end, url))
    return links


def law_urls(text: str | None) -> list[str]:
    return [url for _piece, url in law_pieces(text) if url]
