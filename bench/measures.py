"""A year's measures: Hearth on SQLite and on PostgreSQL beside DuckDB on the exported CSVs.

    .venv/bin/python bench/measures.py --homes 10000 [--pg postgres://root@127.0.0.1:5432/db]

1. Builds the demo landlord (`hearth demo --homes N --years 1 --today 2026-11-26`) into a
   SQLite file under --workdir (kept: `--reuse` starts from it), and `hearth export`s it.
2. Times `measures.report()` for the year (in a fresh process, after Django has started),
   for the measures DuckDB computes and for every measure, and the whole `hearth measures`
   command.
3. With --pg, empties that PostgreSQL database, `hearth migrate`s and `hearth import`s the
   export into it, and times the same at once: no `ANALYZE` by hand, as right after an
   import.
4. Times DuckDB reading the CSV files and computing the same measures
   (`bench/measures_duckdb.py`), and says which measures' numbers differ from Hearth's.

Figures are recorded by hand in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TODAY = date(2026, 11, 26)

# Run in a fresh process: times measures.report() alone, prints JSON.
INNER = """
import json, sys, time, django
from datetime import date
django.setup()
from hearth.core import measures
start, end = date.fromisoformat(sys.argv[1]), date.fromisoformat(sys.argv[2])
measures.registry.registered()
only = sys.argv[3].split(",")
began = time.perf_counter()
measures.report(start, end, only=only)
compared = time.perf_counter() - began
began = time.perf_counter()
report = measures.report(start, end)
took = time.perf_counter() - began
print(json.dumps({"seconds": took, "compared": compared, "report": report}))
"""

CALENDAR = """
import sys, django
from datetime import date, timedelta
django.setup()
from hearth.core.calendar import is_working_day
day, last, index = date(2000, 1, 1), date(2030, 12, 31), 0
with open(sys.argv[1], "w") as out:
    out.write("date,working,idx\\n")
    while day <= last:
        working = is_working_day(day)
        index += working
        out.write(f"{day.isoformat()},{str(working).lower()},{index}\\n")
        day += timedelta(days=1)
"""


def run(args: list[str], url: str, *, quiet: bool = True) -> float:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.perf_counter()
    subprocess.run(
        args, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL if quiet else None
    )
    return time.perf_counter() - began


def output(args: list[str], url: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(
        args, env=env, check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout


def hearth_measures(
    url: str, start: date, end: date, ids: list[str]
) -> tuple[float, float, float, dict]:
    """(seconds for report() of the measures compared, of every measure, of the whole
    `hearth measures` command; the report)."""
    found = json.loads(
        output(
            [str(BIN / "python"), "-c", INNER, start.isoformat(), end.isoformat(), ",".join(ids)],
            url,
        )
    )
    command = run(
        [str(BIN / "hearth"), "measures", "--from", start.isoformat(), "--to", end.isoformat(),
         "--format", "json"],
        url,
    )  # fmt: skip
    return found["compared"], found["seconds"], command, found["report"]


def counts(report: dict) -> dict[str, tuple[object, object]]:
    return {m["id"]: (m["numerator"], m["denominator"]) for m in report["measures"]}


def same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a == b
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.005")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--homes", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="keep the SQLite file and export")
    parser.add_argument("--pg", help="a PostgreSQL URL to import into (emptied first)")
    parser.add_argument("--pg-reuse", action="store_true", help="measure --pg as it is")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from measures_duckdb import QUERIES
    from measures_duckdb import measures as duck_measures

    end = TODAY
    start = end - timedelta(days=364)
    workdir = args.workdir or Path(f"/tmp/hearth-bench-measures-{args.homes}")
    workdir.mkdir(parents=True, exist_ok=True)
    sqlite = workdir / "hearth.sqlite3"
    url = f"sqlite:///{sqlite}"
    export = workdir / "export"
    print(f"{args.homes} homes, measures from {start} to {end}; working in {workdir}")
    if not (args.reuse and sqlite.exists()):
        sqlite.unlink(missing_ok=True)
        run([str(BIN / "hearth"), "migrate", "--no-input"], url)
        took = run(
            [str(BIN / "hearth"), "demo", "--homes", str(args.homes), "--years", "1",
             "--today", TODAY.isoformat()],
            url,
        )  # fmt: skip
        print(f"hearth demo: {took:.1f} s")
    if not (args.reuse and (export / "transactions.csv").exists()):
        took = run([str(BIN / "hearth"), "export", str(export)], url)
        print(f"hearth export: {took:.1f} s")
    calendar = workdir / "calendar.csv"
    (export / "calendar.csv").unlink(missing_ok=True)
    run([str(BIN / "python"), "-c", CALENDAR, str(calendar)], url)

    results: dict[str, dict] = {}
    compared, seconds, command, report = hearth_measures(url, start, end, list(QUERIES))
    results["SQLite"] = counts(report)
    print(
        f"Hearth on SQLite: the {len(QUERIES)} measures {compared:.2f} s; every measure "
        f"{seconds:.2f} s; `hearth measures` (every measure, Django starting) {command:.2f} s"
    )

    if args.pg:
        if not args.pg_reuse:
            run([str(BIN / "hearth"), "migrate", "--no-input"], args.pg)
            run([str(BIN / "hearth"), "flush", "--no-input"], args.pg)
            took = run([str(BIN / "hearth"), "import", str(export)], args.pg)
            print(f"hearth import into PostgreSQL: {took:.1f} s")
        compared, seconds, command, report = hearth_measures(args.pg, start, end, list(QUERIES))
        results["PostgreSQL"] = counts(report)
        print(
            f"Hearth on PostgreSQL: the {len(QUERIES)} measures {compared:.2f} s; every measure "
            f"{seconds:.2f} s; `hearth measures` {command:.2f} s"
        )

    began = time.perf_counter()
    duck = duck_measures(export, calendar, start, end)
    took = time.perf_counter() - began
    print(f"DuckDB on the CSV files (reading them included): {took:.2f} s")

    differ = []
    print(f"\n{'measure':42} {'Hearth (SQLite)':>26} {'DuckDB':>26}")
    for measure_id in QUERIES:
        ours = results["SQLite"].get(measure_id)
        theirs = duck[measure_id]
        equal = all(
            same(r.get(measure_id, (None, None))[i], theirs[i])
            for r in results.values()
            for i in (0, 1)
        )
        if not equal:
            differ.append(measure_id)
        mark = "" if equal else "  DIFFERS"
        print(f"{measure_id:42} {ours!s:>26} {theirs!s:>26}{mark}")
        if "PostgreSQL" in results and results["PostgreSQL"].get(measure_id) != ours:
            print(f"{'':42} PostgreSQL: {results['PostgreSQL'].get(measure_id)}")
    print(
        f"\n{len(QUERIES) - len(differ)} of {len(QUERIES)} measures equal"
        + (f"; differ: {', '.join(differ)}" if differ else "")
    )


if __name__ == "__main__":
    main()
