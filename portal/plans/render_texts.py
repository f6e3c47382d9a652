"""The fixed explanatory texts of the ondersteuningsplan (Dutch, B1), shared by the .docx and
HTML renderings. The snapshot carries data only; these texts belong to the renderers, so an old
plan version reads with today's explanation of the resident's rights.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a Dutch text for extraction; it is translated where it is written."""
    return message


# Explanatory texts: Dutch, B1, translated into the resident's language where possible.
INTRODUCTION = N_(
    "Dit is uw ondersteuningsplan. Hierin staat wat u wilt bereiken, wat u zelf doet en welke "
    "hulp u krijgt. Wij maken het plan samen met u. Het plan is geen besluit."
)
INTROS = {
    "household": N_("Dit zijn de mensen in uw huishouden en de mensen die u helpen."),
    "question": N_("Dit is uw vraag, zoals u die zelf aan ons vertelde."),
    "domains": N_(
        "Hier staat per leefgebied hoe het nu gaat. Elk leefgebied krijgt een score van 1 tot 5. "
        "Een 1 betekent: het lukt nu niet, er is meteen hulp nodig. Een 5 betekent: het lukt "
        "helemaal zelf. Bij een nieuwe score ziet u ook wat er veranderd is."
    ),
    "strengths": N_("Dit gaat goed. Daar bouwen we op verder."),
    "own_contribution": N_("Dit doet u zelf. En dit doen de mensen om u heen."),
    "goals": N_("Dit wilt u bereiken, per leefgebied."),
    "agreements": N_("Dit hebben we afgesproken: wie doet wat, en wanneer is het klaar?"),
    "provisions": N_(
        "Dit is de hulp die wij voor u regelen of onderzoeken, per wet. U ziet op welke regel "
        "de hulp rust, hoe ver het is, wanneer het klaar moet zijn en wat het naar verwachting "
        "kost. Over een aanvraag krijgt u altijd een apart besluit."
    ),
    "reasoning": N_(
        "Zo hebben wij gekeken wat u nodig heeft. Wij beginnen bij wat u wilt bereiken. Daarna "
        "kijken we wat de wet wil en wegen we alles af. Pas dan kiezen we de regel die past. "
        "Wijken we af van de regels van de gemeente? Dan staat hier waarom."
    ),
    "costs": N_(
        "Dit kost de hulp naar verwachting, per wet en bij elkaar. Het zijn schattingen. "
        "Moet u zelf iets betalen, een eigen bijdrage? Dan krijgt u daarover apart bericht."
    ),
    "household_budget": N_(
        "Dit is het budget voor uw hulp: hoeveel geld er is, hoeveel al is uitgegeven en hoeveel "
        "er nog over is. Staat er één gezinsbudget? Dan is er één budget voor de hulp van het "
        "hele gezin, in plaats van een budget per wet."
    ),
    "network": N_(
        "Deze tekening laat zien wie er bij uw huishouden betrokken is: de mensen om u heen, de "
        "hulp per wet en de organisaties. Onder de tekening staat hetzelfde in woorden."
    ),
    "contact": N_("Heeft u een vraag over dit plan? Neem dan contact op met uw contactpersoon."),
    "evaluation": N_(
        "Op deze datum kijken we samen hoe het gaat. We geven dan opnieuw een score per "
        "leefgebied. Zo ziet u wat er veranderd is."
    ),
    "consents": N_(
        "Met deze organisaties mogen wij uw gegevens delen, voor het doel dat erbij staat. "
        "U kunt uw toestemming altijd intrekken. Zeg dat tegen uw contactpersoon."
    ),
}
RIGHTS = (
    N_("Dit plan is geen besluit. Daarom kunt u tegen dit plan geen bezwaar maken."),
    N_(
        "Bent u het niet eens met wat er in het plan staat? Zeg het tegen uw contactpersoon. "
        "Dan passen we het plan samen aan."
    ),
    N_(
        "Over een aanvraag krijgt u een besluit. Dat heet een beschikking. Bent u het niet eens "
        "met een beschikking? Dan kunt u bezwaar maken. Dat moet binnen zes weken. De zes weken "
        "beginnen op de dag nadat wij u de beschikking stuurden (Algemene wet bestuursrecht, "
        "artikel 6:7 en 6:8). In de beschikking staat hoe u bezwaar maakt."
    ),
    N_(
        "U kunt gratis hulp krijgen van een cliëntondersteuner. Die staat naast u, helpt u "
        "uw vraag duidelijk te maken en kan mee naar gesprekken. De cliëntondersteuner werkt "
        "niet voor de gemeente. Vraag uw contactpersoon of de gemeente %(municipality)s om een "
        "cliëntondersteuner."
    ),
)
# The plan document's sections, in order: (key, title). Both renderers walk this one list: the
# .docx writer (render_docx) and the HTML template (templates/plans/_document.html), each with
# one body per key; a section's introduction is INTROS[key] where there is one.
DOCUMENT_SECTIONS = (
    ("household", N_("Uw huishouden en de mensen om u heen")),
    ("question", N_("Uw vraag")),
    ("domains", N_("Uw situatie per leefgebied")),
    ("strengths", N_("Wat goed gaat")),
    ("own_contribution", N_("Wat u en uw netwerk zelf doen")),
    ("goals", N_("Uw doelen per leefgebied")),
    ("agreements", N_("Afspraken")),
    ("provisions", N_("Hulp en voorzieningen per wet")),
    ("reasoning", N_("Hoe wij uw vraag hebben afgewogen")),
    ("costs", N_("Verwachte kosten")),
    ("household_budget", N_("Budget voor uw hulp")),
    ("network", N_("Wie er bij u betrokken is")),
    ("contact", N_("Uw contactpersoon")),
    ("evaluation", N_("Evaluatie")),
    ("consents", N_("Toestemming om gegevens te delen")),
    ("rights", N_("Uw rechten")),
)
# Sections that only a snapshot with their key has (issue #17: the household budget and the
# network picture): a version issued before them shows neither, rather than "not filled in".
SECTION_NEEDS = {"household_budget": "household_budget", "network": "network_picture"}


def shown_sections(plan: dict) -> list[tuple[str, str]]:
    """DOCUMENT_SECTIONS that this snapshot has (both renderers walk this)."""
    return [
        (key, title)
        for key, title in DOCUMENT_SECTIONS
        if key not in SECTION_NEEDS or SECTION_NEEDS[key] in plan
    ]


EXPLANATIONS = (INTRODUCTION, *INTROS.values(), *RIGHTS)
