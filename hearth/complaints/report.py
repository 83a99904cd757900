"""The Code's annual complaints performance and service improvement report (Code 8.1) for a
financial year, as a PDF with charts.

Every performance number comes from `hearth.core.measures.report(...)` (the year's, and each
quarter's), so the report can never disagree with the measures page, the API or the TSM return;
the breakdowns (by category, outcome, root cause) are counted over the same records.
"""

from __future__ import annotations

import base64
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from hearth.complaints import queries
from hearth.complaints.letters import render_pdf
from hearth.complaints.models import (
    Category,
    Complaint,
    ComplaintResponse,
    Decision,
    ExclusionReason,
    Outcome,
    Remedy,
    RemedyKind,
    SelfAssessmentAnswer,
    Status,
)
from hearth.complaints.self_assessment import REQUIREMENTS
from hearth.core import measures

MEASURE_IDS = [
    "CH01.stage1",
    "CH01.stage2",
    "CH02.stage1",
    "CH02.stage2",
    "complaints.stage1_average_working_days",
    "complaints.acknowledged_on_time",
]


def year_bounds(year: int) -> tuple[date, date]:
    """1 April `year` to 31 March the next year (or today, for the year still running)."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    return start, min(end, max(start, timezone.localdate()))


def _month_start(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def _quarters(start: date, end: date) -> list[tuple[str, date, date]]:
    """The financial year's quarters up to `end` (the last one cut short at `end`)."""
    found = []
    for n in range(4):
        q_start = _month_start(start, 3 * n)
        if q_start > end:
            break
        q_end = _month_start(start, 3 * (n + 1)) - timedelta(days=1)
        found.append((f"Q{n + 1}", q_start, min(q_end, end)))
    return found


def annual_report_data(year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    report = measures.report(start, end, only=MEASURE_IDS)
    by_id = {m["id"]: m for m in report["measures"]}
    quarterly = [
        (label, {m["id"]: m for m in measures.report(q_start, q_end, only=MEASURE_IDS)["measures"]})
        for label, q_start, q_end in _quarters(start, end)
    ]
    counted = Complaint.objects.counted()
    categories = dict(Category.choices)
    by_category = [
        (str(categories.get(row["category"], row["category"])), row["stage1"], row["stage2"])
        for row in counted.values("category")
        .annotate(
            stage1=Count("pk", filter=Q(received_on__range=(start, end))),
            stage2=Count("pk", filter=Q(stage2_requested_on__range=(start, end))),
        )
        .filter(Q(stage1__gt=0) | Q(stage2__gt=0))
        .order_by("-stage1", "category")
    ]
    decisions = dict(Decision.choices)
    outcomes = {
        stage: [
            (str(decisions[row["decision"]]), row["n"])
            for row in ComplaintResponse.objects.filter(stage=stage, sent_on__range=(start, end))
            .exclude(complaint__status=Status.EXCLUDED)
            .values("decision")
            .annotate(n=Count("pk"))
            .order_by("decision")
        ]
        for stage in (1, 2)
    }
    withdrawn = counted.filter(outcome=Outcome.WITHDRAWN, withdrawn_on__range=(start, end)).count()
    reasons = dict(ExclusionReason.choices)
    exclusions = [
        (str(reasons.get(row["exclusion_reason"], row["exclusion_reason"])), row["n"])
        for row in Complaint.objects.filter(status=Status.EXCLUDED, excluded_on__range=(start, end))
        .values("exclusion_reason")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    compensation = Remedy.objects.filter(
        kind=RemedyKind.COMPENSATION, response__sent_on__range=(start, end)
    ).aggregate(total=Sum("amount"), count=Count("pk"))
    answers = {a.clause: a for a in SelfAssessmentAnswer.objects.filter(year=year)}
    return {
        "year": year,
        "label": f"{year}/{str(year + 1)[-2:]}",
        "start": start,
        "end": end,
        "homes": report["homes"],
        "measures": by_id,
        "measure_list": report["measures"],
        "quarterly": quarterly,
        "quarter_rows": [
            {
                "label": label,
                "stage1_received": m["CH01.stage1"]["numerator"],
                "stage2_requested": m["CH01.stage2"]["numerator"],
                "stage1_on_time": m["CH02.stage1"]["value"],
                "stage2_on_time": m["CH02.stage2"]["value"],
            }
            for label, m in quarterly
        ],
        "by_category": by_category,
        "outcomes": outcomes,
        "withdrawn": withdrawn,
        "exclusions": exclusions,
        "compensation_total": compensation["total"] or Decimal("0.00"),
        "compensation_count": compensation["count"],
        "themes": queries.themes_by_quarter(start, end),
        "improvements": queries.improvement_summary(start, end)[:20],
        "self_assessment": [(r, answers.get(r.clause)) for r in REQUIREMENTS],
    }


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue().encode()).decode()


def charts(data: dict[str, Any]) -> dict[str, str]:
    """Two charts: complaints by category and stage; on-time responses by quarter."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none"}
    )
    made: dict[str, str] = {}
    rows = data["by_category"][::-1]
    figure = Figure(figsize=(6.5, max(1.8, 0.35 * len(rows) + 0.8)))
    axes = figure.subplots()
    labels = [row[0] for row in rows]
    axes.barh(labels, [row[1] for row in rows], color="#1d70b8", label="Stage 1")
    axes.barh(labels, [row[2] for row in rows], color="#f47738", label="Stage 2", height=0.4)
    axes.set_xlabel("Complaints")
    axes.legend(loc="lower right", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    made["by_category"] = _svg(figure)

    quarters = data["quarterly"]
    figure = Figure(figsize=(6.5, 2.6))
    axes = figure.subplots()
    names = [label for label, _m in quarters]
    for stage, colour, offset in ((1, "#1d70b8", -0.2), (2, "#f47738", 0.2)):
        values = [m[f"CH02.stage{stage}"]["value"] or 0 for _label, m in quarters]
        positions = [i + offset for i in range(len(names))]
        axes.bar(positions, values, width=0.4, color=colour, label=f"Stage {stage}")
    axes.set_xticks(range(len(names)), names)
    axes.set_ylim(0, 100)
    axes.set_ylabel("% answered on time")
    axes.axhline(100, color="#505a5f", linewidth=0.8, linestyle="--")
    axes.legend(loc="lower right", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    made["on_time"] = _svg(figure)
    return made


def annual_report_pdf(year: int) -> bytes:
    data = annual_report_data(year)
    return render_pdf("complaints/pdf/annual_report.html", {**data, "charts": charts(data)})
