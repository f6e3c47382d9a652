"""Two requests to issue the same version at the same moment (a double click that reaches two
workers): exactly one version is issued."""

from __future__ import annotations

import threading

from portal.extensions import db
from portal.models import StaffMember
from portal.plans import service


def test_two_simultaneous_issues_of_the_same_number_give_one_version(app, world, household):
    barrier = threading.Barrier(2)
    results: list[str] = []

    def attempt():
        with app.app_context():
            plan = service.plan_for(household)
            staff = db.session.get(StaffMember, world["a"].id)
            barrier.wait()
            try:
                service.issue(plan, staff, number=1)
                db.session.commit()
                results.append("issued")
            except Exception as error:  # VersionExists, or the unique constraint on SQLite
                db.session.rollback()
                results.append(type(error).__name__)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results.count("issued") == 1, results
    with app.app_context():
        assert [v.number for v in service.issued_versions(household)] == [1]
