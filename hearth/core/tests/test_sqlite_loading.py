"""The demo landlord loads into SQLite with a rollback journal, no flushing and a large cache,
and the database is back in write-ahead mode afterwards, whether the load finished or failed."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from hearth.core.bulk import sqlite_loading


def _open(path: Path) -> sqlite3.Connection:
    # As Django opens it: autocommit at the driver, write-ahead log, flushing at checkpoints.
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = NORMAL")
    raw.execute("CREATE TABLE IF NOT EXISTS ledger (id INTEGER PRIMARY KEY, amount INTEGER)")
    return raw


def _pragmas(raw: sqlite3.Connection) -> tuple[str, int, int]:
    return (
        raw.execute("PRAGMA journal_mode").fetchone()[0],
        raw.execute("PRAGMA synchronous").fetchone()[0],
        raw.execute("PRAGMA cache_size").fetchone()[0],
    )


def test_a_load_uses_a_rollback_journal_and_a_large_cache_then_the_log_comes_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "landlord.sqlite3"
    raw = _open(path)
    assert _pragmas(raw) == ("wal", 1, -2000)
    with sqlite_loading(raw, cache_mib=64):
        # DELETE is SQLite's rollback journal; synchronous 0 is OFF; a negative cache is KiB.
        assert _pragmas(raw) == ("delete", 0, -65536)
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany("INSERT INTO ledger (amount) VALUES (?)", [(n,) for n in range(1000)])
        raw.execute("COMMIT")
        assert not (tmp_path / "landlord.sqlite3-wal").exists()
    assert _pragmas(raw) == ("wal", 1, -2000)
    raw.close()
    # Another connection finds the rows and the database in write-ahead mode.
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*), sum(amount) FROM ledger").fetchone() == (1000, 499500)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def test_a_load_that_fails_rolls_back_and_still_puts_the_log_back(tmp_path: Path) -> None:
    raw = _open(tmp_path / "landlord.sqlite3")
    with pytest.raises(RuntimeError), sqlite_loading(raw, cache_mib=64):
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO ledger (amount) VALUES (5)")
        try:
            raise RuntimeError("the load stopped half way")
        finally:
            raw.execute("ROLLBACK")
    assert _pragmas(raw) == ("wal", 1, -2000)
    assert raw.execute("SELECT count(*) FROM ledger").fetchone() == (0,)


def test_a_database_another_connection_holds_open_loads_in_write_ahead_mode_at_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "landlord.sqlite3"
    raw = _open(path)
    raw.execute("PRAGMA busy_timeout = 20000")
    server = sqlite3.connect(path, isolation_level=None)  # a running server reading
    assert server.execute("SELECT count(*) FROM ledger").fetchone() == (0,)
    started = time.monotonic()
    with sqlite_loading(raw, cache_mib=64):
        # The journal stays as it was (without waiting 20 s for the lock); the rest applies.
        assert _pragmas(raw) == ("wal", 0, -65536)
        raw.execute("INSERT INTO ledger (amount) VALUES (7)")
    assert time.monotonic() - started < 5
    assert _pragmas(raw) == ("wal", 1, -2000)
    assert raw.execute("PRAGMA busy_timeout").fetchone() == (20000,)
    assert server.execute("SELECT sum(amount) FROM ledger").fetchone() == (7,)
    server.close()
    raw.close()
