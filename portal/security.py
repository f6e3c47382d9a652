"""Response headers every page gets. The CSP forbids inline script and style on purpose."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Request, Response, current_app
from werkzeug.datastructures import ImmutableMultiDict


def content_security_policy(*form_targets: str) -> str:
    """The CSP. `form_targets`: origins a form may also be sent or redirected to (a resident's
    log-out posts to us and is redirected to the DigiD broker; browsers check that redirect
    against form-action)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            " ".join(["form-action 'self'", *form_targets]),
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def no_store(response: Response) -> Response:
    """Staff pages hold personal data and sessions: never kept by a browser or proxy."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("ENV_MODE") == "production":
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=63072000; includeSubDomains"
            )
        return response


def safe_local_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: never redirect to another host."""
    if not target:
        return None
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None  # CR/LF or another control character: never put it in a Location header
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


# Control characters (a NUL made every later PostgreSQL insert fail) and the bidi embedding and
# override characters (they make a name display as something else) are removed from every
# posted form value, in one place. Tab, newline and carriage return stay; so do the zero-width
# joiners that Arabic, Persian and Indic scripts need.
_UNSAFE = dict.fromkeys(
    [c for c in range(32) if chr(c) not in "\t\n\r"]
    + [127]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)


def clean_text(value: str) -> str:
    return value.translate(_UNSAFE)


def accepts_files(view):
    """Mark a view that takes file uploads (docs/documents.md): its requests may be as large as
    `DOCUMENTS_MAX_REQUEST_BYTES` instead of `MAX_CONTENT_LENGTH`, so that a file over the
    per-file limit is read and refused with a clear message on the page (nothing typed lost)
    rather than cut off. Decided when the URL is matched, before CSRF reads the form."""
    view.accepts_files = True
    return view


# The keys a log-in puts in the signed session cookie: a staff member (Flask-Login) or a
# resident (portal/residents/session.py). Only then may an upload be large: an anonymous
# visitor cannot make the server read 64 MB before the log-in check turns them away.
LOGGED_IN_KEYS = ("_user_id", "resident_token")


def _logged_in() -> bool:
    from flask import session

    return any(key in session for key in LOGGED_IN_KEYS)


class CleanFormRequest(Request):
    """Flask's request, with form values cleaned of control and bidi override characters."""

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is None and self.url_rule is not None:
            view = current_app.view_functions.get(self.url_rule.endpoint)
            if getattr(view, "accepts_files", False) and _logged_in():
                return current_app.config.get("DOCUMENTS_MAX_REQUEST_BYTES")
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form:
            self.__dict__["form"] = ImmutableMultiDict(
                (key, clean_text(value)) for key, value in form.items(multi=True)
            )
