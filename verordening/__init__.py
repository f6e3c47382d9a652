"""The encoded verordening: load, validate, evaluate and explain (Flask-free).

Public API::

    from verordening import load_verordeningen, evaluate, VerordeningError, Evaluation

    registry = load_verordeningen()            # default: verordening/data/ or $VERORDENING_PATH
    result = registry.evaluate(intake, as_of)  # or evaluate(intake, as_of) with a cached registry
    result.to_dict()                           # stable JSON, see docs/verordening.md

Inside, one way down: `registry` (versions in force) → `engine` (evaluation) → `result`
(outcomes, questions, triage) → `model` (the loaded file).
"""

from .errors import VerordeningError
from .registry import Registry, evaluate, load_verordeningen
from .result import Evaluation, MissingFact, Outcome, Possible

__all__ = [
    "Evaluation",
    "MissingFact",
    "Outcome",
    "Possible",
    "Registry",
    "VerordeningError",
    "evaluate",
    "load_verordeningen",
]
