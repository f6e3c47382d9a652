"""Issue #14, lost updates: two people edit the same plan. A save on a stale revision keeps
what was typed and shows what is saved now; issuing refuses a plan changed since it was opened."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.plans import service
from portal.plans.models import PlanVersion
from tests.plans.conftest import date_parts, plan_url, text


def own_words(words: str, revision: int | None) -> dict:
    data = {
        "vraag-own_words": words,
        "vraag-wants_to_achieve": "Weer rust.",
        **date_parts("vraag-melding_date", "2026-03-02"),
        **date_parts("vraag-personal_plan_date", None),
    }
    if revision is not None:
        data["revision"] = str(revision)
    return data


def revision(app, household: int) -> int:
    with app.app_context():
        return service.plan_for(household).revision or 0


def test_the_second_save_on_an_old_revision_keeps_both_texts(app, household, a_client):
    opened_at = revision(app, household)  # both colleagues open the section now
    assert 'name="revision"' in a_client.get(plan_url(household, "/vraag")).get_data(as_text=True)
    first = a_client.post(plan_url(household, "/vraag"), data=own_words("Tekst van A.", opened_at))
    assert first.status_code == 303
    second = a_client.post(plan_url(household, "/vraag"), data=own_words("Tekst van B.", opened_at))
    assert second.status_code == 409
    page = text(second)
    assert "Iemand anders heeft het plan intussen veranderd" in page
    assert "Tekst van A." in page and "Tekst van B." in page  # saved beside typed
    with app.app_context():
        assert service.plan_for(household).own_words == "Tekst van A."  # nothing overwritten
    # saved again from the conflict page (it carries the current revision): now it lands
    current = revision(app, household)
    again = a_client.post(plan_url(household, "/vraag"), data=own_words("Tekst van B.", current))
    assert again.status_code == 303
    with app.app_context():
        assert service.plan_for(household).own_words == "Tekst van B."


def test_issuing_refuses_a_plan_changed_after_the_page_was_opened(app, household, a_client):
    opened_at = revision(app, household)
    a_client.post(plan_url(household, "/vraag"), data=own_words("Later veranderd.", opened_at))
    answer = a_client.post(
        plan_url(household, "/uitgeven"), data={"number": "1", "revision": str(opened_at)}
    )
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/plan/uitgeven")
    with app.app_context():
        assert db.session.scalars(sa.select(PlanVersion)).all() == []
    fresh = revision(app, household)
    issued = a_client.post(
        plan_url(household, "/uitgeven"), data={"number": "1", "revision": str(fresh)}
    )
    assert issued.status_code == 303
    with app.app_context():
        (version,) = db.session.scalars(sa.select(PlanVersion)).all()
        assert version.snapshot["question"]["own_words"] == "Later veranderd."
