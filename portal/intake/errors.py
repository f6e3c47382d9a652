"""Failures that must not cost the resident their answers.

- A missing or expired CSRF token is an expired page (as SecureDrop treats it): back to the
  same page with a message; what was saved before is still there.
- A body over MAX_CONTENT_LENGTH gets a page in plain words (413), with a way back.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from portal.intake.views import bp


@bp.app_errorhandler(CSRFError)
def page_expired(error: CSRFError):
    if request.blueprint != "intake" and not request.path.startswith(bp.url_prefix or "/"):
        return render_template("intake/expired.html", back_url=None), 400
    flash(
        _(
            "Deze pagina was te lang open. Uw antwoorden van de andere pagina's zijn bewaard. Vul "
            "deze pagina opnieuw in en ga verder."
        ),
        "warning",
    )
    # The safe way back: the same page on this site, as a GET (never a posted Referer).
    endpoint = request.url_rule.endpoint if request.url_rule else None
    target = POST_ONLY.get(endpoint or "")
    if target:
        return redirect(url_for(target), code=303)
    return redirect(request.full_path if request.query_string else request.path, code=303)


# Pages that only take a post: after an expired token, go to the page the post came from.
POST_ONLY = {
    "intake.submit": "intake.check",
    "intake.begin": "intake.start",
    "intake.discard": "intake.start",
}


@bp.app_errorhandler(413)
def too_large(error):
    back = request.path if request.path.startswith(bp.url_prefix or "/") else None
    return render_template("intake/too_large.html", back_url=back), 413
