"""YAML reading for verordening files and scenarios.

libyaml's C parser (bundled in PyYAML's wheels) is safe in the same way as yaml.safe_load and
about ten times faster on the model file; the pure-Python parser is the fallback where PyYAML was
built without libyaml.

An impossible date (2026-02-30) is a YAML error with its line and column, like any other
mistake in the file, never a traceback.
"""

from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError, SafeConstructor


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader, with dates that say where they are wrong."""


def _timestamp(loader, node):
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise ConstructorError(
            None, None, f"{node.value!r} is geen bestaande datum ({exc})", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def safe_load_yaml(source: str | bytes):
    return yaml.load(source, Loader=_Loader)  # noqa: S506  (a safe loader, never full)


def line_of(source: str, path: list[str]) -> int | None:
    """The 1-based line of the value at `path` (mapping keys and list indexes as text) in a
    YAML document, or of the deepest part of it that exists; None when not even the first."""
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.YAMLError:
        return None
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if str(k.value) == part), None)
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            found = node.value[int(part)]
        else:
            found = None
        if found is None:
            break
        node, line = found, found.start_mark.line + 1
    return line
