"""The versions of the verordening in force: loaded once per path, picked by peildatum."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from .engine import evaluate_with
from .errors import VerordeningError
from .loader import load_all
from .model import Verordening
from .result import Evaluation

DEFAULT_PATH = Path(__file__).resolve().parent / "data"


class Registry:
    """Every loaded version of the verordening, picked by peildatum."""

    def __init__(self, verordeningen: list[Verordening], path: Path | None = None):
        self.verordeningen = sorted(verordeningen, key=lambda v: v.valid_from)
        self.path = path

    def for_date(self, as_of: date) -> Verordening:
        for v in self.verordeningen:
            if v.covers(as_of):
                return v
        ranges = ", ".join(
            f"{v.valid_from} tot {v.valid_to or 'onbepaald'}" for v in self.verordeningen
        )
        raise VerordeningError(f"geen verordening geldig op {as_of.isoformat()} (wel: {ranges})")

    def evaluate(self, intake: dict, as_of: date) -> Evaluation:
        return evaluate_with(self.for_date(as_of), intake, as_of)

    def __iter__(self):
        return iter(self.verordeningen)

    def __len__(self):
        return len(self.verordeningen)


def default_path() -> Path:
    env = os.environ.get("VERORDENING_PATH")
    return Path(env) if env else DEFAULT_PATH


def load_verordeningen(path: str | Path | None = None) -> Registry:
    path = Path(path) if path is not None else default_path()
    return Registry(load_all(path), path)


_REGISTRIES: dict[Path, Registry] = {}


def evaluate(intake: dict, as_of: date, path: str | Path | None = None) -> Evaluation:
    """Evaluate with the default (or given) verordening path; the registry is loaded once."""
    key = (Path(path) if path is not None else default_path()).resolve()
    registry = _REGISTRIES.get(key)
    if registry is None:
        registry = _REGISTRIES[key] = load_verordeningen(key)
    return registry.evaluate(intake, as_of)


def clear_cache() -> None:
    _REGISTRIES.clear()
