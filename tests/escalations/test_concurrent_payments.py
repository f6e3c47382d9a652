"""Two payments at the same moment cannot both spend the last of the handgeld (issue #17): a
payment first takes the year's budget row, so the second waits for the first to commit and then
sees its amount. Real threads, each with its own database connection (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time

from portal.escalations import ledger
from portal.escalations.models import Escalation, HandgeldPayment, OntschotterMandate
from portal.escalations.service import Refused
from portal.extensions import db
from portal.models import StaffMember
from portal.services import escalations as steps
from tests.escalations.conftest import as_, escalate


def test_the_second_of_two_payments_at_once_sees_the_first(app, people, household, clock):
    escalation_id = escalate(app, as_(app, people, "a", clock), household)
    with app.app_context():
        db.session.add(OntschotterMandate(staff_id=people["o"].id, granted=True, set_at=clock()))
        admin = db.session.get(StaffMember, people["admin"].id)
        ledger.set_budget(2026, amount_cents=1_000_00, per_payment_limit_cents=1_000_00, by=admin)
        db.session.commit()

    first_paid = threading.Event()
    results: dict[str, str] = {}

    def pay(name: str, wait: threading.Event | None) -> None:
        with app.app_context():
            if wait is not None:
                wait.wait(10)
            escalation = db.session.get(Escalation, escalation_id)
            by = db.session.get(StaffMember, people["o"].id)
            try:
                steps.pay(
                    escalation,
                    by=by,
                    purpose=name,
                    amount_cents=600_00,
                    prefinancing=False,
                    recover_from=None,
                )
                if wait is None:
                    first_paid.set()
                    time.sleep(0.5)  # the other payment now runs into the taken row
                db.session.commit()
                results[name] = "paid"
            except Refused as refused:
                db.session.rollback()
                results[name] = str(refused)
            finally:
                first_paid.set()
                db.session.remove()

    threads = [
        threading.Thread(target=pay, args=("eerste", None)),
        threading.Thread(target=pay, args=("tweede", first_paid)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == {"eerste": "paid", "tweede": "balance"}
    with app.app_context():
        assert [p.purpose for p in db.session.query(HandgeldPayment)] == ["eerste"]
        assert ledger.totals(2026).balance_cents == 400_00
