"""Validate an intake against the contract before the engine sees it (CLI and scenarios).

The portal's forms.contract.validate_intake is used when it exists, so the CLI judges an intake
exactly as the portal does; otherwise the JSON Schema (``catalogue.schema``) is applied directly
with jsonschema. That lazy import is the one place verordening/ reaches into forms/ (an
import-linter contract allows exactly this one).
"""

from __future__ import annotations

from functools import lru_cache

from catalogue.schema import load_schema


@lru_cache(maxsize=1)
def _schema_validator():
    import jsonschema

    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _issue_text(issue) -> str:
    message = getattr(issue, "message", None)
    if not isinstance(message, str):
        return str(issue)
    path = getattr(issue, "path", None)
    return f"{path}: {message}" if path else message


def validate_intake(data) -> list[str]:
    """Return readable problems with the intake; an empty list means it is valid."""
    try:
        from forms.contract import validate_intake as contract_validate
    except ImportError:
        contract_validate = None
    if contract_validate is not None:
        # warnings (e.g. a very young applicant) do not block an evaluation; errors do
        return [_issue_text(i) for i in contract_validate(data) if getattr(i, "is_error", True)]
    errors = sorted(_schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors]
