"""Pages and API under load: gunicorn on PostgreSQL with the demo landlord, and locust users.

    BENCH_DATABASE_URL=postgres://…/hearth_bench .venv/bin/python bench/load.py \\
        [--homes 10000] [--users 50] [--seconds 60] [--workers 4]

Builds the demo landlord (`--homes`, two years) into the database if it has no homes (then
runs ANALYZE), starts gunicorn, and runs locust headless for `--seconds` with `--users`
users (bench/locustfile.py): staff through the work queues (my work, repairs, complaints,
arrears, voids, estates) and a case page of each domain, residents on the portal home, an
integration on the measures API, and visitors on the public performance page. The baseline
is the sign-in page, the smallest page on the same stack (no bench-only view is added). It
prints p50, p95 and p99 latency and the throughput of each, beside the baseline's.
Then (unless --no-single) one user alone requests each page 20 times (`--single-requests`),
for the single-user p95.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = ["officer", "repairs", "income", "complaints", "estates"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--homes", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--no-single", action="store_true")
    parser.add_argument("--single-requests", type=int, default=20, help="per page, one user")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set BENCH_DATABASE_URL to a PostgreSQL database (it is filled if empty).")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", "--no-input", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from hearth.accounts.demo import DEMO_PASSWORD
    from hearth.accounts.models import ApiToken, User
    from hearth.estates.models import Home

    if not Home.objects.exists():
        started = time.perf_counter()
        call_command("demo", "--homes", str(args.homes), "--years", "2")
        print(f"demo landlord built in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    homes = Home.objects.count()

    from hearth.complaints.models import Complaint
    from hearth.lettings.models import Void
    from hearth.neighbourhood.models import AsbCase
    from hearth.rents.models import ArrearsCase
    from hearth.repairs.models import Repair
    from hearth.safety.models import SafetyCheck

    def newest(model: Any) -> str:
        return str(model.objects.order_by("-pk").values_list("ref", flat=True).first())

    wanted = [
        ("my work", "/staff/"),
        ("repairs queue", "/staff/repairs/"),
        ("complaints queue", "/staff/complaints/"),
        ("arrears queue", "/staff/rent/"),
        ("voids board", "/staff/voids/"),
        ("estates queue", "/staff/estates/"),
        ("a repair", f"/staff/repairs/{newest(Repair)}/"),
        ("a complaint", f"/staff/complaints/{newest(Complaint)}/"),
        ("an arrears case", f"/staff/rent/cases/{newest(ArrearsCase)}/"),
        ("a void", f"/staff/voids/{newest(Void)}/"),
        ("an ASB case", f"/staff/estates/asb/{newest(AsbCase)}/"),
        ("a safety check", f"/staff/safety/checks/{newest(SafetyCheck)}/"),
    ]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    pages = []
    for name, path in wanted:
        for username in CANDIDATES:
            client = Client()
            client.force_login(User.objects.get(username=username))
            if client.get(path).status_code == 200:
                pages.append([name, path, username])
                break
        else:
            print(f"skipped {name} ({path}): no demo officer without two-factor may see it")
    reader = User.objects.get(username="manager")
    _, token = ApiToken.issue(user=reader, name="Load benchmark")

    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0"}
    env.pop("HEARTH_TESTING", None)
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "hearth.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "120", "--preload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    out = Path(tempfile.mkdtemp(prefix="hearth-load-"))
    try:
        _wait_for(f"{host}/accounts/sign-in/")
        openers = {
            username: _sign_in(host, username, DEMO_PASSWORD)
            for username in {*(user for _, _, user in pages), "resident"}
        }
        cookie = settings.SESSION_COOKIE_NAME
        sessions = {
            username: next(c.value for c in jar if c.name == cookie)
            for username, (_, jar) in openers.items()
        }
        load_before = os.getloadavg()
        env.update(
            HEARTH_BENCH_COOKIE=cookie,
            HEARTH_BENCH_SESSIONS=json.dumps(sessions),
            HEARTH_BENCH_TOKEN=token,
            HEARTH_BENCH_PAGES=json.dumps(pages),
        )
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "-u", str(args.users), "-r", str(max(1, args.users // 5)),
             "-t", f"{args.seconds}s", "--host", host, "--csv", str(out / "run"),
             "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        load_after = os.getloadavg()
        print(
            f"{homes} homes, PostgreSQL, gunicorn --workers {args.workers}, {args.users} users "
            f"for {args.seconds} s; load average {load_before[0]:.1f} before, "
            f"{load_after[0]:.1f} after"
        )
        _report(out / "run_stats.csv")
        if not args.no_single:
            _single_user(host, pages, token, openers, args.single_requests)
    finally:
        web.terminate()
        web.wait(timeout=30)


def _report(stats: Path) -> None:
    rows = [r for r in csv.DictReader(stats.open()) if r["Name"] not in ("Aggregated", "(sign in)")]
    baseline = next((r for r in rows if r["Name"].startswith("baseline")), None)
    base_rps = float(baseline["Requests/s"]) if baseline else 0.0
    print(f"{'page':28} {'requests':>8} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'req/s':>7} {'vs baseline':>11}")  # fmt: skip
    for r in sorted(rows, key=lambda r: r["Name"]):
        rps = float(r["Requests/s"])
        ratio = f"{rps / base_rps:.2f}x" if base_rps else "-"
        print(f"{r['Name']:28} {r['Request Count']:>8} {r['Failure Count']:>5} {r['50%']:>7} "
              f"{r['95%']:>7} {r['99%']:>7} {rps:>7.2f} {ratio:>11}")  # fmt: skip
    print("(req/s is each page's share of the mix, set by how often the users ask for it.)")


def _sign_in(host: str, username: str, password: str) -> tuple[Any, Any]:
    """An opener signed in as `username`, and its cookie jar."""
    import http.cookiejar
    import re
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{host}/accounts/sign-in/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    data = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": csrf.group(1) if csrf else ""})  # fmt: skip
    request = urllib.request.Request(f"{host}/accounts/sign-in/", data=data.encode(),
                                     headers={"Referer": f"{host}/accounts/sign-in/"})  # fmt: skip
    opener.open(request).read()
    return opener, jar


def _single_user(
    host: str, pages: list[list[str]], token: str, openers: dict[str, Any], requests: int
) -> None:
    """One user alone: each page `requests` times, its p95 (the goal: under 150 ms)."""
    sessions = {username: opener for username, (opener, _) in openers.items()}
    plain = urllib.request.build_opener()
    targets: list[tuple[str, str, Any, dict[str, str]]] = [
        (name, path, sessions[user], {}) for name, path, user in pages
    ]
    targets += [
        ("portal home", "/", sessions["resident"], {}),
        ("measures API", "/api/v1/measures?from=2025-04-01&to=2026-03-31", plain,
         {"Authorization": f"Bearer {token}"}),
        ("public performance page", "/performance/", plain, {}),
        ("baseline: sign-in page", "/accounts/sign-in/", plain, {}),
    ]  # fmt: skip
    print(f"\n{'one user alone':28} {'p50 ms':>7} {'p95 ms':>7}")
    for name, path, opener, headers in targets:
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            opener.open(urllib.request.Request(f"{host}{path}", headers=headers)).read()
            times.append((time.perf_counter() - started) * 1000)
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"{name:28} {statistics.median(times):>7.0f} {p95:>7.0f}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(address: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(address, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer at {address}")


if __name__ == "__main__":
    main()
