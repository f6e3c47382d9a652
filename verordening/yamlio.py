"""YAML reading for verordening files and scenarios.

libyaml's C parser (bundled in PyYAML's wheels) is safe in the same way as yaml.safe_load and
about ten times faster on the model file; the pure-Python parser is the fallback where PyYAML was
built without libyaml.
"""

from __future__ import annotations

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load_yaml(source: str | bytes):
    return yaml.load(source, Loader=_SafeLoader)  # noqa: S506  (a safe loader, never full)
