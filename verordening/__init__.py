"""The encoded verordening: load, validate, evaluate and explain (Flask-free).

Public API::

    from verordening import load_verordeningen, evaluate, VerordeningError, Evaluation

    registry = load_verordeningen()            # default: verordening/data/ or $VERORDENING_PATH
    result = registry.evaluate(intake, as_of)  # or evaluate(intake, as_of) with a cached registry
    result.to_dict()                           # stable JSON, see docs/verordening.md
"""

from .engine import (
    Evaluation,
    MissingFact,
    Outcome,
    Registry,
    evaluate,
    load_verordeningen,
)
from .errors import VerordeningError

__all__ = [
    "Evaluation",
    "MissingFact",
    "Outcome",
    "Registry",
    "VerordeningError",
    "evaluate",
    "load_verordeningen",
]
