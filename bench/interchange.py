"""Interchange speed beside the bare load of the same files, run on demand:

    .venv/bin/python bench/interchange.py --homes 10000

Builds the demo landlord into a fresh SQLite file, exports it, then times, each as its own
process (so its peak memory is its own): `hearth import` into an empty SQLite database, the
same import again with nothing changed, and `sqlite3 .import` of the same CSV files into an
empty database (the bare load). With BENCH_PG=postgres://.../dbname it also times `hearth
import` into that PostgreSQL database (emptied first) beside `psql \\copy` of the files into
tables of text columns keyed on their refs. Prints each with its ratio to the bare
load. Results are recorded by hand in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEARTH = str(ROOT / ".venv" / "bin" / "hearth")


def run(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak resident memory in MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def hearth(url: str, *args: str) -> tuple[float, float]:
    return run([HEARTH, *args], env={"DATABASE_URL": url})


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.csv") if p.stat().st_size)


def bare_sqlite(folder: Path, database: Path) -> tuple[float, float]:
    commands = "".join(f".import --csv {p} {p.stem}\n" for p in files(folder))
    script = database.with_suffix(".sql")
    script.write_text(commands)
    return run(["sqlite3", str(database), f".read {script}"])


def bare_postgres(folder: Path, url: str) -> tuple[float, float]:
    lines = []
    for path in files(folder):
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        table = f"bare_{path.stem}"
        columns = ", ".join(f'"{name}" text' for name in header)
        # Keyed as Hearth keys them: a rate by home and date, everything else by its ref.
        key = ", ".join(f'"{n}"' for n in header[: 2 if path.stem == "rent_rates" else 1])
        lines += [
            f"DROP TABLE IF EXISTS {table};",
            f"CREATE TABLE {table} ({columns}, PRIMARY KEY ({key}));",
            f"\\copy {table} FROM '{path}' WITH (FORMAT csv, HEADER true)",
        ]
    script = folder.parent / "bare.psql"
    script.write_text("\n".join(lines) + "\n")
    return run(["psql", "--quiet", "-v", "ON_ERROR_STOP=1", url, "-f", str(script)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--homes", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hearth-bench-interchange-"))
    source = f"sqlite:///{work / 'source.sqlite3'}"
    hearth(source, "migrate", "--no-input", "-v0")
    seconds, _ = hearth(source, "demo", "--homes", str(args.homes), "--today", "2026-11-26")
    print(f"demo --homes {args.homes}: {seconds:.1f} s")
    export = work / "export"
    seconds, memory = hearth(source, "export", str(export))
    rows = sum(max(0, len(p.read_text(encoding="utf-8").splitlines()) - 1) for p in files(export))
    print(f"hearth export: {seconds:.1f} s, peak {memory:.0f} MB ({rows} rows)")

    bare, bare_memory = bare_sqlite(export, work / "bare.sqlite3")
    print(f"sqlite3 .import (bare load): {bare:.1f} s, peak {bare_memory:.0f} MB")
    target = f"sqlite:///{work / 'target.sqlite3'}"
    hearth(target, "migrate", "--no-input", "-v0")
    for label in ("hearth import into empty SQLite", "hearth import again, nothing changed"):
        seconds, memory = hearth(target, "import", str(export), "--allow-unsupported")
        print(f"{label}: {seconds:.1f} s, peak {memory:.0f} MB, {seconds / bare:.0f}x bare")

    postgres = os.environ.get("BENCH_PG")
    if postgres:
        hearth(postgres, "flush", "--no-input")
        hearth(postgres, "migrate", "--no-input", "-v0")
        bare, bare_memory = bare_postgres(export, postgres.replace("postgres://", "postgresql://"))
        print(f"psql \\copy (bare load): {bare:.1f} s, peak {bare_memory:.0f} MB")
        for label in (
            "hearth import into empty PostgreSQL",
            "hearth import again, nothing changed",
        ):
            seconds, memory = hearth(postgres, "import", str(export), "--allow-unsupported")
            print(f"{label}: {seconds:.1f} s, peak {memory:.0f} MB, {seconds / bare:.0f}x bare")
    print(f"(files in {work})")


if __name__ == "__main__":
    sys.exit(main())
