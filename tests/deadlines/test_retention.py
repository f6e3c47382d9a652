"""Data that ends on time (issue #19): `flask purge --dry-run` reports what would go and removes
nothing; `flask purge` removes the expired files from every feature (intakes, outcomes, plan,
messages, hand-off rows with the cached ZGW data, drafts) and keeps only counts per regime and
date; a household under legal hold is skipped, and refused by name, with nothing lost; a record
that is still open never goes; a regime's expired records go while the rest of the file stays."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import func, select

from portal.caseload.models import HouseholdOutcome
from portal.drafts import Draft
from portal.extensions import db
from portal.handoff.models import Handoff, HandoffZaak
from portal.messages.models import Message
from portal.models import Household, HouseholdMember, Intake
from portal.plans.models import Plan
from portal.retention import hooks
from portal.retention.models import LegalHold, PurgeRecord
from portal.services import outcomes
from tests.residents.conftest import ANOUK, family, submit
from tests.staff.conftest import login, text

DECIDED = {"new": ("referred", "closed")}


def close(app, household: int, world, *, regimes: set[str] | None = None) -> None:
    """Decide and close the household's outcomes (all, or those of `regimes`)."""
    with app.app_context():
        for row in db.session.scalars(
            select(HouseholdOutcome).where(HouseholdOutcome.household_id == household)
        ).all():
            if regimes is None or row.regime in regimes:
                outcomes.change_status(row, "referred", staff_id=world["a"].id)
                outcomes.change_status(row, "closed", staff_id=world["a"].id)
        db.session.commit()


def counts(app, household: int) -> dict[str, int]:
    with app.app_context():

        def n(model, column):
            return db.session.scalar(
                select(func.count()).select_from(model).where(column == household)
            )

        return {
            "household": n(Household, Household.id),
            "members": n(HouseholdMember, HouseholdMember.household_id),
            "intakes": n(Intake, Intake.household_id),
            "outcomes": n(HouseholdOutcome, HouseholdOutcome.household_id),
            "plan": n(Plan, Plan.household_id),
            "messages": n(Message, Message.household_id),
            "handoff": n(Handoff, Handoff.household_id),
            "zaken": n(HandoffZaak, HandoffZaak.household_id),
        }


def add_draft(app, household: int) -> None:
    with app.app_context():
        intake = db.session.scalars(select(Intake).where(Intake.household_id == household)).first()
        db.session.add(
            Draft(
                public_id="d" * 20,
                status="submitted",
                intake_id=intake.id,
                answers={"story": "kept"},
                submit_token="t" * 20,
                expires_at=intake.submitted_at + timedelta(days=60),
            )
        )
        db.session.commit()


def add_zaak(app, household: int) -> None:
    """What the hand-off keeps of the case system: an outbox row and the zaak it made (the
    cached ZGW data), as when ZGW is configured."""
    with app.app_context():
        intake = db.session.scalars(select(Intake).where(Intake.household_id == household)).first()
        db.session.add(
            Handoff(kind="intake", household_id=household, intake_id=intake.id, state="delivered")
        )
        db.session.add(
            HandoffZaak(
                household_id=household,
                intake_id=intake.id,
                regime="jeugdwet",
                url="https://zaken.example/api/v1/zaken/1",
                identificatie="ZAAK-2026-0001",
            )
        )
        db.session.commit()


def purge(app, *args):
    return app.test_cli_runner().invoke(args=["purge", *args])


