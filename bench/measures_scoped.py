"""A year's measures for one estate and one block beside the same year for the whole landlord.

    .venv/bin/python bench/measures_scoped.py --db /work/bench-data/<name>/demo10000.sqlite3

Copies nothing: point --db at your own copy of a demo landlord (the prebuilt ones are
read-only). In one fresh process (after Django has started and the registry is loaded), times
`measures.report()` for the year 1 April 2025 to 31 March 2026 for the whole landlord (the
reference), then for its largest estate and that estate's largest block, each three times (the
best is kept), and prints each beside the reference as a ratio with the 1-minute load average.

Figures are recorded by hand in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"

INNER = """
import json, time, django
from datetime import date
django.setup()
from django.db.models import Count
from hearth.core import measures
from hearth.estates.models import Block, Estate
measures.registry.registered()
start, end = date(2025, 4, 1), date(2026, 3, 31)
estate = Estate.objects.annotate(n=Count("blocks__homes")).order_by("-n", "pk").first()
block = Block.objects.filter(estate=estate).annotate(n=Count("homes")).order_by("-n", "pk").first()
scopes = {
    "landlord": None,
    "estate": measures.Scope(estate_id=estate.pk),
    "block": measures.Scope(estate_id=estate.pk, block_id=block.pk),
}
out = {}
for name, scope in scopes.items():
    best = None
    for _ in range(3):
        began = time.perf_counter()
        found = measures.report(start, end, scope=scope)
        took = time.perf_counter() - began
        best = took if best is None else min(best, took)
    out[name] = {"seconds": best, "homes": found["homes"]}
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="your own copy of a demo SQLite file")
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{Path(args.db).resolve()}",
        "DJANGO_SETTINGS_MODULE": "hearth.settings",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    load = os.getloadavg()[0]
    result = subprocess.run(
        [str(BIN / "python"), "-c", INNER], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    reference = figures["landlord"]["seconds"]
    load_after = os.getloadavg()[0]
    print(f"1-minute load average: {load:.2f} before, {load_after:.2f} after")
    for name, row in figures.items():
        print(
            f"{name:9} {row['homes']:>6} homes  {row['seconds']:7.3f} s  "
            f"ratio to the whole landlord {row['seconds'] / reference:5.2f}"
        )


if __name__ == "__main__":
    main()
