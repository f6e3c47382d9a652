"""The resident's own pages: log in with DigiD through an OpenID Connect broker and see
"Mijn aanvraag" — intakes, outcomes and deadlines, the contact person, the plan, consents, and
who looked at the file (issue #6). See docs/residents.md.

Data and service: `models`, `identity`, `session`, `mine`, `plan`, `attach`. Pages: `views`.
"""
