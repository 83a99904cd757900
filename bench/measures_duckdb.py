"""The reference for `bench/measures.py`: the year's repairs, complaints and rent measures
computed by DuckDB straight from the CSV files `hearth export` writes, written from the
measures spec (`docs/measures.md`), not from Hearth's code.

What the export does not hold is worked out here as the spec says:
- the working-day calendar (weekends and England's bank holidays, no closure days) comes in
  as `calendar.csv`, one row a date, which `bench/measures.py` writes from Hearth's
  calendar rules (it is not part of the export);
- repair due dates: an emergency is due 24 clock hours after it was reported, anything else
  on the Nth working day after the London date it was reported (urgent 5, routine 20,
  planned 60; a Right to Repair period instead, when shorter);
- a further-work visit's update is due the working day after the visit;
- arrears episodes are replayed from the ledger: an account falls into arrears at the end of
  a day when its balance exceeds the weekly rent plus service charge in force (nothing before
  the tenancy starts or after it ends), and stays in arrears until its balance is 0 or less.

`measures(folder, start, end)` returns {measure id: (numerator, denominator)}.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

FILES = (
    "homes",
    "tenancies",
    "rent_rates",
    "transactions",
    "contacts",
    "complaints",
    "repairs",
    "visits",
    "appointments",
    "calendar",
)
WORK_DAYS = {"urgent": 5, "routine": 20, "planned": 60}
ARREARS_CHANNELS = ("letter", "phone", "text", "email", "visit")
COLLECTED = (
    "payment_direct_debit",
    "payment_standing_order",
    "payment_online",
    "payment_paypoint",
    "payment_cash",
    "housing_benefit",
    "universal_credit",
    "payment_reversal",
)

SETUP = """
CREATE MACRO add_wd(d, n) AS (
    CASE WHEN n = 0 THEN d ELSE
    (SELECT c2.date FROM calendar c1 JOIN calendar c2
       ON c2.working AND c2.idx = c1.idx + n WHERE c1.date = d) END);
