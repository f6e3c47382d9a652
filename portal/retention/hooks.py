"""The purge hook interface: every owner of a household's data says how many rows it holds
for a household and removes them, so `flask purge` and a Jeugdwet 7.3.9 destruction remove
everything, including data of features built later (documents).

A data owner registers one hook, once, at import time of its package (or the lead adds it to
`portal/services/retention.OWNERS`):

    from portal.retention import hooks

    hooks.register(hooks.PurgeHook(
        name="documents",                       # the key in the anonymous purge record
        count=lambda household_id: ...,         # rows (or files) it would remove
        purge=lambda household_id: ...,         # remove them; return how many
    ))

`purge` runs inside the purge's transaction, before the built-in owners (so it may still read
the household's intakes, members and outcomes) and must not commit. Work outside the
database (files on disk) belongs in an after-commit step: remove the files only once the
transaction committed, so a refused or failed purge loses nothing. A hook that raises
aborts the purge of that household: nothing of it is removed.

This module imports nothing of the portal, so any feature may register without a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PurgeHook:
    name: str
    count: Callable[[int], int]
    purge: Callable[[int], int]


_registered: dict[str, PurgeHook] = {}


def register(hook: PurgeHook) -> None:
    """Register (or replace, by name) a data owner's hook."""
    _registered[hook.name] = hook


def registered() -> list[PurgeHook]:
    """The hooks other features registered, in the order they registered."""
    return list(_registered.values())


def unregister(name: str) -> None:
    _registered.pop(name, None)
