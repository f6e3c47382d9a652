"""Deliver one outbox row to the ZGW APIs, idempotently.

Every step first looks for what an earlier, interrupted attempt may already have made, by a key
this product chooses, and only then creates:

- a zaak per regime that needs a municipal decision: `identificatie` "<reference>-<regime>"
  (unique per bronorganisatie in the Zaken API), looked up with `GET /zaken?identificatie=`;
- its rollen (initiator: the applicant; belanghebbende: the members the outcomes are about;
  zaakcoordinator: the household's contact person), looked up per zaak with `GET /rollen`;
- its first status, if the zaak has none yet;
- documents (`identificatie` "<reference>-<regime>-A" for the intake, "P<household>-<n>-<regime>"
  for a plan version), looked up in the Documenten API, linked to the zaak once;
- the relation between the zaken of the household (`relevanteAndereZaken`, aard "bijdrage"):
  each zaak lists the household's other zaken (docs/decisions.md says why not deelzaken).

So a worker that dies after the server made a zaak, before we recorded it, leaves nothing
twice: the next attempt finds the zaak and goes on.
"""

from __future__ import annotations

import base64

from sqlalchemy import select

from portal import clock
from portal.caseload import service as caseload
from portal.caseload.models import HouseholdOutcome
from portal.dutch_time import dutch_date
from portal.extensions import db
from portal.handoff import documents
from portal.handoff.models import INTAKE, STATUS, Handoff, HandoffZaak, ZaaktypeMapping
from portal.handoff.zgw import Apis, Refused
from portal.households.assignment import active_assignment
from portal.households.sensitivity import protected
from portal.models import Household, Intake

MUNICIPAL = "municipal"
RELATION = "bijdrage"  # each regime's zaak contributes to the household's one plan
HIGHEST = "zeer_geheim"


def run(apis: Apis, row: Handoff) -> None:
    if row.kind == INTAKE:
        deliver_intake(apis, db.session.get(Intake, row.intake_id))
    elif row.kind == STATUS:
        deliver_statuses(apis, db.session.get(Intake, row.intake_id))
    else:
        deliver_plan(apis, row.household_id, row.plan_version_id)


# -- the intake ------------------------------------------------------------------------------


def regimes_to_decide(intake: Intake) -> dict[str, list[HouseholdOutcome]]:
    """The intake's outcomes that need a municipal decision, per regime (referrals to UWV, CIZ
    or Veilig Thuis are not the municipality's zaken). The regime's kind is read from the
    evaluation stored with the intake: the verordening as it was when the resident applied."""
    evaluation = intake.evaluation or {}
    stored = list((evaluation.get("household") or {}).get("outcomes") or [])
    for member in evaluation.get("members") or []:
        stored += member.get("outcomes") or []
    municipal = {
        o["regime"]["id"] for o in stored if (o.get("regime") or {}).get("kind") == MUNICIPAL
    }
    rows = db.session.scalars(
        select(HouseholdOutcome)
        .where(HouseholdOutcome.intake_id == intake.id)
        .order_by(HouseholdOutcome.id)
    ).all()
    found: dict[str, list[HouseholdOutcome]] = {}
    for row in rows:
        if row.regime in municipal:
            found.setdefault(row.regime, []).append(row)
    return found


