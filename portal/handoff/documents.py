"""What a regime's zaak receives as documents.

Purpose limitation (AVG art. 5 lid 1 b and c): the document for one regime holds the people
its outcomes are about, how to reach the household (or that contacting them is not safe), the
resident's question, and for each of that regime's outcomes the answers its own rule used (the
`because` list the engine records). What the resident told for another regime (a safety answer
for Veilig Thuis, debts for schuldhulp) does not travel to this regime's team, unless its own
rule used it.
"""

from __future__ import annotations

from portal.households.reach import address_line
from portal.households.sensitivity import not_safe_to_contact
from portal.models import Intake

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _nl(value) -> str:
    if isinstance(value, dict):
        return str(value.get("nl") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def intake_text(intake: Intake, regime: str, outcomes) -> str:
    answers = intake.answers or {}
    members = {m.get("id"): m for m in answers.get("members") or []}
    about = {o.member_id for o in outcomes if o.member_id}
    lines = [
        f"Aanvraag {intake.reference} via Eén loket",
        f"Ingediend: {intake.submitted_at:%Y-%m-%d %H:%M} UTC, kanaal: {intake.channel}",
        f"Regeling: {regime}",
        "",
        "Personen",
    ]
    for member_id, member in members.items():
        if member.get("role") != "applicant" and member_id not in about:
            continue
        name = " ".join(p for p in (member.get("given_name"), member.get("family_name")) if p)
        bsn = f", BSN {member['bsn']}" if member.get("bsn") else ""
        born = f", geboren {member['birth_date']}" if member.get("birth_date") else ""
        lines.append(f"- {name or member_id} ({member.get('role')}){born}{bsn}")
    contact = answers.get("contact") or {}
    lines += ["", "Contact"]
    if not_safe_to_contact(answers):
        lines.append("- LET OP: contact opnemen is niet veilig. Geen post, bellen of berichten")
        lines.append("  naar het adres of een gedeeld nummer; overleg met de contactpersoon.")
        if contact.get("safe_phone"):
            lines.append(f"- Veilig telefoonnummer: {contact['safe_phone']}")
        if contact.get("safe_times"):
            lines.append(f"- Wanneer bellen veilig is: {contact['safe_times']}")
        if contact.get("may_leave_message") is not True:
            lines.append("- Geen bericht inspreken en geen sms sturen.")
    else:
        address = answers.get("address") or {}
        where = "" if address.get("no_fixed_address") else address_line(address)
        lines.append(f"- Adres: {where or 'geen vast adres'}")
        for label, key in (("Telefoon", "phone"), ("E-mail", "email")):
            if contact.get(key):
                lines.append(f"- {label}: {contact[key]}")
    lines += ["", "Vraag van de inwoner", (intake.question or "").strip(), ""]
    stored = intake.stored_outcomes()
    lines.append("Advies en de antwoorden waarop het steunt")
    for row in outcomes:
        outcome = stored.get((row.rule_id, row.member_id)) or {}
        who = members.get(row.member_id, {}).get("given_name") or "het huishouden"
        lines.append(f"- {_nl(row.provision_name)} (voor {who}; {outcome.get('law_article', '')})")
        for reason in outcome.get("because") or []:
            lines.append(f"    {_nl(reason.get('label'))}: {_nl(reason.get('value_text'))}")
    return "\n".join(lines) + "\n"


def plan_docx(version) -> bytes:
    from portal.plans.render_docx import docx_bytes

    return docx_bytes(version.snapshot or {}, "nl")
