"""Message fixtures: a real SMTP server (aiosmtpd) on loopback that records what it receives,
or answers "try later" when told; the app pointed at it, with the recording sms double."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from portal.messages.channels import RecordingSms
from tests.residents.conftest import app, migrated, provider, world  # noqa: F401  (fixtures)
from tests.staff.conftest import clock  # noqa: F401  (fixture)


class Mailbox:
    """The SMTP server's handler: keeps each message; `refuse` makes it answer with that
    reply to every recipient (a 451 is "try later", a 550 "never")."""

    def __init__(self):
        self.received: list = []
        self.refuse: str | None = None
        self.tries = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.tries += 1
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        mail = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append({"to": list(envelope.rcpt_tos), "mail": mail})
        return "250 Message accepted for delivery"

    def texts(self) -> list[str]:
        return [
            f"{m['mail']['Subject']}\n{m['mail'].get_body(('plain',)).get_content()}"
            for m in self.received
        ]

    def recipients(self) -> list[str]:
        return [address for m in self.received for address in m["to"]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    mailbox.port = controller.port
    yield mailbox
    controller.stop()


@pytest.fixture
def sms():
    RecordingSms.sent.clear()
    yield RecordingSms.sent
    RecordingSms.sent.clear()


@pytest.fixture
def mail_app(app, smtp, sms):  # noqa: F811
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp.port,
        SMTP_TLS="none",
        SMTP_FROM="gemeente@voorbeeld.example",
        SMS_PROVIDER="test",
        PUBLIC_URL="https://loket.voorbeeld.example",
    )
    return app
