"""The one catalogue of facts: the intake schema read once, its facts, and the value checks.

Flask-free and free of the project's other packages, so the verordening engine, the intake
contract (forms/) and the portal all read the same thing (docs/architecture.md):

- ``catalogue.schema``: ``load_schema()``, the intake JSON Schema (``forms/intake.schema.json``)
  parsed once, and ``SCHEMA_VERSION``;
- ``catalogue.facts``: ``Fact`` and ``answered_facts()``, every fact a resident can answer;
- ``catalogue.values``: the checks on one value (BSN, postcode, e-mail, phone, house number,
  amount) that the contract and the intake pages' validators share.
"""
