"""Translation markers that work without Flask.

``N_`` marks a Dutch source string for extraction (``pybabel extract -k N_``) without
translating it. The string is translated later, where the language is known (the portal
calls ``gettext`` on it); the Flask-free code keeps the Dutch text and the parameters apart.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; return it unchanged."""
    return message
