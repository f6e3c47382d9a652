"""The ondersteuningsplan: one living plan per household, edited by the contact person, issued
as numbered, frozen versions and rendered as HTML and .docx (issue #5).

Data and service: `models`, `service`, `snapshot`, `overview`, the renderers. Pages: `views` (its
blueprint is nested in the staff blueprint by `create_app`: endpoints `staff.plans.*`, URLs under
/medewerkers, so staff sessions, `no_store`, the 403 page and the route matrix apply unchanged).
"""
