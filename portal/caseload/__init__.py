"""The contact person's workspace: the caseload (households assigned to them, what is due first
on top) and the status of each outcome (issue #4).

Data and service: `models`, `service`. Pages: `views` (its blueprint is nested in the staff
blueprint by `create_app`, so its pages live under `/medewerkers`, get the staff pages'
`Cache-Control: no-store` and 403 page, and are walked by the test that every staff route carries
a role rule: endpoints `staff.caseload.*`).
"""
