"""The channels: e-mail over SMTP, and text messages through a provider (a hook).

SMTP is configured by environment (SMTP_HOST, SMTP_PORT, SMTP_FROM, SMTP_TLS = starttls | ssl |
none, SMTP_USER, SMTP_PASSWORD). The sms provider is `SMS_PROVIDER`: unset (off), `test` (the
recording double below; refused in production) or `package.module:Class`, a class taking the
Flask config whose `send(to, text)` sends one message and raises `Retry` or `Refused`.
"""

from __future__ import annotations

import importlib
import smtplib
import ssl
import threading
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol

from portal.messages.recipients import NO_SMS, NO_SMTP


class Retry(Exception):
    """A temporary failure: try again later."""


class Refused(Exception):
    """A permanent refusal: trying again will not help."""


def send_email(config, to: str, subject: str, body: str, language: str) -> None:
    host = config.get("SMTP_HOST")
    if not host:
        raise Refused(NO_SMTP)
    message = EmailMessage()
    message["From"] = config["SMTP_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=config["SMTP_FROM"].rpartition("@")[2] or None)
    message["Content-Language"] = language
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    tls = (config.get("SMTP_TLS") or "starttls").lower()
    port = int(config.get("SMTP_PORT") or (465 if tls == "ssl" else 587))
    timeout = float(config.get("SMTP_TIMEOUT_SECONDS") or 10)
    try:
        if tls == "ssl":
            server = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            server = smtplib.SMTP(host, port, timeout=timeout)
        with server:
            if tls == "starttls":
                server.starttls(context=ssl.create_default_context())
            if config.get("SMTP_USER"):
                server.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
            server.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        raise _by_code(code, reply) from error
    except smtplib.SMTPResponseException as error:
        raise _by_code(error.smtp_code, error.smtp_error) from error
    except (OSError, smtplib.SMTPException) as error:  # no connection, timeout, disconnected
        raise Retry(f"De mailserver is niet bereikbaar: {type(error).__name__}: {error}") from error


def _by_code(code: int, reply) -> Exception:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    words = f"De mailserver antwoordde {code} {text}".strip()
    return Refused(words) if 500 <= code < 600 else Retry(words)


class SmsProvider(Protocol):
    def send(self, to: str, text: str) -> None: ...


class RecordingSms:
    """The test double: keeps every text message it was given (`sent`), sends nothing."""

    sent: list[dict] = []
    _lock = threading.Lock()

    def __init__(self, config=None):
        self.config = config

    def send(self, to: str, text: str) -> None:
        with self._lock:
            RecordingSms.sent.append({"to": to, "text": text})


def sms_provider(config) -> SmsProvider:
    name = config.get("SMS_PROVIDER")
    if not name:
        raise Refused(NO_SMS)
    if name == "test":
        return RecordingSms(config)
    module, _, cls = name.partition(":")
    return getattr(importlib.import_module(module), cls)(config)


def send_sms(config, to: str, text: str) -> None:
    sms_provider(config).send(to, text)
