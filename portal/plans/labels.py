"""Fixed labels of the plan (Dutch msgids; the snapshot stores them in Dutch, the pages show
them in the reader's language). The life domains are the verordening's `life_domain` keys."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from verordening.loader import LIFE_DOMAINS

DOMAIN_LABELS = {
    "income": _l("Inkomen"),
    "debts": _l("Schulden"),
    "housing": _l("Wonen"),
    "household_self_care": _l("Huishouden en zelfzorg"),
    "mobility": _l("Vervoer en bewegen"),
    "health": _l("Gezondheid"),
    "parenting": _l("Opvoeden en opgroeien"),
    "school": _l("School en leerplicht"),
    "work": _l("Werk en dagbesteding"),
    "network": _l("Mensen om u heen en mantelzorg"),
    "safety": _l("Veiligheid thuis"),
}
assert tuple(DOMAIN_LABELS) == LIFE_DOMAINS, "a life domain of the verordening has no label"

NETWORK_KINDS = {
    "informal_carer": _l("Mantelzorger"),
    "network": _l("Familie, vrienden of buren"),
    "clientondersteuner": _l("Cliëntondersteuner"),
    "professional": _l("Hulpverlener"),
}

MEMBER_ROLES = {
    "applicant": _l("Aanvrager"),
    "partner": _l("Partner"),
    "child": _l("Kind"),
    "other": _l("Ander lid van het huishouden"),
}

PROVISION_KINDS = {
    "algemene_voorziening": _l("Algemene voorziening"),
    "melding": _l("Melding"),
    "aanvraag": _l("Aanvraag"),
    "referral": _l("Doorverwijzing"),
}

CHANNEL_LABELS = {
    "online": _l("online, door de inwoner"),
    "front_desk": _l("aan de balie"),
    "contact_person": _l("bij de contactpersoon"),
}

# Scores only, in our own words: the ZRM's criteria texts are not copied (copyright).
SCORE_LABELS = {
    1: _l("1 – het gaat nu helemaal niet"),
    2: _l("2 – het lukt niet zonder hulp"),
    3: _l("3 – het lukt met moeite"),
    4: _l("4 – het lukt genoeg"),
    5: _l("5 – het lukt helemaal zelf"),
}
