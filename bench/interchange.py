"""Interchange speed beside the bare load of the same files, run on demand:

    .venv/bin/python bench/interchange.py --homes 10000
    BENCH_PG=postgres://user@host/dbname .venv/bin/python bench/interchange.py --homes 10000

Builds the demo landlord into a fresh SQLite file (or takes one already built, `--source`),
exports it, then times, each as its own process (so its peak memory is its own):

- `hearth import` into an empty database, and the same import again with nothing changed,
  beside the bare load of the same CSV files: `sqlite3 .import` into an empty database, and
  with BENCH_PG `psql \\copy` into tables of text columns keyed on the files' refs;
- `hearth export` of what was imported, beside the bare export of the same rows: for each file
  the query a person would write by hand, with the same joins (`BARE_EXPORT`), written to CSV
  by `sqlite3 -csv` or `psql \\copy (SELECT ...) TO`, on the same database. Each export runs
  twice, taking turns with the bare one; wall time and CPU time are both shown.

With `--export FOLDER` (a folder `hearth export` already wrote) no demo is built or exported:
that folder is imported, so a SQLite run and a `--no-sqlite` PostgreSQL run can share it.

With `--export-only --source FILE` only the exports are timed: of a copy of FILE, and of the
BENCH_PG database as it stands (which must already hold a landlord).

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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# How many times each export runs (in turns with the bare one); `--turns`.
TURNS = 2
HEARTH = str(ROOT / ".venv" / "bin" / "hearth")


def run(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak resident memory in MB) of one process."""
    elapsed, _, memory = measured(command, env=env)
    return elapsed, memory


def measured(
    command: list[str], *, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident memory in MB) of one process. On a machine
    shared with others the CPU seconds (user + system) vary far less than the wall time."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def hearth(url: str, *args: str) -> tuple[float, float]:
    return run([HEARTH, *args], env={"DATABASE_URL": url})


