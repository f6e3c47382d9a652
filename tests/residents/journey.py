"""The resident's real intake journey (tests/intake helpers): save for a code, then submit."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import Intake
from tests.intake.helpers import fill_minimal
from tests.intake.helpers import submit as submit_form
from tests.intake.test_save_resume import get_code, resume


def submit_after_saving(app, client) -> tuple[str, str]:
    """Fill in the form, save it (the code is shown), submit: (code, reference)."""
    fill_minimal(client)
    code = get_code(client)
    assert resume(client, code).status_code == 303  # back in (saving leaves the form)
    response = submit_form(client)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    with app.app_context():
        reference = db.session.scalars(select(Intake.reference)).one()
    return code, reference
