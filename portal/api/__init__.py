"""Eén loket's own JSON API, /api/v1 (issue #15, docs/api.md).

- `openapi`: the OpenAPI 3.1 document, the one description of every route; `views` serves it
  and the docs page rendered from it, anonymous screening, intake submission by partner
  systems and read access for authorised systems;
- `tokens`: clients with purpose scopes and hashed tokens, checked on every call, each call
  audited in the households' audit trail; `privacy`: what a system never reads;
- `admin` (beheer page, nested in the staff blueprint by `create_app`) and `cli`
  (`flask api-client`).

Errors are `application/problem+json` (`problems`), never the HTML pages meant for people.
"""
