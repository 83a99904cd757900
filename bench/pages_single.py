"""One user alone, page by page, in one process: p50 and p95 of each page beside a minimal
Django view, with the queries each page runs and their database time.

    BENCH_DATABASE_URL=postgres://…/hearth_bench .venv/bin/python bench/pages_single.py \\
        [--requests 20] [--page NAME ...] [--queries]

The database must already hold the demo landlord (`hearth demo --homes 10000 --years 1`, then
ANALYZE); the script only reads (signing in writes sessions). The pages: "my work" for a
housing, a repairs and an income officer, the repairs, complaints, arrears, voids and estates
queues, a case of each (a repair, a complaint, an arrears case, a void, an ASB case, a safety
check), the resident portal's home, the measures API (with an API token issued to the
manager, so one row is written; from its cache once warm) and the public performance page (signed out); `--page` picks by part of the name. Each is
requested through Django's test client as the demo sign-in `bench/load.py` uses for it
(force_login: no password hashing, no two-factor), a few times to warm the per-process caches,
then `--requests` times with nothing else in between: the p50 and p95 of those. The reference
is a minimal view through the same middleware, answering two bytes with no template and no
query. `CPU ms` is the median CPU time of this process per request (Django's side, not
PostgreSQL's), which waiting for a busy core does not inflate. Then each page is asked for once
more with its queries captured: how many, and their time as the client sees it (`DB ms`);
`--queries` also lists each query's time and its first characters, slowest first.

Unlike `bench/load.py` there is no gunicorn and no HTTP: the times are Django's (middleware,
view, template, queries), the part a change in Hearth can move. Run it on a quiet machine,
or read the p50 beside the reference's.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "reference: minimal view"
# As in bench/load.py: a page with no sign-in named is asked for as the first of these who may
# see it without two-factor.
CANDIDATES = ["officer", "repairs", "income", "complaints", "estates"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--warm", type=int, default=3, help="untimed requests first")
    parser.add_argument("--page", action="append", default=[], help="only pages named so")
    parser.add_argument("--queries", action="store_true", help="list each page's queries")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url:
        sys.exit("Set BENCH_DATABASE_URL to the database holding the demo landlord.")
    os.environ["DATABASE_URL"] = url
    os.environ.pop("HEARTH_TESTING", None)
    os.environ.setdefault("DB_CONN_MAX_AGE", "60")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    sys.path.insert(0, str(ROOT))
    # As a gunicorn worker loads Hearth: through its WSGI module, which also freezes what is
    # loaded out of the garbage collector's way (`hearth.wsgi.freeze_loaded_objects`).
    importlib.import_module("hearth.wsgi")
    from django.conf import settings
    from django.db import connection
    from django.http import HttpRequest, HttpResponse
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import include, path

    from hearth.accounts.models import ApiToken, User
    from hearth.complaints.models import Complaint
    from hearth.estates.models import Home
    from hearth.lettings.models import Void
    from hearth.neighbourhood.models import AsbCase
    from hearth.rents.models import ArrearsCase
    from hearth.repairs.models import Repair
    from hearth.safety.models import SafetyCheck

    if not Home.objects.exists():
        sys.exit("The database has no homes: build the demo landlord into it first.")

    def minimal(request: HttpRequest) -> HttpResponse:
        return HttpResponse(b"ok", content_type="text/plain")

    urls = type(
        "BenchUrls",
        (),
        {
            "urlpatterns": [
                path("bench/minimal/", minimal),
                path("", include(settings.ROOT_URLCONF)),
            ]
        },
    )

    def newest(model: Any) -> str:
        return str(model.objects.order_by("-pk").values_list("ref", flat=True).first())

    pages = [
        (REFERENCE, "/bench/minimal/", "officer"),
        ("my work (housing officer)", "/staff/", "officer"),
        ("my work (repairs officer)", "/staff/", "repairs"),
        ("my work (income officer)", "/staff/", "income"),
        ("repairs queue", "/staff/repairs/", ""),
        ("complaints queue", "/staff/complaints/", ""),
        ("arrears queue", "/staff/rent/", ""),
        ("voids board", "/staff/voids/", ""),
        ("estates queue", "/staff/estates/", ""),
        ("a repair", f"/staff/repairs/{newest(Repair)}/", ""),
        ("a complaint", f"/staff/complaints/{newest(Complaint)}/", ""),
        ("an arrears case", f"/staff/rent/cases/{newest(ArrearsCase)}/", ""),
        ("a void", f"/staff/voids/{newest(Void)}/", ""),
        ("an ASB case", f"/staff/estates/asb/{newest(AsbCase)}/", ""),
        ("a safety check", f"/staff/safety/checks/{newest(SafetyCheck)}/", ""),
        ("portal home", "/", "resident"),
        ("measures API", "/api/v1/measures?from=2025-04-01&to=2026-03-31", "token"),
        ("public performance page", "/performance/", "anonymous"),
    ]
    if args.page:
        pages = [p for p in pages if p[0] == REFERENCE or any(w in p[0] for w in args.page)]
    clients: dict[str, Client] = {}
    print(f"{Home.objects.count()} homes, {connection.vendor}, {args.requests} requests a page, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'page':36} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms':>7} {'queries':>8} {'DB ms':>7}")
    with override_settings(ROOT_URLCONF=urls, ALLOWED_HOSTS=["testserver"]):
        for name, page, who in pages:
            for username in [who] if who else CANDIDATES:
                if username == "token" and username not in clients:
                    # An integration's API token, issued to the manager (one row written).
                    _, key = ApiToken.issue(user=User.objects.get(username="manager"),
                                            name="bench/pages_single.py")  # fmt: skip
                    clients[username] = Client(headers={"Authorization": f"Bearer {key}"})
                elif username not in clients:
                    clients[username] = Client()
                    if username != "anonymous":
                        clients[username].force_login(User.objects.get(username=username))
                client = clients[username]
                if client.get(page).status_code == 200:
                    break
            if "(" not in name and name != REFERENCE:
                name = f"{name} ({username})"
            for _ in range(args.warm):
                _get(client, page)
            times, cpu = [], []
            for _ in range(args.requests):
                started, used = time.perf_counter(), time.process_time()
                _get(client, page)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
            with CaptureQueriesContext(connection) as captured:
                _get(client, page)
            queries = captured.captured_queries
            db_ms = sum(float(q["time"]) for q in queries) * 1000
            p95 = statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]
            print(f"{name:36} {statistics.median(times):>7.1f} {p95:>7.1f} "
                  f"{statistics.median(cpu):>7.1f} {len(queries):>8} {db_ms:>7.1f}")  # fmt: skip
            if args.queries:
                for q in sorted(queries, key=lambda q: -float(q["time"])):
                    print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:150]}")


def _get(client: Any, page: str) -> None:
    response = client.get(page)
    if response.status_code != 200:
        sys.exit(f"{page} answered {response.status_code}")


if __name__ == "__main__":
    main()
