"""Pages and API under load: gunicorn on PostgreSQL with the demo landlord, and locust users.

    BENCH_DATABASE_URL=postgres://…/hearth_bench .venv/bin/python bench/load.py \\
        [--homes 10000] [--users 50] [--seconds 60] [--each-seconds 20] [--workers 4]

Builds the demo landlord (`--homes`, one year to 26 November 2026) into the database if it has
no homes (then runs ANALYZE), and starts gunicorn (`--workers` processes, each keeping its
database connection open as docs/deploy.md says) on `bench/load_site.py`: Hearth, plus the
reference, a minimal Django view on the same stack (every middleware, no template, no query).
Every page is asked for a few times first (warm caches, as in service). Then:

1. One user alone requests each page `--single-requests` times: p50 and p95 (goal: p95 under
   150 ms).
2. The mixed run: locust headless, `--users` users for `--seconds` (bench/locustfile.py):
   staff through the work queues (my work, repairs, complaints, arrears, voids, estates) and a
   case page of each domain, residents on the portal home, an integration on the measures API,
   visitors on the public performance page, the sign-in page and the minimal view. p50, p95,
   p99 and requests/s of each; a page's requests/s here is its share of the mix.
3. Each page alone: `--users` users asking for that page only, with no pause, for
   `--each-seconds`: its throughput (requests/s) and latency beside the minimal view's, run
   the same way (goal: at least half the minimal view's throughput).

Each run prints the 1-minute load average before and after it, and whether the data version
(`hearth.core.data_version`, the measures cache's key) moved during it.
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
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = ["officer", "repairs", "income", "complaints", "estates"]
MEASURES = "/api/v1/measures?from=2025-04-01&to=2026-03-31"
MINIMAL = "/bench/minimal/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--homes", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--each-seconds", type=int, default=20, help="each page alone; 0: skip")
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
        call_command("demo", "--homes", str(args.homes), "--years", "1", "--today", "2026-11-26")
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

    wanted: list[tuple[str, ...]] = [
        ("my work", "/staff/"),
        ("my work, repairs officer", "/staff/", "repairs"),
        ("my work, income officer", "/staff/", "income"),
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
    for name, path, *chosen in wanted:
        for username in chosen or CANDIDATES:
            client = Client()
            client.force_login(User.objects.get(username=username))
            if client.get(path).status_code == 200:
                pages.append([name, path, username])
                break
        else:
            print(f"skipped {name} ({path}): no demo officer without two-factor may see it")
    reader = User.objects.get(username="manager")
    _, token = ApiToken.issue(user=reader, name="Load benchmark")
    database = urllib.parse.urlparse(url).path.lstrip("/")
    from hearth.core import data_version

    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "DB_CONN_MAX_AGE": "60"}
    env.pop("HEARTH_TESTING", None)
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "load_site:application", "--pythonpath",
         str(ROOT / "bench"), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--timeout", "120", "--preload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    out = Path(tempfile.mkdtemp(prefix="hearth-load-"))
    try:
        _wait_for(f"{host}{MINIMAL}")
        openers = {
            username: _sign_in(host, username, DEMO_PASSWORD)
            for username in {*(user for _, _, user in pages), "resident"}
        }
        cookie = settings.SESSION_COOKIE_NAME
        sessions = {
            username: next(c.value for c in jar if c.name == cookie)
            for username, (_, jar) in openers.items()
        }
        targets = [*pages, ["portal home", "/", "resident"], ["measures API", MEASURES, "token"],
                   ["public performance page", "/performance/", ""],
                   ["sign-in page", "/accounts/sign-in/", ""],
                   [REFERENCE, MINIMAL, ""]]  # fmt: skip
        env.update(
            HEARTH_BENCH_COOKIE=cookie,
            HEARTH_BENCH_SESSIONS=json.dumps(sessions),
            HEARTH_BENCH_TOKEN=token,
            HEARTH_BENCH_PAGES=json.dumps(pages),
        )
        headers = {who: locust_headers(who, cookie, sessions, token) for _, _, who in targets}
        print(f"{homes} homes, PostgreSQL, gunicorn --workers {args.workers}, {os.cpu_count()} "
              f"cores ({_cpu_name()})")  # fmt: skip
        cold = _warm(host, targets, headers, args.workers)
        print(f"first request of each page (cold): measures API {cold['measures API']:.0f} ms, "
              f"slowest other {max(v for k, v in cold.items() if k != 'measures API'):.0f} ms")  # fmt: skip

        if not args.no_single:
            _single_user(host, targets, headers, args.single_requests, (web.pid, database))

        def locust(stem: str, users: int, seconds: int, classes: list[str], **extra: str) -> Path:
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
                 "--headless", "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
                 "--host", host, "--csv", str(out / stem), "--only-summary",
                 "--loglevel", "WARNING", *classes],
                cwd=ROOT, env={**env, **extra}, check=False, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            return out / f"{stem}_stats.csv"

        version = data_version.current()
        before = os.getloadavg()[0]
        stats = locust("mixed", args.users, args.seconds, ["Staff", "Resident", "Integration",
                                                           "Public"])  # fmt: skip
        print(f"\nmixed run: {args.users} users for {args.seconds} s, each pausing 0.5 to 1.5 s "
              f"between tasks; load average {before:.1f} before, {os.getloadavg()[0]:.1f} after; "
              f"{_moved(version, data_version.current())}")  # fmt: skip
        _report(_rows(stats))

        if args.each_seconds:
            rows = []
            version = data_version.current()
            loads = []
            for n, (name, path, who) in enumerate([[REFERENCE, MINIMAL, ""], *targets[:-1]]):
                before = os.getloadavg()[0]
                cpu = _server_cpu(web.pid, database)
                stats = locust(f"one-{n}", args.users, args.each_seconds, ["OnePage"],
                               HEARTH_BENCH_ONE=json.dumps([name, path, who]))  # fmt: skip
                used = _server_cpu(web.pid, database, since=cpu)
                found = _rows(stats)
                row = {**found[0], "load": f"{before:.1f}"} if found else _none(name, before)
                done = max(1, int(row["Request Count"]))
                row["cpu"] = f"{used[0] * 1000 / done:.1f}/{used[1] * 1000 / done:.1f}"
                row["cpu_ms"] = str((used[0] + used[1]) * 1000 / done)
                rows.append(row)
                loads.append(before)
            print(f"\neach page alone: {args.users} users, no pause, {args.each_seconds} s each; "
                  f"load average {min(loads):.1f} to {max(loads):.1f} at the starts; "
                  f"{_moved(version, data_version.current())}")  # fmt: skip
            _report(rows, load=True)
            print("cpu ms: the server's CPU time per request, gunicorn workers / PostgreSQL "
                  "backends, over the run (not slowed by waiting for a core, unlike latency); "
                  "÷ cpu: the minimal view's CPU per request over the page's, the throughput "
                  "ratio a machine with cores to spare would show.")  # fmt: skip
    finally:
        web.terminate()
        web.wait(timeout=30)


REFERENCE = "reference: minimal view"


def locust_headers(who: str, cookie: str, sessions: dict[str, str], token: str) -> dict[str, str]:
    if who == "token":
        return {"Authorization": f"Bearer {token}"}
    if who:
        return {"Cookie": f"{cookie}={sessions[who]}"}
    return {}


def _none(name: str, load: float) -> dict[str, str]:
    """A page of which no request finished within the run."""
    return {"Name": name, "Request Count": "0", "Failure Count": "0", "50%": "-", "95%": "-",
            "99%": "-", "Requests/s": "0", "load": f"{load:.1f}"}  # fmt: skip


def _moved(before: int, after: int) -> str:
    if after == before:
        return "the data version did not move (the measures cache held throughout)"
    return f"the data version moved {after - before} times (the measures cache was invalidated)"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def _rows(stats: Path) -> list[dict[str, str]]:
    if not stats.exists():
        return []
    return [r for r in csv.DictReader(stats.open()) if r["Name"] != "Aggregated" and r["Type"]]


def _report(rows: list[dict[str, str]], *, load: bool = False) -> None:
    baseline = next((r for r in rows if r["Name"] == REFERENCE), None)
    base_rps = float(baseline["Requests/s"]) if baseline else 0.0
    base_cpu = float(baseline.get("cpu_ms", 0)) if baseline else 0.0
    extra = f" {'load':>5} {'cpu ms':>11} {'÷ cpu':>6}" if load else ""
    print(f"{'page':28} {'requests':>8} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'req/s':>7} {'÷ minimal':>10}{extra}")  # fmt: skip
    order = {REFERENCE: 0}
    for r in sorted(rows, key=lambda r: order.get(r["Name"], 1)):
        rps = float(r["Requests/s"])
        ratio = f"{rps / base_rps:.3f}" if base_rps else "-"
        if load:
            cpu = float(r.get("cpu_ms", 0))
            by_cpu = f"{base_cpu / cpu:.3f}" if cpu and base_cpu else "-"
            extra = f" {r['load']:>5} {r.get('cpu', '-'):>11} {by_cpu:>6}"
        print(f"{r['Name']:28} {r['Request Count']:>8} {r['Failure Count']:>5} {r['50%']:>7} "
              f"{r['95%']:>7} {r['99%']:>7} {rps:>7.1f} {ratio:>10}{extra}")  # fmt: skip


def _server_cpu(
    web: int, database: str, since: tuple[float, float, dict[int, float]] | None = None
) -> tuple[float, float, dict[int, float]]:
    """CPU seconds used by the gunicorn master and its workers, and by the PostgreSQL backends
    connected to `database` (from /proc): totals, or with `since`, the use since then."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[int, float] = {}
    web_pids, db_pids = set(), set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        pid, parent = int(entry.name), int(fields[1])
        if pid == web or parent == web:
            web_pids.add(pid)
        elif command.startswith("postgres:") and f" {database} " in command:
            db_pids.add(pid)
        else:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / tick
    earlier = since[2] if since else {}
    web_cpu = sum(used[p] - earlier.get(p, 0.0) for p in web_pids)
    db_cpu = sum(used[p] - earlier.get(p, 0.0) for p in db_pids)
    return web_cpu, db_cpu, used


