"""Peak memory of the annual report and every export stream, each in a process of its own,
beside two references, run on demand:

    .venv/bin/python bench/memory.py /work/bench-data/demo10000.sqlite3 /work/bench-data/demo100000.sqlite3

For each demo landlord given (a SQLite database, copied first: the original is not touched),
each step runs as its own process and its peak resident memory is read from `wait4` (the
process's own high-water mark). The steps:

- references: `django.setup()` and nothing else (what any Hearth process costs), and
  `sqlite3 -csv` writing the rent ledger with its tenancy refs (the biggest stream, with no
  Python at all);
- `hearth export` of the interchange files;
- through the staff pages, as a signed-in administrator (Django's test client, in process):
  the dashboard's CSV and Excel downloads, the TSM return CSV, the annual report PDF, the
  complaints annual report PDF, the building safety register's CSV and Excel downloads for the
  check with the most rows, the rent review's CSV and Excel downloads (every home), and the
  subject access ZIP of the person with the most ledger rows.

Prints a table with each step's peak, wall time, size of what it wrote and the load average
when it ran; the goal is under 300 MB at 100,000 homes. Results are recorded by hand in
BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HEARTH = str(ROOT / ".venv" / "bin" / "hearth")
USER = "bench-memory"
# The reporting year of the demo's data (`hearth demo --today 2026-11-26`): April 2026 on.
YEAR = 2026
LEDGER = (
    "SELECT t.ref, te.ref, t.date, t.kind, t.amount, r.ref, t.source_ref "
    "FROM rents_transaction t JOIN rents_rentaccount a ON a.id = t.account_id "
    "JOIN tenancies_tenancy te ON te.id = a.tenancy_id "
    "LEFT JOIN rents_transaction r ON r.id = t.reverses_id ORDER BY t.ref"
)
PAGES = (
    "dashboard-csv",
    "dashboard-xlsx",
    "tsm-csv",
    "annual-report-pdf",
    "complaints-annual-report-pdf",
    "safety-register-csv",
    "safety-register-xlsx",
    "rent-review-csv",
    "rent-review-xlsx",
    "subject-access-zip",
)


def measured(
    command: list[str], env: dict[str, str], out: Path | None = None
) -> tuple[float, float]:
    """(peak resident memory in MB, wall seconds) of one process. This process imports nothing
    big: a child's peak as `wait4` reports it is never below its parent's size at the fork."""
    started = time.perf_counter()
    stdout = out.open("wb") if out else subprocess.DEVNULL
    try:
        process = subprocess.Popen(command, env={**os.environ, **env}, stdout=stdout)
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        if out:
            stdout.close()  # type: ignore[union-attr]
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def one_size(source: Path, work: Path, steps: set[str] | None = None) -> list[str]:
    database = work / source.name
    shutil.copy(source, database)
    env = {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    targets = subprocess.run(
        [PYTHON, __file__, "--prepare"], env={**os.environ, **env}, check=True, capture_output=True
    ).stdout.decode()
    env["BENCH_MEMORY_TARGETS"] = targets.strip()
    rows: list[str] = []

    def add(step: str, peak: float, seconds: float, size: int) -> None:
        load = os.getloadavg()[0]
        line = f"| {source.name} | {step} | {peak:.0f} MB | {seconds:.1f} s | {size / 1e6:.1f} MB | {load:.1f} |"
        rows.append(line)
        print(line, flush=True)

    if steps is None or "references" in steps:
        peak, seconds = measured([PYTHON, "-c", "import django; django.setup()"], env)
        add("reference: django.setup() alone", peak, seconds, 0)
        out = work / "ledger.csv"
        peak, seconds = measured(["sqlite3", "-csv", str(database), LEDGER], env, out)
        add("reference: sqlite3 -csv, the ledger with its joins", peak, seconds, out.stat().st_size)
        out.unlink()
    if steps is None or "export" in steps:
        folder = work / "export"
        peak, seconds = measured([HEARTH, "export", str(folder)], env)
        add("hearth export (interchange files)", peak, seconds, folder_size(folder))
        shutil.rmtree(folder)
    for page in PAGES:
        if steps is not None and page not in steps:
            continue
        out = work / page
        peak, seconds = measured([PYTHON, __file__, "--page", page], env, out)
        add(page, peak, seconds, out.stat().st_size)
        out.unlink()
    database.unlink()
    return rows


# -- inside a child process --------------------------------------------------------------------


def prepare() -> None:
    """An administrator to sign in as (in the copy), and what the pages are about, as JSON: the
    check with the most rows, the latest rent review, the person with the most ledger rows."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from hearth.rents.models import RentAccount, RentReview, Transaction
    from hearth.safety.models import SafetyCheck
    from hearth.tenancies.models import MemberRole, TenancyMember

    user_model = get_user_model()
    if not user_model.objects.filter(username=USER).exists():
        user_model.objects.create_superuser(USER, f"{USER}@example.org", "not-a-real-password")
    check = SafetyCheck.objects.values("kind").annotate(n=Count("id")).order_by("-n").first()
    review = RentReview.objects.order_by("-rent_year").first()
    busiest = Transaction.objects.values("account").annotate(n=Count("id")).order_by("-n").first()
    assert busiest is not None
    tenancy = RentAccount.objects.get(pk=busiest["account"]).tenancy_id
    person = TenancyMember.objects.get(tenancy_id=tenancy, role=MemberRole.LEAD_TENANT).person_id
    print(
        json.dumps(
            {
                "check": check["kind"] if check else "gas",
                "review": review.ref if review else None,
                "person": person,
            }
        )
    )