"""

QUERIES: dict[str, str] = {
    # --- complaints (refused ones were never taken in: left out) ---
    "complaints.stage1_average_working_days": """
        SELECT COALESCE(SUM(r.idx - c.idx), 0), COUNT(*) FROM complaints x
        JOIN calendar c ON c.date = x.received_on JOIN calendar r ON r.date = x.stage1_responded_on
        WHERE x.refused_on IS NULL AND x.stage1_responded_on BETWEEN $from AND $to""",
    "CH01.stage1": """
        SELECT COUNT(*), (SELECT COUNT(*) FROM homes) FROM complaints
        WHERE refused_on IS NULL AND received_on BETWEEN $from AND $to""",
    "CH01.stage2": """
        SELECT COUNT(*), (SELECT COUNT(*) FROM homes) FROM complaints
        WHERE refused_on IS NULL AND stage2_requested_on BETWEEN $from AND $to""",
    "CH02.stage1": """
        WITH due AS (
          SELECT x.stage1_responded_on AS done,
                 dd.date AS due
          FROM complaints x
          JOIN calendar a ON a.date = COALESCE(x.stage1_acknowledged_on, add_wd(x.received_on, 5))
          JOIN calendar dd ON dd.working
           AND dd.idx = a.idx + 10 + LEAST(COALESCE(x.stage1_extension_days, 0), 10)
          WHERE x.refused_on IS NULL AND x.stage1_responded_on BETWEEN $from AND $to)
        SELECT COUNT(*) FILTER (WHERE done <= due), COUNT(*) FROM due""",
    "CH02.stage2": """
        WITH due AS (
          SELECT x.stage2_responded_on AS done, dd.date AS due
          FROM complaints x
          JOIN calendar a
            ON a.date = COALESCE(x.stage2_acknowledged_on, add_wd(x.stage2_requested_on, 5))
          JOIN calendar dd ON dd.working
           AND dd.idx = a.idx + 20 + LEAST(COALESCE(x.stage2_extension_days, 0), 20)
          WHERE x.refused_on IS NULL AND x.stage2_responded_on BETWEEN $from AND $to)
        SELECT COUNT(*) FILTER (WHERE done <= due), COUNT(*) FROM due""",
    "complaints.acknowledged_on_time": """
        WITH due AS (
          SELECT x.stage1_acknowledged_on AS ack, d.date AS due FROM complaints x
          JOIN calendar c ON c.date = x.received_on
          JOIN calendar d ON d.working AND d.idx = c.idx + 5
          WHERE x.refused_on IS NULL AND x.received_on BETWEEN $from AND $to)
        SELECT COUNT(*) FILTER (WHERE ack <= due), COUNT(*) FROM due WHERE due <= $to""",
    # --- repairs (cancelled ones count in none; "completed in period" by London date) ---
    "RP02.emergency": """
        SELECT COUNT(*) FILTER (WHERE completed_at <= reported_at + INTERVAL 24 HOUR), COUNT(*)
        FROM done WHERE priority = 'emergency'""",
    "RP02.non_emergency": """
        WITH due AS (
          SELECT CAST(completed_at AS DATE) AS finished,
                 d.date AS priority_due, r.date AS rtr_due
          FROM done x
          JOIN calendar c ON c.date = CAST(x.reported_at AS DATE)
          JOIN calendar d ON d.working AND d.idx = c.idx + CASE x.priority
               WHEN 'urgent' THEN 5 WHEN 'routine' THEN 20 ELSE 60 END
          LEFT JOIN calendar r ON r.working AND r.idx = c.idx + x.right_to_repair_days
          WHERE x.priority <> 'emergency')
        SELECT COUNT(*) FILTER (WHERE finished <= LEAST(priority_due, COALESCE(rtr_due, priority_due))),
               COUNT(*) FROM due""",
    "repairs.first_visit_fix": """
        WITH firsts AS (
          SELECT v.repair_ref, arg_min(v.outcome, (v.visited_at, v.visit_ref)) AS outcome
          FROM visits v JOIN done d ON d.repair_ref = v.repair_ref
          WHERE v.outcome <> 'no_access' GROUP BY v.repair_ref)
        SELECT COUNT(*) FILTER (WHERE outcome = 'completed'), COUNT(*) FROM firsts""",
    "repairs.appointments_offered": """
        SELECT COUNT(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM appointments a WHERE a.repair_ref = d.repair_ref)), COUNT(*)
        FROM done d WHERE priority <> 'emergency'""",
    "repairs.appointments_kept": """
        SELECT COUNT(*) FILTER (WHERE a.outcome = 'kept'),
               COUNT(*) FILTER (WHERE a.outcome IN ('kept', 'missed')
                 OR (a.outcome = 'cancelled_by_landlord' AND a.cancelled_on >= a.date))
        FROM appointments a JOIN repairs r ON r.repair_ref = a.repair_ref
        WHERE a.date BETWEEN $from AND $to AND r.status <> 'cancelled'""",
    "repairs.progress_updates": """
        WITH further AS (
          SELECT v.repair_ref, CAST(v.visited_at AS DATE) AS visit_on,
                 add_wd(CAST(v.visited_at AS DATE), 1) AS update_due
          FROM visits v JOIN done d ON d.repair_ref = v.repair_ref
          WHERE v.outcome = 'further_work'),
        answered AS (
          SELECT f.repair_ref, bool_and(EXISTS (SELECT 1 FROM contacts c
              WHERE c.case_type = 'repair' AND c.case_ref = f.repair_ref
                AND c.date BETWEEN f.visit_on AND f.update_due)) AS every_one
          FROM further f GROUP BY f.repair_ref)
        SELECT COUNT(*) FILTER (WHERE every_one), COUNT(*) FROM answered""",
    # --- rent and arrears ---
    "rent.collected": f"""
        SELECT -COALESCE(SUM(amount) FILTER (WHERE kind IN {COLLECTED}), 0),
               COALESCE(SUM(amount) FILTER (WHERE kind IN ('rent', 'service_charge')), 0)
        FROM transactions WHERE date BETWEEN $from AND $to""",
    "rent.current_arrears": """
        SELECT (SELECT COALESCE(SUM(balance), 0) FROM (
                  SELECT SUM(x.amount) AS balance FROM transactions x
                  JOIN tenancies t ON t.tenancy_ref = x.tenancy_ref
                  WHERE x.date <= $to AND t.start_date <= $to
                    AND (t.end_date IS NULL OR t.end_date >= $to)
                  GROUP BY x.tenancy_ref) WHERE balance > 0),
               (SELECT COALESCE(SUM(amount), 0) FROM transactions
                WHERE kind IN ('rent', 'service_charge')
                  AND date BETWEEN $to - INTERVAL 364 DAY AND $to)""",
    "tenancy.money_advice_offered": """
        WITH started AS (
          SELECT t.tenancy_ref, d.date AS due FROM tenancies t
          JOIN calendar c ON c.date = t.start_date
          JOIN calendar d ON d.working AND d.idx = c.idx + 20
          WHERE t.start_date BETWEEN $from AND $to)
        SELECT COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM contacts c
                 WHERE c.case_type = 'tenancy' AND c.case_ref = s.tenancy_ref
                   AND c.purpose = 'money_advice' AND c.date <= s.due)), COUNT(*)
        FROM started s""",
    "arrears.contacted_in_5_days": f"""
        WITH days AS (
          SELECT tenancy_ref, date, SUM(amount) AS amount FROM transactions GROUP BY ALL
          UNION ALL
          SELECT t.tenancy_ref, r.effective_from, 0 FROM tenancies t
          JOIN rent_rates r ON r.home_ref = t.home_ref AND r.effective_from >= t.start_date
          UNION ALL
          SELECT tenancy_ref, end_date + 1, 0 FROM tenancies WHERE end_date IS NOT NULL),
        daily AS (SELECT tenancy_ref, date, SUM(amount) AS amount FROM days GROUP BY ALL),
        balances AS (
          SELECT d.tenancy_ref, d.date,
                 SUM(d.amount) OVER (PARTITION BY d.tenancy_ref ORDER BY d.date) AS balance,
                 CASE WHEN d.date < t.start_date OR d.date > t.end_date THEN 0
                      ELSE r.weekly_rent + r.weekly_service_charge END AS charge
          FROM daily d JOIN tenancies t ON t.tenancy_ref = d.tenancy_ref
          ASOF LEFT JOIN rent_rates r
            ON r.home_ref = t.home_ref AND d.date >= r.effective_from),
        flagged AS (
          SELECT *, CASE WHEN balance > COALESCE(charge, 0) THEN 1
                         WHEN balance <= 0 THEN 0 END AS flag FROM balances),
        states AS (
          SELECT *, COALESCE(last_value(flag IGNORE NULLS) OVER w, 0) AS state,
                 COALESCE(last_value(flag IGNORE NULLS) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING
                   AND 1 PRECEDING), 0) AS before
          FROM flagged WINDOW w AS (PARTITION BY tenancy_ref ORDER BY date)),
        episodes AS (
          SELECT s.tenancy_ref, s.date AS started_on, d.date AS due FROM states s
          JOIN calendar c ON c.date = s.date
          JOIN calendar d ON d.working AND d.idx = c.idx + 5
          WHERE s.state = 1 AND s.before = 0 AND s.date BETWEEN $from AND $to)
        SELECT COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM contacts c
                 WHERE c.case_type = 'tenancy' AND c.case_ref = e.tenancy_ref
                   AND c.purpose = 'arrears' AND c.channel IN {ARREARS_CHANNELS}
                   AND c.date BETWEEN e.started_on AND e.due)), COUNT(*)
        FROM episodes e WHERE e.due <= $to""",
}


# Money as exact decimals, not the floating point a sniffer would pick; the ledger's columns
# all given, so its million rows are read once, not sniffed first.
LEDGER_COLUMNS = {
    "transaction_ref": "VARCHAR",
    "tenancy_ref": "VARCHAR",
    "date": "DATE",
    "kind": "VARCHAR",
    "amount": "DECIMAL(18,2)",
    "reverses_ref": "VARCHAR",
    "source_ref": "VARCHAR",
}
TYPES = {
    "rent_rates": {"weekly_rent": "DECIMAL(18,2)", "weekly_service_charge": "DECIMAL(18,2)"},
    "homes": {"weekly_rent": "DECIMAL(18,2)", "weekly_service_charge": "DECIMAL(18,2)"},
}


def load(folder: Path, calendar: Path) -> duckdb.DuckDBPyConnection:
    db = duckdb.connect()
    db.execute("SET TimeZone = 'Europe/London'")
    for name in FILES:
        types = TYPES.get(name)
        extra = (
            f", auto_detect=true, sample_size=-1, types={types!r}"
            if types
            else (", auto_detect=true, sample_size=-1")
        )
        if name == "transactions":
            extra = f", auto_detect=false, columns={LEDGER_COLUMNS!r}"
        path = calendar if name == "calendar" else folder / f"{name}.csv"
        db.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header=true, {extra[2:]})"
        )
    db.execute(
        "ALTER TABLE repairs ALTER reported_at TYPE TIMESTAMPTZ; "
        "ALTER TABLE repairs ALTER completed_at TYPE TIMESTAMPTZ; "
        "ALTER TABLE visits ALTER visited_at TYPE TIMESTAMPTZ"
    )
    db.execute(SETUP)
    return db


def measures(folder: Path, calendar: Path, start: date, end: date) -> dict[str, tuple[Any, Any]]:
    db = load(folder, calendar)
    db.execute(
        "CREATE TEMP TABLE done AS SELECT * FROM repairs WHERE status = 'completed' "
        "AND CAST(completed_at AS DATE) BETWEEN $from AND $to",
        {"from": start, "to": end},
    )
    found = {}
    for measure_id, sql in QUERIES.items():
        params = {k: v for k, v in {"from": start, "to": end}.items() if f"${k}" in sql}
        numerator, denominator = db.execute(sql, params).fetchone()  # type: ignore[misc]
        found[measure_id] = (_plain(numerator), _plain(denominator))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(round(value, 2)))
    return value
