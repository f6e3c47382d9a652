"""Where the files are kept: outside the web root, behind an interface.

`LocalStorage` writes each file under `DOCUMENTS_DIR` (default `instance/documents`, never
under `portal/static`) by a random key; the name the resident gave is never part of a path.
With more than one app server, they must share that directory (a network file system) or use
an object store: a class with the same three methods (`put`, `get`, `delete`), named in
`DOCUMENTS_STORAGE` as `package.module:Class` (it gets the Flask config), like the sms hook.
"""

from __future__ import annotations

import importlib
import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from flask import current_app

from portal.config import INSTANCE_DIR

_KEY = re.compile(r"^[a-f0-9]{2}/[a-f0-9]{40}\.(pdf|jpg|png)$")


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


def new_key(extension: str) -> str:
    token = secrets.token_hex(20)
    return f"{token[:2]}/{token}.{extension}"


class LocalStorage:
    """Files in a directory (mode 0700), each written to a temporary name and renamed, so a
    half-written file is never read (mode 0600)."""

    def __init__(self, config):
        self.root = Path(config.get("DOCUMENTS_DIR") or INSTANCE_DIR / "documents")

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError("not a storage key")
        return self.root / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def storage() -> Storage:
    """The configured store (`DOCUMENTS_STORAGE`: `local`, the default, or a class path)."""
    configured = current_app.config.get("DOCUMENTS_STORAGE") or "local"
    if configured == "local":
        return LocalStorage(current_app.config)
    module, _, name = configured.partition(":")
    return getattr(importlib.import_module(module), name)(current_app.config)
