"""Interchange speed beside the bare load of the same files, run on demand:

    .venv/bin/python bench/interchange.py --homes 10000
    BENCH_PG=postgres://user@host/dbname .venv/bin/python bench/interchange.py --homes 10000

Builds the demo landlord into a fresh SQLite file (or takes one already built, `--source`),
exports it, then times, each as its own process (so its peak memory is its own):

- `hearth import` into an empty database, and the same import again with nothing changed,
  beside the bare load of the same CSV files: `sqlite3 .import` into an empty database, and
  with BENCH_PG `psql \\copy` into tables of text columns keyed on the files' refs;
- `hearth export` of what was imported, beside the bare export: the bare tables written back
  to CSV in key order (`sqlite3 -csv`, `psql \\copy (SELECT ...) TO`); it has no joins to
  make, so it is the lower bound of an export.

Prints each step with its time, peak resident memory, the load average of the machine when it
ran (the machine may be shared) and its ratio to the bare step. Results are recorded by hand
in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEARTH = str(ROOT / ".venv" / "bin" / "hearth")


def run(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak resident memory in MB) of one process. Its processor time (user and
    system) is printed as well: on a loaded machine it says more than the time it took."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    cpu = usage.ru_utime + usage.ru_stime
    print(f"  {Path(command[0]).name} {' '.join(command[1:3])}: {elapsed:.1f} s, {cpu:.1f} s CPU")
    return elapsed, usage.ru_maxrss / 1024


def hearth(url: str, *args: str) -> tuple[float, float]:
    return run([HEARTH, *args], env={"DATABASE_URL": url})


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.csv") if p.stat().st_size)


def lines(path: Path) -> int:
    """Lines in a file, read a block at a time. This process must stay small: a child's peak
    memory as `wait4` reports it is never below its parent's size when it was started."""
    with path.open("rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def key(path: Path) -> list[str]:
    """The columns a file is keyed on: a rate by home and date, a cleaning schedule line by
    block and task, everything else by its ref."""
    names = header(path)
    return names[: 2 if path.stem in ("rent_rates", "cleaning_schedules") else 1]


def quoted(names: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def bare_sqlite(folder: Path, database: Path) -> tuple[float, float]:
    commands = "".join(f".import --csv {p} {p.stem}\n" for p in files(folder))
    script = database.with_suffix(".sql")
    script.write_text(commands)
    return run(["sqlite3", str(database), f".read {script}"])


def bare_sqlite_export(folder: Path, database: Path, into: Path) -> tuple[float, float]:
    into.mkdir(parents=True, exist_ok=True)
    lines = [".headers on", ".mode csv"]
    for path in files(folder):
        lines += [
            f".once {into / path.name}",
            f'SELECT * FROM "{path.stem}" ORDER BY {quoted(key(path))};',
        ]
    script = database.with_suffix(".export.sql")
    script.write_text("\n".join(lines) + "\n")
    return run(["sqlite3", str(database), f".read {script}"])


def bare_postgres(folder: Path, url: str) -> tuple[float, float]:
    lines = []
    for path in files(folder):
        table = f"bare_{path.stem}"
        columns = ", ".join(f'"{name}" text' for name in header(path))
        lines += [
            f"DROP TABLE IF EXISTS {table};",
            f"CREATE TABLE {table} ({columns}, PRIMARY KEY ({quoted(key(path))}));",
            f"\\copy {table} FROM '{path}' WITH (FORMAT csv, HEADER true)",
        ]
    script = folder.parent / "bare.psql"
    script.write_text("\n".join(lines) + "\n")
    return run(["psql", "--quiet", "-v", "ON_ERROR_STOP=1", url, "-f", str(script)])


def bare_postgres_export(folder: Path, url: str, into: Path) -> tuple[float, float]:
    into.mkdir(parents=True, exist_ok=True)
    lines = []
    for path in files(folder):
        query = f"SELECT * FROM bare_{path.stem} ORDER BY {quoted(key(path))}"
        lines.append(f"\\copy ({query}) TO '{into / path.name}' WITH (FORMAT csv, HEADER true)")
    script = folder.parent / "bare-export.psql"
    script.write_text("\n".join(lines) + "\n")
    return run(["psql", "--quiet", "-v", "ON_ERROR_STOP=1", url, "-f", str(script)])


class Table:
    def __init__(self) -> None:
        self.rows: list[str] = []

    def add(self, step: str, mine: tuple[float, float], bare: tuple[float, float], load: float):
        ratio = mine[0] / bare[0]
        line = (
            f"| {step} | {mine[0]:.1f} s | {mine[1]:.0f} MB | {bare[0]:.1f} s | "
            f"{bare[1]:.0f} MB | {ratio:.1f}x | {load:.1f} |"
        )
        self.rows.append(line)
        print(line, flush=True)

    def show(self) -> None:
        print("\n| step | Hearth | Hearth peak | bare | bare peak | ratio | load (1 min) |")
        print("|---|---|---|---|---|---|---|")
        for row in self.rows:
            print(row)


def load_average() -> float:
    return os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--homes", type=int, default=10_000)
    parser.add_argument(
        "--source", type=Path, help="a SQLite database already holding the demo (copied)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL (BENCH_PG)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hearth-bench-interchange-"))
    source = f"sqlite:///{work / 'source.sqlite3'}"
    if args.source:
        shutil.copy(args.source, work / "source.sqlite3")
    else:
        hearth(source, "migrate", "--no-input", "-v0")
        seconds, _ = hearth(source, "demo", "--homes", str(args.homes), "--today", "2026-11-26")
        print(f"demo --homes {args.homes}: {seconds:.1f} s")
    export = work / "export"
    load = load_average()
    seconds, memory = hearth(source, "export", str(export))
    rows = sum(lines(p) - 1 for p in files(export))
    print(
        f"hearth export of the demo: {seconds:.1f} s, peak {memory:.0f} MB ({rows} rows, load {load:.1f})"
    )
    table = Table()

    if not args.no_sqlite:
        load = load_average()
        bare = bare_sqlite(export, work / "bare.sqlite3")
        target = f"sqlite:///{work / 'target.sqlite3'}"
        hearth(target, "migrate", "--no-input", "-v0")
        load = load_average()
        mine = hearth(target, "import", str(export), "--allow-unsupported")
        table.add("SQLite: import into an empty database", mine, bare, load)
        load = load_average()
        mine = hearth(target, "import", str(export), "--allow-unsupported")
        table.add("SQLite: import again, nothing changed", mine, bare, load)
        load = load_average()
        bare_out = bare_sqlite_export(export, work / "bare.sqlite3", work / "bare-out")
        mine = hearth(target, "export", str(work / "sqlite-out"))
        table.add("SQLite: export", mine, bare_out, load)

    postgres = os.environ.get("BENCH_PG")
    if postgres:
        psql_url = postgres.replace("postgres://", "postgresql://")
        hearth(postgres, "flush", "--no-input")
        hearth(postgres, "migrate", "--no-input", "-v0")
        load = load_average()
        bare = bare_postgres(export, psql_url)
        load = load_average()
        mine = hearth(postgres, "import", str(export), "--allow-unsupported")
        table.add("PostgreSQL: import into an empty database", mine, bare, load)
        load = load_average()
        mine = hearth(postgres, "import", str(export), "--allow-unsupported")
        table.add("PostgreSQL: import again, nothing changed", mine, bare, load)
        load = load_average()
        bare_out = bare_postgres_export(export, psql_url, work / "bare-pg-out")
        mine = hearth(postgres, "export", str(work / "pg-out"))
        table.add("PostgreSQL: export", mine, bare_out, load)
    table.show()
    print(f"(files in {work})")


if __name__ == "__main__":
    main()
