"""Survey fixtures: the messages' real SMTP server and app, the residents' DigiD provider and
the households' teams (the deadlines tests use the same set)."""

from __future__ import annotations

from tests.deadlines.conftest import lead_client, send_all  # noqa: F401  (fixtures, helper)
from tests.messages.conftest import mail_app, sms, smtp  # noqa: F401  (fixtures)
from tests.residents.conftest import app, migrated, provider, world  # noqa: F401  (fixtures)
from tests.staff.conftest import clock  # noqa: F401  (fixture)
