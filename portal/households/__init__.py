"""Households and their one contact person (issue #4): teams, assignment rules, handover, the
household file, access rules and the audit trail.

Data and service: `models`, `access`, `assignment`, `matching`, `consents`, `meldcode`, `reach`,
`sensitivity`, `household_file`, `moves`. Pages: `views` (with `match_views`); its blueprint is
nested in the staff blueprint by `create_app` (endpoints `staff.households.*`, URLs under
/medewerkers), so staff sessions, `no_store`, the 403 page and the meta-test that every staff
route has a rule apply unchanged.
"""