def test_dry_run_reports_and_the_real_purge_removes_everything_but_an_anonymous_count(
    mail_app, world, clock
):
    old, reference = submit(mail_app, family())
    add_draft(mail_app, old)
    add_zaak(mail_app, old)
    close(mail_app, old, world)
    before = counts(mail_app, old)
    assert all(
        before[k] for k in ("household", "intakes", "outcomes", "plan", "messages", "handoff")
    ), before

    result = purge(mail_app, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Niets verlopen" in result.output  # closed today: nothing has expired yet

    clock.advance(days=366 * 21)  # 21 years on: the Jeugdwet's 20 years after the last change
    result = purge(mail_app, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Zou verwijderen [jeugdwet]: 1 huishoudens" in result.output
    assert "intakes 1" in result.output and "drafts 1" in result.output
    assert "niet gecontroleerd" in result.output  # the placeholder terms are named
    assert "Proefdraaien: er is niets verwijderd." in result.output
    assert counts(mail_app, old) == before
    with mail_app.app_context():
        assert db.session.scalar(select(func.count(PurgeRecord.id))) == 0

    result = purge(mail_app)
    assert result.exit_code == 0, result.output
    assert "Verwijderd [jeugdwet]: 1 huishoudens" in result.output
    assert set(counts(mail_app, old).values()) == {0}
    with mail_app.app_context():
        assert db.session.scalar(select(func.count(Draft.id))) == 0
        records = db.session.scalars(select(PurgeRecord)).all()
        assert [(r.regime, r.cause, r.households) for r in records] == [
            ("jeugdwet", "retention", 1)
        ]
        (record,) = records
        assert record.rows["intakes"] == 1 and record.rows["messages"] >= 1
        assert record.rows["handoff"] == 2 and record.rows["plans"] >= 1
        # counts per regime and date, nothing that points to a person or a file
        assert {c.name for c in PurgeRecord.__table__.columns} == {
            "id",
            "purged_on",
            "regime",
            "cause",
            "households",
            "rows",
            "created_at",
        }
        assert all(isinstance(v, int) for v in record.rows.values())
        written = json.dumps(record.rows) + record.regime + record.cause
        for identifier in (reference, ANOUK, "Anouk", "2741"):
            assert identifier not in written


def test_a_legal_hold_stops_the_purge_and_a_purge_by_name_is_refused(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    close(mail_app, household, world)
    contact = mail_app.test_client()
    login(contact, world["a"], clock)
    hold = f"/medewerkers/huishoudens/{household}/bewaren/bewaarplicht"
    assert contact.post(hold, data={"bewaarplicht-reason": "x"}).status_code == 403
    lead = mail_app.test_client()
    login(lead, world["l"], clock)
    empty = lead.post(hold, data={"bewaarplicht-reason": ""})
    assert empty.status_code == 400 and "Schrijf waarom alles bewaard moet blijven." in text(empty)
    answer = lead.post(hold, data={"bewaarplicht-reason": "Bezwaarprocedure loopt."})
    assert answer.status_code == 303
    assert "Bezwaarprocedure loopt." in text(
        lead.get(f"/medewerkers/huishoudens/{household}/bewaren")
    )

    clock.advance(days=366 * 21)
    before = counts(mail_app, household)
    refused = purge(mail_app, "--household", str(household))
    assert refused.exit_code != 0
    assert f"Geweigerd: huishouden {household} staat onder bewaarplicht" in refused.output
    assert "Er is niets verwijderd." in refused.output
    everything = purge(mail_app)
    assert (
        everything.exit_code == 0
        and "Overgeslagen: 1 huishoudens onder bewaarplicht." in everything.output
    )
    assert counts(mail_app, household) == before

    with mail_app.app_context():  # lifted: the next purge takes it
        db.session.scalars(select(LegalHold)).one().lifted_at = db.func.now()
        db.session.commit()
    assert purge(mail_app, "--household", str(household)).exit_code == 0
    assert counts(mail_app, household)["household"] == 0


def test_open_records_stay_and_one_regimes_expired_records_go_alone(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    close(mail_app, household, world, regimes={"participatiewet"})
    clock.advance(days=366 * 11)  # ten years after closing (Participatiewet); the rest runs
    result = purge(mail_app)
    assert result.exit_code == 0, result.output
    assert "Verwijderd [participatiewet]: 0 huishoudens; outcomes" in result.output
    with mail_app.app_context():
        regimes = set(
            db.session.scalars(
                select(HouseholdOutcome.regime).where(HouseholdOutcome.household_id == household)
            )
        )
    assert "participatiewet" not in regimes and "jeugdwet" in regimes
    assert counts(mail_app, household)["intakes"] == 1


def test_a_registered_purge_hook_is_counted_and_run(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    close(mail_app, household, world)
    seen: list[int] = []
    hooks.register(hooks.PurgeHook("extra_owner", lambda h: 3, lambda h: seen.append(h) or 3))
    try:
        clock.advance(days=366 * 21)
        assert "extra_owner 3" in purge(mail_app, "--dry-run").output and seen == []
        assert "extra_owner 3" in purge(mail_app).output and seen == [household]
    finally:
        hooks.unregister("extra_owner")