def deliver_intake(apis: Apis, intake: Intake) -> None:
    household = intake.household
    wanted = regimes_to_decide(intake)
    mappings = {m.regime: m for m in db.session.scalars(select(ZaaktypeMapping))}
    unmapped = sorted(set(wanted) - set(mappings))
    if unmapped:
        raise Refused(
            "Geen zaaktype ingesteld voor: "
            + ", ".join(unmapped)
            + " (Beheer > Overdracht naar zaaksysteem > Zaaktypen)"
        )
    secret = protected(household)
    for regime, outcomes in wanted.items():
        mapping = mappings[regime]
        zaak = ensure_zaak(apis, intake, regime, mapping, secret)
        record_zaak(intake, regime, zaak)
        ensure_roles(apis, zaak, mapping.zaaktype_url, intake, outcomes)
        ensure_first_status(apis, zaak, mapping.zaaktype_url)
        follow_status(apis, zaak["url"], mapping.zaaktype_url, outcomes)
        body = documents.intake_text(intake, regime, outcomes)
        ensure_document(
            apis,
            zaak,
            mapping,
            identificatie=f"{intake.reference}-{regime}-A"[:40],
            title=f"Aanvraag {intake.reference} ({regime})",
            filename=f"aanvraag-{intake.reference}-{regime}.txt",
            content=body.encode("utf-8"),
            media_type="text/plain",
            secret=secret,
        )
    relate_household_zaken(apis, household.id)
    version = _issued_plan(household.id)
    if version is not None:
        deliver_plan(apis, household.id, version.id)


def ensure_zaak(apis: Apis, intake: Intake, regime: str, mapping, secret: bool) -> dict:
    identificatie = f"{intake.reference}-{regime}"[:40]
    found = apis.zaken.first("/zaken", identificatie=identificatie, bronorganisatie=apis.rsin)
    if found:
        return found
    return apis.zaken.post(
        "/zaken",
        {
            "identificatie": identificatie,
            "bronorganisatie": apis.rsin,
            "verantwoordelijkeOrganisatie": apis.rsin,
            "zaaktype": mapping.zaaktype_url,
            "omschrijving": f"Eén loket: aanvraag {intake.reference}"[:80],
            "toelichting": (intake.question or "")[:1000],
            "registratiedatum": dutch_date(intake.submitted_at).isoformat(),
            "startdatum": dutch_date(intake.submitted_at).isoformat(),
            "vertrouwelijkheidaanduiding": HIGHEST if secret else mapping.vertrouwelijkheid,
            "kenmerken": [{"kenmerk": intake.reference, "bron": "Eén loket"}],
        },
    )


def record_zaak(intake: Intake, regime: str, zaak: dict) -> None:
    existing = db.session.scalars(
        select(HandoffZaak).where(HandoffZaak.intake_id == intake.id, HandoffZaak.regime == regime)
    ).first()
    if existing is None:
        db.session.add(
            HandoffZaak(
                household_id=intake.household_id,
                intake_id=intake.id,
                regime=regime,
                url=zaak["url"],
                identificatie=zaak.get("identificatie") or "",
            )
        )
    db.session.commit()  # progress is kept: a later failure does not forget this zaak


def _roltype(apis: Apis, zaaktype: str, generic: str, *, needed: bool) -> str | None:
    found = apis.catalogi.first("/roltypen", zaaktype=zaaktype, omschrijvingGeneriek=generic)
    if found is None and needed:
        raise Refused(f"Het zaaktype {zaaktype} heeft geen roltype '{generic}'")
    return found["url"] if found else None


def ensure_roles(apis: Apis, zaak: dict, zaaktype: str, intake: Intake, outcomes) -> None:
    existing = apis.zaken.get("/rollen", zaak=zaak["url"]).get("results") or []
    have = {
        (
            r.get("omschrijvingGeneriek"),
            (r.get("betrokkeneIdentificatie") or {}).get("inpBsn")
            or (r.get("betrokkeneIdentificatie") or {}).get("identificatie"),
        )
        for r in existing
    }
    members = (intake.answers or {}).get("members") or []
    applicant = next((m for m in members if m.get("role") == "applicant"), None)
    wanted = []
    if applicant:
        wanted.append(("initiator", applicant, True))
    about = {o.member_id for o in outcomes if o.member_id}
    for member in members:
        if member.get("id") in about and member is not applicant and member.get("bsn"):
            wanted.append(("belanghebbende", member, False))
    for generic, member, needed in wanted:
        key = member.get("bsn") or None
        if (generic, key) in have:
            continue
        roltype = _roltype(apis, zaaktype, generic, needed=needed)
        if roltype is None:
            continue
        identification = {
            "geslachtsnaam": (member.get("family_name") or "")[:200],
            "voornamen": (member.get("given_name") or "")[:200],
        }
        if member.get("bsn"):
            identification["inpBsn"] = member["bsn"]
        if member.get("birth_date"):
            identification["geboortedatum"] = member["birth_date"]
        apis.zaken.post(
            "/rollen",
            {
                "zaak": zaak["url"],
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": roltype,
                "roltoelichting": "Aanvrager" if generic == "initiator" else "Betrokkene",
                "betrokkeneIdentificatie": identification,
            },
        )
    contact = active_assignment(intake.household_id)
    if contact is not None:
        staff_key = f"eenloket-{contact.staff_id}"[:24]
        if ("zaakcoordinator", staff_key) not in have:
            roltype = _roltype(apis, zaaktype, "zaakcoordinator", needed=False)
            if roltype is not None:
                apis.zaken.post(
                    "/rollen",
                    {
                        "zaak": zaak["url"],
                        "betrokkeneType": "medewerker",
                        "roltype": roltype,
                        "roltoelichting": "Contactpersoon van het huishouden (Eén loket)",
                        "betrokkeneIdentificatie": {
                            "identificatie": staff_key,
                            "achternaam": (contact.staff.display_name or "")[:200],
                        },
                    },
                )


