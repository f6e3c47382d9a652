"""Staff read dates and times as they are in the Netherlands: moments are stored in UTC, and
23:30 UTC on a winter evening is already the next day in the Netherlands."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.extensions import db
from portal.households.models import CaseLogEntry, Consent
from tests.households.conftest import as_


def test_the_household_file_shows_dutch_dates_and_times(app, world, clock, household):
    late_evening = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # 00:30 on 23 November in NL
    with app.app_context():
        db.session.add(
            CaseLogEntry(
                household_id=household, kind="note", body="Na de avondronde", at=late_evening
            )
        )
        db.session.add(
            Consent(
                household_id=household,
                organisation="Wijkteam",
                purpose="Overleg",
                given_at=late_evening,
            )
        )
        db.session.commit()
    page = as_(app, world, "a", clock).get(f"/medewerkers/huishoudens/{household}").text
    assert "23-11-2026 00:30" in page
    assert "22-11-2026 23:30" not in page
    assert "Wijkteam: Overleg (23-11-2026" in page
