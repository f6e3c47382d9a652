"""Messages to residents, safety first (issue #19, docs/messages.md): e-mail over SMTP and
text messages through a provider hook, sent from the project's task queue through an outbox
with retries, to the person concerned only, and in a protected household only through the safe
channel that person gave.

Entry points: `init_app(app)` (the beheer page and the resident page, nested in the staff and
resident blueprints; the Celery tasks); and, inside the caller's transaction,
`intake_received(intake)`, `contact_person(household_id)` and `plan_issued(version)`.
"""

from __future__ import annotations

from flask import Flask

from portal.messages.outbox import contact_person, intake_received, plan_issued

__all__ = ["contact_person", "init_app", "intake_received", "plan_issued"]


def init_app(app: Flask) -> None:
    """Call before `staff.init_app` and `residents.init_app`: the pages nest in theirs."""
    from portal.messages import tasks  # noqa: F401  (registers the tasks on the queue)
    from portal.messages.views import bp, resident_bp
    from portal.residents import bp as residents_bp
    from portal.staff import bp as staff_bp

    if all(child is not bp for child, _ in staff_bp._blueprints):
        staff_bp.register_blueprint(bp)
    if all(child is not resident_bp for child, _ in residents_bp._blueprints):
        residents_bp.register_blueprint(resident_bp)
