"""Benchmarks, run on demand (`make bench` or `.venv/bin/python bench/run.py [--homes N]`).

Builds the demo landlord into a fresh database (a temporary SQLite file, or the PostgreSQL
database named by BENCH_DATABASE_URL, which is emptied first) and prints how long each piece
took. Results are recorded by hand in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--homes", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="hearth-bench-"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command

    from hearth.core import calendar, measures
    from hearth.demo.build import build
    from hearth.interchange.services import export_folder, import_folder

    print(f"database: {url.split('@')[-1]}")
    call_command("flush", "--no-input", verbosity=0) if url.startswith("postgres") else None
    started = time.perf_counter()
    call_command("migrate", "--no-input", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    ctx = build(homes=args.homes, years=args.years, seed=2026, today=date(2026, 11, 26))
    print(f"demo --homes {args.homes} --years {args.years}: {time.perf_counter() - started:.1f} s "
          f"({len(ctx.tenancy_ids)} tenancies)")  # fmt: skip

    started = time.perf_counter()
    report = measures.report(date(2025, 4, 1), date(2026, 3, 31))
    print(
        f"measures report for a year: {time.perf_counter() - started:.2f} s ({report['homes']} homes)"
    )

    started = time.perf_counter()
    for offset in range(10_000):
        calendar.add_working_days(
            date(2025, 1, 1).fromordinal(date(2025, 1, 1).toordinal() + offset % 700), 20
        )
    print(f"add_working_days(d, 20) x 10,000: {time.perf_counter() - started:.2f} s")

    out = workdir / "export"
    started = time.perf_counter()
    export_folder(out)
    print(f"export: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    import_folder(out)
    print(
        f"re-import of the same folder (all rows matched and updated): {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