def _sign_in(host: str, username: str, password: str) -> tuple[Any, Any]:
    """An opener signed in as `username`, and its cookie jar."""
    import http.cookiejar
    import re

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


def _get(host: str, path: str, headers: dict[str, str]) -> float:
    """One request, its time in ms (fails loudly on anything but a 200)."""
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(f"{host}{path}", headers=headers)) as r:
        r.read()
        if r.status != 200:
            sys.exit(f"{path} answered {r.status}")
    return (time.perf_counter() - started) * 1000


def _warm(
    host: str, targets: list[list[str]], headers: dict[str, dict[str, str]], workers: int
) -> dict[str, float]:
    """Ask for every page a few times (each worker's per-process caches, the measures cache);
    the first request's time for each."""
    cold = {}
    for name, path, who in targets:
        cold[name] = _get(host, path, headers[who])
        for _ in range(2 * workers):
            _get(host, path, headers[who])
    return cold


def _single_user(
    host: str,
    targets: list[list[str]],
    headers: dict[str, dict[str, str]],
    requests: int,
    server: tuple[int, str],
) -> None:
    """One user alone: each page `requests` times, its p50 and p95 (the goal: under 150 ms),
    and the server's CPU time per request (gunicorn + PostgreSQL), which waiting for a core on
    a busy machine does not inflate."""
    before = os.getloadavg()[0]
    results = []
    for name, path, who in targets:
        cpu = _server_cpu(*server)
        times = [_get(host, path, headers[who]) for _ in range(requests)]
        web, db, _ = _server_cpu(*server, since=cpu)
        results.append((name, statistics.median(times), statistics.quantiles(times, n=20)[18],
                        web * 1000 / requests, db * 1000 / requests))  # fmt: skip
    print(f"\none user alone, {requests} requests a page; load average {before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")  # fmt: skip
    print(f"{'page':28} {'p50 ms':>7} {'p95 ms':>7} {'p95 goal':>9} {'cpu ms web/db':>14}")
    for name, p50, p95, web_ms, db_ms in results:
        verdict = "-" if name == REFERENCE else ("met" if p95 < 150 else "missed")
        cpu_ms = f"{web_ms:.1f}/{db_ms:.1f}"
        print(f"{name:28} {p50:>7.0f} {p95:>7.0f} {verdict:>9} {cpu_ms:>14}")


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
