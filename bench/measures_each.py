"""Each measure's own time for a year, slowest first, on the database named by DATABASE_URL.

    DJANGO_SETTINGS_MODULE=hearth.settings DATABASE_URL=sqlite:////path/hearth.sqlite3 \
        .venv/bin/python bench/measures_each.py [--from 2025-11-27 --to 2026-11-26]
"""

import argparse
import time
from datetime import date

import django

django.setup()
from hearth.core import measures  # noqa: E402
from hearth.core.measures import Period  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--from", dest="start", default="2025-11-27")
parser.add_argument("--to", dest="end", default="2026-11-26")
args = parser.parse_args()
period = Period(date.fromisoformat(args.start), date.fromisoformat(args.end))
rows = []
for measure_id, compute in measures.registry.registered().items():
    started = time.perf_counter()
    compute(period)
    rows.append((time.perf_counter() - started, measure_id))
rows.sort(reverse=True)
print(f"every measure: {sum(took for took, _ in rows):.2f} s")
for took, measure_id in rows:
    print(f"{took:7.3f} s  {measure_id}")