def hearth_import(url: str, folder: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of `hearth import` of the folder."""
    command = [HEARTH, "import", str(folder), "--allow-unsupported"]
    return measured(command, env={"DATABASE_URL": url})


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


# The bare export: for each file, the query a person would write by hand for the same rows,
# with the same joins as `hearth export` makes, written out by the database's own client
# (`sqlite3 -csv`, `psql \copy (...) TO ... CSV`). Values are written as stored (no formula
# escaping, London times or two-decimal amounts), so this is the lower bound of an export.
# `{hearth_ref}` is how a survey answer without a ref is named, in each dialect.
BARE_EXPORT = {
    "estates.csv": "SELECT e.ref AS estate_ref, e.name FROM estates_estate e ORDER BY e.ref",
    "blocks.csv": """SELECT b.ref AS block_ref, e.ref AS estate_ref, b.name, b.postcode, b.storeys,
        b.has_lift, b.lifts, b.has_communal_areas
        FROM estates_block b JOIN estates_estate e ON e.id = b.estate_id ORDER BY b.ref""",
    "homes.csv": """SELECT h.ref AS home_ref, b.ref AS block_ref, h.address, h.postcode,
        h.bedrooms, h.home_type, h.weekly_rent, h.weekly_service_charge, h.gas_supply
        FROM estates_home h JOIN estates_block b ON b.id = h.block_id ORDER BY h.ref""",
    "tenancies.csv": """SELECT t.ref AS tenancy_ref, h.ref AS home_ref, t.tenure, t.start_date,
        t.end_date, p.full_name AS lead_tenant_name,
        CASE WHEN p.id IS NOT NULL THEN COALESCE(NULLIF(p.ref, ''), 'HEARTH-' || p.id) END
          AS lead_person_ref,
        p.phone, p.email, cp.language AS preferred_language,
        (SELECT s.description FROM tenancies_supportneed s
          WHERE s.person_id = p.id AND s.kind = 'other' ORDER BY s.id LIMIT 1) AS support_needs
        FROM tenancies_tenancy t JOIN estates_home h ON h.id = t.home_id
        LEFT JOIN tenancies_tenancymember m ON m.tenancy_id = t.id AND m.role = 'lead_tenant'
        LEFT JOIN tenancies_person p ON p.id = m.person_id
        LEFT JOIN tenancies_contactpreference cp ON cp.person_id = p.id
        ORDER BY t.ref""",
    "repairs.csv": """SELECT r.ref AS repair_ref, h.ref AS home_ref,
        CASE WHEN r.home_id IS NULL THEN b.ref END AS block_ref, r.reported_at, r.priority,
        r.description, r.trade, r.right_to_repair_days, r.status, r.completed_at, r.damp_or_mould
        FROM repairs_repair r LEFT JOIN estates_home h ON h.id = r.home_id
        LEFT JOIN estates_block b ON b.id = r.block_id ORDER BY r.ref""",
    "complaints.csv": """SELECT c.ref AS complaint_ref, t.ref AS tenancy_ref, h.ref AS home_ref,
        c.received_on, COALESCE(NULLIF(c.landlord_category, ''), c.category) AS category,
        c.stage1_acknowledged_on, c.stage1_extension_days, c.stage1_responded_on,
        c.stage2_requested_on, c.stage2_acknowledged_on, c.stage2_extension_days,
        c.stage2_responded_on, c.outcome, c.compensation,
        CASE WHEN c.status = 'excluded' THEN COALESCE(c.excluded_on, c.received_on)
          ELSE c.excluded_on END AS refused_on,
        CASE WHEN c.exclusion_reason <> '' AND c.exclusion_explanation <> ''
          THEN c.exclusion_reason || ': ' || c.exclusion_explanation
          ELSE c.exclusion_reason || c.exclusion_explanation END AS refusal_reason
        FROM complaints_complaint c LEFT JOIN tenancies_tenancy t ON t.id = c.tenancy_id
        LEFT JOIN estates_home h ON h.id = c.home_id ORDER BY c.ref""",
    "asb_cases.csv": """SELECT a.ref AS case_ref, h.ref AS home_ref, b.ref AS block_ref,
        a.opened_on, a.closed_on, a.category, a.hate_incident, a.risk
        FROM neighbourhood_asbcase a LEFT JOIN estates_home h ON h.id = a.home_id
        LEFT JOIN estates_block b ON b.id = a.block_id
        WHERE a.triage <> 'household_noise' ORDER BY a.ref""",
    "contacts.csv": """SELECT c.ref AS contact_ref, c.case_type, c.case_ref, c.contacted_on AS date,
        c.channel, c.purpose, c.notes FROM contacts_contact c
        WHERE c.direction = 'outbound' AND (
          (c.case_type = 'tenancy' AND c.case_ref IN (SELECT ref FROM tenancies_tenancy))
          OR (c.case_type = 'repair' AND c.case_ref IN (SELECT ref FROM repairs_repair))
          OR (c.case_type = 'complaint' AND c.case_ref IN (SELECT ref FROM complaints_complaint))
          OR (c.case_type = 'asb' AND c.case_ref IN
              (SELECT ref FROM neighbourhood_asbcase WHERE triage <> 'household_noise')))
        ORDER BY c.ref""",
    "appointments.csv": """SELECT a.ref AS appointment_ref, r.ref AS repair_ref, a.date, a.slot,
        a.outcome, a.cancelled_on
        FROM repairs_appointment a JOIN repairs_repair r ON r.id = a.repair_id ORDER BY a.ref""",
    "visits.csv": """SELECT v.ref AS visit_ref, r.ref AS repair_ref, v.visited_at, v.outcome, v.notes
        FROM repairs_visit v JOIN repairs_repair r ON r.id = v.repair_id ORDER BY v.ref""",
    "inspections.csv": """SELECT i.ref AS inspection_ref, b.ref AS block_ref, i.scheduled_on,
        i.published_on, i.completed_on, i.score, i.notes
        FROM neighbourhood_inspection i JOIN estates_block b ON b.id = i.block_id ORDER BY i.ref""",
    "flytipping.csv": """SELECT f.ref AS report_ref, b.ref AS block_ref, f.received_on,
        f.removed_on, f.location
        FROM neighbourhood_flytipreport f JOIN estates_block b ON b.id = f.block_id
        ORDER BY f.ref""",
    "cleaning_concerns.csv": """SELECT c.ref AS concern_ref, b.ref AS block_ref, c.received_on,
        c.responded_on, c.description
        FROM neighbourhood_cleaningconcern c JOIN estates_block b ON b.id = c.block_id
        ORDER BY c.ref""",
    "cleaning_schedules.csv": """SELECT b.ref AS block_ref, c.task, c.frequency,
        CASE c.weekday WHEN 0 THEN 'monday' WHEN 1 THEN 'tuesday' WHEN 2 THEN 'wednesday'
          WHEN 3 THEN 'thursday' WHEN 4 THEN 'friday' WHEN 5 THEN 'saturday'
          WHEN 6 THEN 'sunday' END AS weekday, c.displayed_on
        FROM neighbourhood_cleaningtask c JOIN estates_block b ON b.id = c.block_id
        ORDER BY b.ref, c.task""",
    "rent_rates.csv": """SELECT h.ref AS home_ref, r.effective_from, r.weekly_rent,
        r.weekly_service_charge
        FROM rents_chargerate r JOIN estates_home h ON h.id = r.home_id
        ORDER BY h.ref, r.effective_from""",
    "transactions.csv": """SELECT t.ref AS transaction_ref, te.ref AS tenancy_ref, t.date, t.kind,
        t.amount, r.ref AS reverses_ref, t.source_ref
        FROM rents_transaction t JOIN rents_rentaccount a ON a.id = t.account_id
        JOIN tenancies_tenancy te ON te.id = a.tenancy_id
        LEFT JOIN rents_transaction r ON r.id = t.reverses_id ORDER BY t.ref""",
    "safety_checks.csv": """SELECT s.ref AS check_ref, h.ref AS home_ref, b.ref AS block_ref,
        s.kind, s.asset_ref, s.done_on, s.next_due_on, s.outcome, s.certificate_ref, s.notes
        FROM safety_safetycheck s LEFT JOIN estates_home h ON h.id = s.home_id
        LEFT JOIN estates_block b ON b.id = s.block_id ORDER BY s.ref""",
    "home_conditions.csv": """SELECT c.ref AS survey_ref, h.ref AS home_ref, c.surveyed_on,
        c.decent, substr(CASE WHEN c.fails_a THEN ';A' ELSE '' END
          || CASE WHEN c.fails_b THEN ';B' ELSE '' END || CASE WHEN c.fails_c THEN ';C' ELSE '' END
          || CASE WHEN c.fails_d THEN ';D' ELSE '' END, 2) AS failing_criteria, c.notes
        FROM safety_conditionsurvey c JOIN estates_home h ON h.id = c.home_id ORDER BY c.ref""",
    "survey_answers.csv": """SELECT COALESCE(a.ref, {hearth_ref}) AS answer_ref,
        t.ref AS tenancy_ref, r.answered_on, a.question,
        CASE WHEN a.answer = 'neither_agree' THEN 'neither' ELSE a.answer END AS answer
        FROM involvement_answer a JOIN involvement_response r ON r.id = a.response_id
        LEFT JOIN tenancies_tenancy t ON t.id = r.tenancy_id ORDER BY 1""",
    "voids.csv": """SELECT v.ref AS void_ref, h.ref AS home_ref, v.previous_tenancy_end,
        v.keys_returned_on, v.works_type, v.works_completed_on, v.letting_standard_passed_on,
        v.viewing_offered_on, v.signed_on, t.ref AS new_tenancy_ref, v.let_on
        FROM lettings_void v JOIN estates_home h ON h.id = v.home_id
        LEFT JOIN tenancies_tenancy t ON t.id = v.new_tenancy_id ORDER BY v.ref""",
}
HEARTH_REF = {
    "sqlite": "'HEARTH-' || substr('0000000000' || a.id, -10)",
    "postgresql": "'HEARTH-' || lpad(a.id::text, 10, '0')",
}


def bare_query(name: str, dialect: str) -> str:
    return " ".join(BARE_EXPORT[name].replace("{hearth_ref}", HEARTH_REF[dialect]).split())


def bare_sqlite(folder: Path, database: Path) -> tuple[float, float]:
    commands = "".join(f".import --csv {p} {p.stem}\n" for p in files(folder))
    script = database.with_suffix(".sql")
    script.write_text(commands)
    return run(["sqlite3", str(database), f".read {script}"])


def bare_sqlite_export(database: Path, into: Path) -> tuple[float, float, float]:
    into.mkdir(parents=True, exist_ok=True)
    lines = [".headers on", ".mode csv"]
    for name in BARE_EXPORT:
        lines += [f".once {into / name}", bare_query(name, "sqlite") + ";"]
    script = into.with_suffix(".sql")
    script.write_text("\n".join(lines) + "\n")
    return measured(["sqlite3", str(database), f".read {script}"])


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


def bare_postgres_export(url: str, into: Path) -> tuple[float, float, float]:
    into.mkdir(parents=True, exist_ok=True)
    lines = [
        f"\\copy ({bare_query(name, 'postgresql')}) TO '{into / name}' WITH (FORMAT csv, HEADER true)"
        for name in BARE_EXPORT
    ]
    script = into.with_suffix(".psql")
    script.write_text("\n".join(lines) + "\n")
    return measured(["psql", "--quiet", "-v", "ON_ERROR_STOP=1", url, "-f", str(script)])


class Table:
    def __init__(self) -> None:
        self.rows: list[str] = []

    def add(
        self, step: str, mine: tuple[float, float, float], bare: tuple[float, float], load: float
    ) -> None:
        ratio = mine[0] / bare[0]
        line = (
            f"| {step} | {mine[0]:.1f} s ({mine[1]:.1f} s CPU) | {mine[2]:.0f} MB | {bare[0]:.1f} s | "
            f"{bare[1]:.0f} MB | {ratio:.1f}x | {load:.1f} |"
        )
        self.rows.append(line)
        print(line, flush=True)

    def show(self) -> None:
        print("\n| step | Hearth | Hearth peak | bare | bare peak | ratio | load (1 min) |")
        print("|---|---|---|---|---|---|---|")
        for row in self.rows:
            print(row)


def compare_exports(
    step: str,
    url: str,
    bare: Callable[[Path], tuple[float, float, float]],
    into: Path,
    turns: int = TURNS,
) -> str:
    """`hearth export` beside the bare export of the same joins, each run `turns` times, taking turns
    (so both see much the same load); the faster of each pair is kept."""
    mine: list[tuple[float, float, float]] = []
    theirs: list[tuple[float, float, float]] = []
    loads = []
    for turn in range(turns):
        loads.append(load_average())
        theirs.append(bare(into / f"bare-{turn}"))
        mine.append(
            measured([HEARTH, "export", str(into / f"hearth-{turn}")], env={"DATABASE_URL": url})
        )
    (wall, cpu, memory), (bare_wall, bare_cpu, bare_memory) = min(mine), min(theirs)
    line = (
        f"| {step} | {wall:.1f} s ({cpu:.1f} s CPU) | {memory:.0f} MB | "
        f"{bare_wall:.1f} s ({bare_cpu:.1f} s CPU) | {bare_memory:.0f} MB | "
        f"{wall / bare_wall:.1f}x ({cpu / bare_cpu:.1f}x CPU) | "
        f"{' / '.join(f'{load:.1f}' for load in loads)} |"
    )
    print(line, flush=True)
    return line


def load_average() -> float:
    return os.getloadavg()[0]


def show_exports(exports: list[str]) -> None:
    print("\n| step | Hearth | Hearth peak | bare, same joins | bare peak | ratio | load (1 min) |")
    print("|---|---|---|---|---|---|---|")
    for row in exports:
        print(row)


def sqlite_export(url: str, database: Path, work: Path, turns: int) -> str:
    bare = lambda into: bare_sqlite_export(database, into)  # noqa: E731
    return compare_exports("SQLite: export", url, bare, work / "sqlite-out", turns)


def postgres_export(url: str, work: Path, turns: int) -> str:
    psql_url = url.replace("postgres://", "postgresql://")
    bare = lambda into: bare_postgres_export(psql_url, into)  # noqa: E731
    return compare_exports("PostgreSQL: export", url, bare, work / "pg-out", turns)


def export_only(args: argparse.Namespace, work: Path, source: str, exports: list[str]) -> None:
    """The exports alone: of the SQLite copy of --source, and of BENCH_PG, which must already
    hold a landlord (an import of large files takes long)."""
    if not args.no_sqlite:
        exports.append(sqlite_export(source, work / "source.sqlite3", work, args.turns))
    postgres = os.environ.get("BENCH_PG")
    if postgres:
        exports.append(postgres_export(postgres, work, args.turns))
    show_exports(exports)
    print(f"(files in {work})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--homes", type=int, default=10_000)
    parser.add_argument(
        "--source", type=Path, help="a SQLite database already holding the demo (copied)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL (BENCH_PG)")
    parser.add_argument(
        "--export-only",
        action="store_true",
        help="time only the exports: of the --source copy, and of BENCH_PG as it is (no import)",
    )
    parser.add_argument("--turns", type=int, default=TURNS, help="runs of each export")
    parser.add_argument(
        "--export",
        type=Path,
        help="a folder `hearth export` already wrote: import it, instead of building and "
        "exporting a demo (lets a SQLite run and a PostgreSQL run share one export)",
    )
    args = parser.parse_args()
    work = Path(
        tempfile.mkdtemp(prefix="hearth-bench-interchange-", dir=os.environ.get("BENCH_TMP"))
    )
    source = f"sqlite:///{work / 'source.sqlite3'}"
    if args.export:
        pass
    elif args.source:
        shutil.copy(args.source, work / "source.sqlite3")
    elif args.export_only and not args.no_sqlite:
        raise SystemExit("--export-only needs --source (or --no-sqlite)")
    elif not args.export_only:
        hearth(source, "migrate", "--no-input", "-v0")
        seconds, _ = hearth(source, "demo", "--homes", str(args.homes), "--today", "2026-11-26")
        print(f"demo --homes {args.homes}: {seconds:.1f} s")
    if args.export_only:
        export_only(args, work, source, [])
        return
    export = args.export or work / "export"
    if not args.export:
        load = load_average()
        seconds, memory = hearth(source, "export", str(export))
        rows = sum(lines(p) - 1 for p in files(export))
        print(
            f"hearth export of the demo: {seconds:.1f} s, peak {memory:.0f} MB ({rows} rows, "
            f"load {load:.1f})"
        )
    table = Table()
    exports: list[str] = []

    if not args.no_sqlite:
        load = load_average()
        bare = bare_sqlite(export, work / "bare.sqlite3")
        target = f"sqlite:///{work / 'target.sqlite3'}"
        hearth(target, "migrate", "--no-input", "-v0")
        load = load_average()
        mine = hearth_import(target, export)
        table.add("SQLite: import into an empty database", mine, bare, load)
        load = load_average()
        mine = hearth_import(target, export)
        table.add("SQLite: import again, nothing changed", mine, bare, load)
        exports.append(sqlite_export(target, work / "target.sqlite3", work, args.turns))

    postgres = os.environ.get("BENCH_PG")
    if postgres:
        psql_url = postgres.replace("postgres://", "postgresql://")
        hearth(postgres, "flush", "--no-input")
        hearth(postgres, "migrate", "--no-input", "-v0")
        load = load_average()
        bare = bare_postgres(export, psql_url)
        load = load_average()
        mine = hearth_import(postgres, export)
        table.add("PostgreSQL: import into an empty database", mine, bare, load)
        load = load_average()
        mine = hearth_import(postgres, export)
        table.add("PostgreSQL: import again, nothing changed", mine, bare, load)
        exports.append(postgres_export(postgres, work, args.turns))
    table.show()
    show_exports(exports)
    print(f"(files in {work})")


if __name__ == "__main__":
    main()
