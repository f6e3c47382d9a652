"""Issue #13: the caseload lists the applicant's name beside the reference, for the staff who
may open the file; nobody else's caseload shows it."""

from __future__ import annotations

from tests.households.conftest import as_
from tests.staff.conftest import text


def test_the_caseload_shows_the_applicants_name(app, world, clock, household):
    own = text(as_(app, world, "a", clock).get("/medewerkers/caseload"))
    assert "Anouk de Vries" in own
    other = text(as_(app, world, "c", clock).get("/medewerkers/caseload"))
    assert "Anouk" not in other