def page(name: str) -> None:
    """GET one download as an administrator and write its body to stdout, a chunk at a time."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    _sign_in(client, get_user_model().objects.get(username=USER), reverse)
    url = _url(name, reverse)
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{name}: {url} answered {response.status_code}")
    out = sys.stdout.buffer
    if response.streaming:
        for chunk in response.streaming_content:
            out.write(chunk)
    else:
        out.write(response.content)
    out.flush()


def _sign_in(client: Any, user: Any, reverse: Any) -> None:
    """Password, then the code from the administrator's authenticator, as a person does."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, name="bench")
    client.force_login(user)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post(reverse("accounts:two-factor"), {"code": f"{code:0{device.digits}d}"})
    if response.status_code != 302:
        raise SystemExit(f"two-factor sign-in answered {response.status_code}")


def _url(name: str, reverse: Any) -> str:
    targets = json.loads(os.environ["BENCH_MEMORY_TARGETS"])
    if name == "dashboard-csv":
        return str(reverse("performance:export-csv"))
    if name == "dashboard-xlsx":
        return str(reverse("performance:export-xlsx"))
    if name == "tsm-csv":
        return str(reverse("performance:tsm-csv", args=[YEAR]))
    if name == "annual-report-pdf":
        return str(reverse("performance:annual-report", args=[YEAR]))
    if name == "complaints-annual-report-pdf":
        return str(reverse("complaints:annual-report-pdf", args=[YEAR]))
    if name.startswith("safety-register-"):
        export = name.rsplit("-", 1)[1]
        url = reverse("safety:drilldown", args=[targets["check"]])
        return f"{url}?state=in_scope&export={export}"
    if name.startswith("rent-review-"):
        if targets["review"] is None:
            raise SystemExit("no rent review in this database")
        return str(reverse(f"rents:review-{name.rsplit('-', 1)[1]}", args=[targets["review"]]))
    if name == "subject-access-zip":
        return str(reverse("staff:person-everything", args=[targets["person"]]))
    raise SystemExit(f"no page {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sources", nargs="*", type=Path, help="demo SQLite databases")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument(
        "--steps",
        help="only these steps, comma-separated: references, export, and the page names",
    )
    args = parser.parse_args()
    if args.prepare:
        return prepare()
    if args.page:
        return page(args.page)
    work = Path(tempfile.mkdtemp(prefix="hearth-bench-memory-", dir=os.environ.get("BENCH_TMP")))
    rows: list[str] = []
    try:
        for source in args.sources:
            rows += one_size(source, work, set(args.steps.split(",")) if args.steps else None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| landlord | step | peak RSS | wall | output | load (1 min) |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
