from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from hearth.accounts.tests.otp import sign_in_verified
from hearth.performance import annual_report, tsm_return
from hearth.repairs.models import CostLine
from hearth.repairs.tests.factories import london, make_repair


def test_the_tsm_return_and_the_annual_report_generate_for_the_demo_year(db):
    call_command("demo", "--homes", "300", "--today", "2026-11-26", stdout=StringIO())
    rows = list(csv.DictReader(io.StringIO(tsm_return.as_csv(date(2025, 4, 1), date(2026, 3, 31)))))
    tp01 = next(r for r in rows if r["tsm"] == "TP01")
    assert int(tp01["answers"]) > 50 and tp01["result"] and tp01["weighted_result"]
    assert float(tp01["response_rate"]) > 20
    approach = tsm_return.approach(date(2025, 4, 1), date(2026, 3, 31))
    assert approach.responses == int(tp01["answers"])
    pdf = annual_report.pdf(2025)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_value_for_money_shows_the_average_cost_of_a_repair_and_the_cost_per_home(client, manager):
    urgent = make_repair(
        reported_at=london(2025, 6, 2, 9),
        priority="urgent",
        status="completed",
        completed_at=london(2025, 6, 4, 15),
        trade="plumbing",
    )
    routine = make_repair(
        reported_at=london(2025, 6, 2, 9),
        priority="routine",
        status="completed",
        completed_at=london(2025, 6, 20, 15),
        trade="plumbing",
    )
    for repair, total in ((urgent, "120.00"), (urgent, "30.50"), (routine, "75.25")):
        CostLine.objects.create(
            repair=repair, description="Labour", unit_price=Decimal(total), total=Decimal(total)
        )
    sign_in_verified(client, manager)
    page = client.get(
        reverse("performance:value-for-money"),
        {
            "date_from_day": "1",
            "date_from_month": "4",
            "date_from_year": "2025",
            "date_to_day": "31",
            "date_to_month": "3",
            "date_to_year": "2026",
        },
    ).content.decode()
    # 120.00 + 30.50 + 75.25 = 225.75 over 2 repairs = 112.875, to the penny 112.88; 2 homes
    # (each repair made its own home): 112.88 a home.
    assert "£225.75" in page
    assert "£112.88" in page.split("data-average>")[1].split("</dd>")[0]
    assert "£112.88" in page.split("data-per-home>")[1].split("</dd>")[0]
    assert "£150.50" in page  # the urgent repair's cost, in the priority table
