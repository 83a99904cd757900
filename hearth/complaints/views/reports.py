"""Learning from complaints, the complaints measures, the annual report and response letters."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from hearth.complaints import letters, queries
from hearth.complaints.models import ComplaintResponse, financial_year_of
from hearth.complaints.report import MEASURE_IDS, annual_report_data, annual_report_pdf, year_bounds
from hearth.complaints.views._common import complaint_for
from hearth.core import measures
from hearth.core.access import staff_view
from hearth.core.forms import period_from
from hearth.core.permissions import Can


def _year(request: HttpRequest) -> int:
    this_year = financial_year_of(timezone.localdate())
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year else this_year


def _years() -> list[tuple[int, str]]:
    this_year = financial_year_of(timezone.localdate())
    return [(y, f"{y}/{str(y + 1)[-2:]}") for y in range(this_year, this_year - 5, -1)]


@staff_view(Can.LOG_COMPLAINTS)
def learning(request: HttpRequest) -> HttpResponse:
    """Themes by quarter (category and root cause) and the changes we made."""
    year = _year(request)
    start, end = year_bounds(year)
    return render(
        request,
        "complaints/staff/learning.html",
        {
            "year": year,
            "years": _years(),
            "start": start,
            "end": end,
            "themes": queries.themes_by_quarter(start, end),
            "improvements": queries.improvements(start, end).select_related("home")[:100],
        },
    )


@staff_view(Can.VIEW_MEASURES)
def performance(request: HttpRequest) -> HttpResponse:
    """The complaints measures for a period, from the measures registry."""
    start, end, form = period_from(
        request, default=year_bounds(financial_year_of(timezone.localdate()))
    )
    report = measures.report(start, end, only=MEASURE_IDS)
    return render(
        request,
        "complaints/staff/performance.html",
        {"report": report, "start": start, "end": end, "form": form},
    )


@staff_view(Can.LOG_COMPLAINTS)
def annual_report(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "complaints/staff/annual_report.html",
        {"data": annual_report_data(year), "year": year, "years": _years()},
    )


@staff_view(Can.LOG_COMPLAINTS)
def annual_report_download(request: HttpRequest, year: int) -> HttpResponse:
    if not 2000 <= year <= financial_year_of(timezone.localdate()):
        raise Http404("Not found")
    response = HttpResponse(annual_report_pdf(year), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="complaints-report-{year}-{str(year + 1)[-2:]}.pdf"'
    )
    return response


def letter_response(response: ComplaintResponse) -> HttpResponse:
    pdf = HttpResponse(letters.response_letter(response), content_type="application/pdf")
    name = f"{response.complaint.ref}-stage-{response.stage}-response.pdf"
    pdf["Content-Disposition"] = f'inline; filename="{name}"'
    return pdf


@staff_view(Can.LOG_COMPLAINTS)
def letter(request: HttpRequest, ref: str, stage: int) -> HttpResponse:
    complaint = complaint_for(request, ref)
    return letter_response(get_object_or_404(ComplaintResponse, complaint=complaint, stage=stage))
