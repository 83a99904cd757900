"""Backing up and restoring the whole database, whichever engine holds it.

- SQLite: Python's `sqlite3` online backup API, page by page, safe while Hearth is running
  (readers and the writer carry on; the copy is consistent as of its end).
- PostgreSQL: `pg_dump --format=custom` (one consistent snapshot, taken without stopping
  anything) and `pg_restore --clean --if-exists --single-transaction` (all or nothing).
  `pg_dump` and `pg_restore` must be installed, at a version no older than the server's.

Uploaded files (photos, certificates) live in MEDIA_ROOT, not the database: back that folder up
alongside (docs/security.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections


class BackupError(Exception):
    pass


def _settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env(settings: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[name] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools.")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backup(path: Path, *, alias: str = "default") -> Path:
    """Write a copy of the whole database to `path` (replacing any file there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = _settings(alias)
    if engine(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        partial = path.with_suffix(path.suffix + ".partial")
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        partial.replace(path)
        return path
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
         f"--file={path}", str(settings["NAME"])],
        _pg_env(settings),
    )  # fmt: skip
    return path


def restore(path: Path, *, alias: str = "default") -> None:
    """Replace the whole database with the backup at `path`. Every other connection should be
    stopped first (the web server and workers)."""
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    settings = _settings(alias)
    if engine(alias) == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            connection = connections[alias]
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connections[alias].close()
    _run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", f"--dbname={settings['NAME']}", str(path)],
        _pg_env(settings),
    )  # fmt: skip
