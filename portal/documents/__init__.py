"""Documents (issue #19) and the household's post register (issue #17): a safe store for
files residents and staff hand in (PDF, JPEG, PNG; checked by content, images re-encoded,
PDFs checked for active content; kept outside the web root with the purpose they were given
for; opened only by those with that purpose, every open audited). docs/documents.md.

One entry point for the rest of the portal: `store`, `read`, `delete` and `delete_household`
(the retention purge calls these two), `Upload`, `TooMany`, `Refused` and the register's
`next_post_action` (the caseload's due date, through services/due_dates.py). Pages: `views`
(nested in the staff blueprint, in /mijn, and the front desk's page by `create_app`).
"""

from __future__ import annotations

from portal.documents.checks import Refused
from portal.documents.service import (
    TooMany,
    Upload,
    delete,
    delete_household,
    next_post_action,
    read,
    store,
)

__all__ = [
    "Refused",
    "TooMany",
    "Upload",
    "delete",
    "delete_household",
    "next_post_action",
    "read",
    "store",
]
