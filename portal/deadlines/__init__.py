"""Deadlines kept (issue #19, docs/caseload.md, "Deadlines kept"): Awb 4:14 extensions of a
decision term and the Awb 4:17 dwangsom clock after a received ingebrekestelling.

- `awb`: the rules as plain functions of dates, each value with its source;
- `service`: this package's data (extensions, ingebrekestellingen, the clocks owed today);
- `views`: the staff pages (the household's terms, the dwangsom alarm), nested in the staff
  blueprint by `create_app`.

Cross-feature writes (the outcome's new date, the caseload, the message to the resident, the
clock stopping at a decision) are in `portal/services/deadlines.py` and
`portal/services/outcomes.py`.
"""