def ensure_first_status(apis: Apis, zaak: dict, zaaktype: str) -> None:
    if apis.zaken.first("/statussen", zaak=zaak["url"]) is not None:
        return
    types = apis.catalogi.get("/statustypen", zaaktype=zaaktype).get("results") or []
    if not types:
        raise Refused(f"Het zaaktype {zaaktype} heeft geen statustypen")
    first = min(types, key=lambda t: t.get("volgnummer") or 0)
    apis.zaken.post(
        "/statussen",
        {
            "zaak": zaak["url"],
            "statustype": first["url"],
            "datumStatusGezet": clock.now().isoformat(),
            "statustoelichting": "Aanvraag ontvangen via Eén loket",
        },
    )


# where the outcomes of one regime stand, as a step on the zaaktype's statustypen: decided is
# every caseload status in which the term no longer runs
DECIDED = frozenset(caseload.STATUSES) - frozenset(caseload.RUNNING)


def follow_status(apis: Apis, zaak_url: str, zaaktype: str, outcomes) -> None:
    """Move the zaak on to where its outcomes stand: all decided → the last statustype (the
    end status); any under investigation or decided → the second; never backwards."""
    types = sorted(
        apis.catalogi.get("/statustypen", zaaktype=zaaktype).get("results") or [],
        key=lambda t: t.get("volgnummer") or 0,
    )
    if len(types) < 2:
        return
    statuses = {o.status for o in outcomes}
    if statuses and statuses <= DECIDED:
        wanted = types[-1]
    elif statuses - {caseload.NEW}:
        wanted = types[1]
    else:
        return
    zaak = apis.zaken.get(zaak_url)
    if zaak.get("status"):
        current = apis.zaken.get(zaak["status"]).get("statustype")
        order = [t["url"] for t in types]
        if current in order and order.index(current) >= order.index(wanted["url"]):
            return
    apis.zaken.post(
        "/statussen",
        {
            "zaak": zaak_url,
            "statustype": wanted["url"],
            "datumStatusGezet": clock.now().isoformat(),
            "statustoelichting": "Bijgewerkt door de contactpersoon in Eén loket",
        },
    )


def deliver_statuses(apis: Apis, intake: Intake | None) -> None:
    """After a status change: each zaak of the intake follows its regime's outcomes. Zaken not
    made yet follow when the intake is delivered."""
    if intake is None:
        return
    wanted = regimes_to_decide(intake)
    mappings = {m.regime: m for m in db.session.scalars(select(ZaaktypeMapping))}
    for zaak in db.session.scalars(select(HandoffZaak).where(HandoffZaak.intake_id == intake.id)):
        mapping = mappings.get(zaak.regime)
        if mapping is not None and zaak.regime in wanted:
            follow_status(apis, zaak.url, mapping.zaaktype_url, wanted[zaak.regime])


