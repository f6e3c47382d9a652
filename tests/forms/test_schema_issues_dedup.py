"""Each problem is said once, however many ways jsonschema reports it."""

from forms.contract import validate_intake


def test_each_missing_field_is_reported_once():
    issues = validate_intake({"onbekend": 1})
    keys = [(issue.path, issue.code) for issue in issues]
    assert len(keys) == len(set(keys))
    assert ("schema_version", "required") in keys
    assert ("members", "required") in keys
    assert ("story", "required") in keys
