"""The annual report for the AGM (PDF): performance against every standard and KPI with what
we are doing where we fall short, the Tenant Satisfaction Measures and how the survey was done,
the complaints annual report and self-assessment, building safety, and involvement."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hearth.complaints.report import annual_report_data
from hearth.core.models import Landlord
from hearth.involvement import queries as involvement
from hearth.performance import reporting, tsm_return
from hearth.performance.models import StandardNote
from hearth.performance.standards import sections


def context(year: int) -> dict[str, Any]:
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    found = reporting.dashboard_rows(start, end)
    notes = dict(StandardNote.objects.values_list("standard", "text"))
    complaints = annual_report_data(year)
    answered = [a for _r, a in complaints["self_assessment"] if a is not None]
    return {
        "landlord": Landlord.current(),
        "year": year,
        "start": start,
        "end": end,
        "report": found,
        "sections": [
            (
                section,
                notes.get(section.standard.key, ""),
                mark_safe(  # noqa: S308 - numbers and an escaped label only
                    reporting.section_chart_svg(section.measures, label=str(section.standard.title))
                ),
            )
            for section in sections(found["measures"])
        ],
        "tsm_rows": tsm_return.rows(start, end),
        "approach": tsm_return.approach(start, end),
        "complaints": complaints,
        "self_assessment_answered": len(answered),
        "self_assessment_total": len(complaints["self_assessment"]),
        "involvement": involvement.year_in_numbers(start, end),
        "title": _("Annual report %(first)s to %(last)s") % {"first": year, "last": year + 1},
    }


def pdf(year: int) -> bytes:
    from weasyprint import HTML

    html = render_to_string("performance/pdf/annual_report.html", context(year))
    return bytes(HTML(string=html).write_pdf())