def ensure_document(
    apis: Apis,
    zaak: dict,
    mapping: ZaaktypeMapping,
    *,
    identificatie: str,
    title: str,
    filename: str,
    content: bytes,
    media_type: str,
    secret: bool,
) -> None:
    document = apis.documenten.first(
        "/enkelvoudiginformatieobjecten", identificatie=identificatie, bronorganisatie=apis.rsin
    )
    if document is None:
        zaaktype = apis.catalogi.get(mapping.zaaktype_url)
        types = zaaktype.get("informatieobjecttypen") or []
        if not types:
            raise Refused(f"Het zaaktype {mapping.zaaktype_url} heeft geen informatieobjecttype")
        document = apis.documenten.post(
            "/enkelvoudiginformatieobjecten",
            {
                "identificatie": identificatie,
                "bronorganisatie": apis.rsin,
                "creatiedatum": dutch_date(clock.now()).isoformat(),
                "titel": title[:200],
                "auteur": "Eén loket",
                "status": "definitief",
                "formaat": media_type,
                "taal": "nld",
                "bestandsnaam": filename[:255],
                "inhoud": base64.b64encode(content).decode("ascii"),
                "vertrouwelijkheidaanduiding": HIGHEST if secret else mapping.vertrouwelijkheid,
                "informatieobjecttype": types[0],
                "indicatieGebruiksrecht": False,
            },
        )
    linked = apis.zaken.first(
        "/zaakinformatieobjecten", zaak=zaak["url"], informatieobject=document["url"]
    )
    if linked is None:
        apis.zaken.post(
            "/zaakinformatieobjecten",
            {"zaak": zaak["url"], "informatieobject": document["url"], "titel": title[:200]},
        )


def relate_household_zaken(apis: Apis, household_id: int) -> None:
    """Each zaak of the household lists the others (also those of earlier intakes)."""
    urls = list(
        db.session.scalars(
            select(HandoffZaak.url)
            .where(HandoffZaak.household_id == household_id)
            .order_by(HandoffZaak.id)
        )
    )
    if len(urls) < 2:
        return
    for url in urls:
        zaak = apis.zaken.get(url)
        have = {r.get("url") for r in zaak.get("relevanteAndereZaken") or []}
        missing = [u for u in urls if u != url and u not in have]
        if missing:
            relations = list(zaak.get("relevanteAndereZaken") or [])
            relations += [{"url": u, "aardRelatie": RELATION} for u in missing]
            apis.zaken.patch(url, {"relevanteAndereZaken": relations})


# -- the plan --------------------------------------------------------------------------------


def _issued_plan(household_id: int):
    from portal.plans.models import PlanVersion

    return db.session.scalars(
        select(PlanVersion)
        .where(PlanVersion.household_id == household_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    ).first()


def deliver_plan(apis: Apis, household_id: int, version_id: int) -> None:
    """The issued ondersteuningsplan (.docx) as a document of each of the household's zaken."""
    from portal.plans.models import PlanVersion

    version = db.session.get(PlanVersion, version_id)
    household = db.session.get(Household, household_id)
    if version is None or household is None:
        return
    zaken = db.session.scalars(
        select(HandoffZaak).where(HandoffZaak.household_id == household_id)
    ).all()
    if not zaken:
        return  # the plan goes along with the zaken when they are made (deliver_intake)
    mappings = {m.regime: m for m in db.session.scalars(select(ZaaktypeMapping))}
    content = documents.plan_docx(version)
    secret = protected(household)
    for zaak in zaken:
        mapping = mappings.get(zaak.regime)
        if mapping is None:
            raise Refused(f"Geen zaaktype ingesteld voor: {zaak.regime}")
        ensure_document(
            apis,
            {"url": zaak.url},
            mapping,
            identificatie=f"P{household_id}-{version.number}-{zaak.regime}"[:40],
            title=f"Ondersteuningsplan versie {version.number}",
            filename=f"ondersteuningsplan-versie-{version.number}.docx",
            content=content,
            media_type=documents.DOCX,
            secret=secret,
        )
