"""Staff pages: the performance dashboard (any period, any estate or block), a measure's
monthly trend and the cases behind it, exports, the annual TSM return and the notes on the
public page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.measures import Period, Scope, definition, registry
from hearth.core.paging import paginate
from hearth.core.permissions import Can
from hearth.involvement import queries as involvement
from hearth.performance import reporting, services, tsm_return
from hearth.performance.forms import NoteForm, PeriodForm
from hearth.performance.models import StandardNote
from hearth.performance.permissions import CanPublish
from hearth.performance.standards import STANDARDS


def _period(request: HttpRequest) -> tuple[PeriodForm, date, date, Scope | None]:
    """The period and scope the page was asked for; this financial year to date by default."""
    today = timezone.localdate()
    start, end = reporting.financial_year_start(today), today
    scope: Scope | None = None
    form = PeriodForm(
        request.GET if "date_from_day" in request.GET else None,
        initial={"date_from": start, "date_to": end},
    )
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        block, estate = form.cleaned_data.get("block"), form.cleaned_data.get("estate")
        if block is not None:
            scope = Scope(estate_id=block.estate_id, block_id=block.pk)
        elif estate is not None:
            scope = Scope(estate_id=estate.pk)
    return form, start, end, scope


def _query(request: HttpRequest) -> str:
    return request.GET.urlencode()


@staff_view(Can.VIEW_MEASURES)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, start, end, scope = _period(request)
    found = reporting.dashboard_rows(start, end, scope)
    return render(
        request,
        "performance/staff/dashboard.html",
        {
            "form": form,
            "report": found,
            "start": start,
            "end": end,
            "scope": scope,
            "query": _query(request),
        },
    )


def _export(request: HttpRequest) -> tuple[list[list[Any]], str]:
    _form, start, end, scope = _period(request)
    found = reporting.dashboard_rows(start, end, scope)
    return reporting.export_rows(found), f"measures-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}"


@staff_view(Can.VIEW_MEASURES)
def export_csv(request: HttpRequest) -> HttpResponse:
    rows, name = _export(request)
    response = HttpResponse(reporting.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@staff_view(Can.VIEW_MEASURES)
def export_xlsx(request: HttpRequest) -> HttpResponse:
    rows, name = _export(request)
    response = HttpResponse(
        reporting.to_xlsx(rows, title=_("Measures")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@staff_view(Can.VIEW_MEASURES)
def measure(request: HttpRequest, measure_id: str) -> HttpResponse:
    """One measure: its monthly trend beside the same months last year, and the cases behind
    its numerator and denominator."""
    try:
        found = definition(measure_id)
    except KeyError:
        raise Http404("No such measure") from None
    form, start, end, scope = _period(request)
    points = reporting.trend(measure_id, start, end, scope)
    show = request.GET.get("show", "denominator")
    cases = registry.cases(measure_id, Period(start, end), scope)
    if cases is not None and show == "numerator":
        cases = [row for row in cases if row.counted]
    return render(
        request,
        "performance/staff/measure.html",
        {
            "measure": found,
            "form": form,
            "start": start,
            "end": end,
            "points": points,
            "chart": mark_safe(  # noqa: S308 - built from numbers and escaped labels only
                reporting.bar_chart_svg(points, title=found.title, unit=found.unit)
            ),
            "cases": None if cases is None else paginate(request, cases, 50),
            "case_count": None if cases is None else len(cases),
            "show": show,
            "query": _query(request),
            "scoped": scope is not None,
            "participation": involvement.participation(Period(start, end), scope)
            if involvement.is_survey_measure(measure_id)
            else None,
            "can_scope": registry.can_scope(measure_id),
        },
    )


@staff_view(Can.VIEW_MEASURES)
def tsm_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The TSM return for the reporting year starting 1 April `year`, in Hearth's own layout (the
    file name says so), with the weighted figures and response rate beside each."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    response = HttpResponse(tsm_return.as_csv(start, end), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="tsm-return-{year}-{year + 1}-hearth-layout.csv"'
    )
    return response


def _csv_download(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(Can.VIEW_MEASURES)
def tsm_regulator_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The TSM return for the reporting year starting 1 April `year` as the Regulator's
    published measure list sets it out (every TSM by theme, each part on its own row)."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    return _csv_download(
        tsm_return.as_regulator_csv(start, end), f"tsm-return-{year}-{year + 1}.csv"
    )


@staff_view(Can.VIEW_MEASURES)
def tsm_approach_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The summary of approach for the reporting year, item by item."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    return _csv_download(
        tsm_return.as_approach_csv(start, end),
        f"tsm-summary-of-approach-{year}-{year + 1}.csv",
    )


@staff_view(Can.VIEW_MEASURES)
def tsm(request: HttpRequest, year: int | None = None) -> HttpResponse:
    today = timezone.localdate()
    year = year or reporting.financial_year_start(today).year - 1
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    return render(
        request,
        "performance/staff/tsm.html",
        {
            "year": year,
            "start": start,
            "end": end,
            "rows": tsm_return.regulator_rows(start, end),
            "approach": tsm_return.approach(start, end),
            "approach_rows": tsm_return.approach_rows(start, end),
        },
    )


@staff_view(CanPublish.EDIT_PUBLISHED_PERFORMANCE)
def notes(request: HttpRequest) -> HttpResponseBase:
    existing = {n.standard: n for n in StandardNote.objects.all()}
    forms = {
        s.key: NoteForm(
            request.POST if request.method == "POST" else None,
            prefix=s.key,
            initial={"text": existing[s.key].text if s.key in existing else ""},
        )
        for s in STANDARDS
    }
    if request.method == "POST" and all(f.is_valid() for f in forms.values()):
        for key, form in forms.items():
            services.save_standard_note(
                standard=key, text=form.cleaned_data["text"], actor=actor_of(request.user)
            )
        messages.success(request, _("Public performance page updated"))
        return redirect("performance:notes")
    return render(
        request,
        "performance/staff/notes.html",
        {
            "sections": [(s, forms[s.key]) for s in STANDARDS],
            "forms": list(forms.values()),
        },
    )


@staff_view(Can.VIEW_MEASURES)
def annual_report(request: HttpRequest, year: int) -> HttpResponse:
    """The annual report for the AGM, for the reporting year starting 1 April `year`."""
    if not 2000 <= year <= reporting.financial_year_start(timezone.localdate()).year:
        raise Http404("Not found")
    from hearth.performance.annual_report import pdf

    response = HttpResponse(pdf(year), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="annual-report-{year}-{year + 1}.pdf"'
    return response


@staff_view(Can.VIEW_MEASURES)
def value_for_money(request: HttpRequest) -> HttpResponse:
    from hearth.performance.value_for_money import summary

    form, start, end, _scope = _period(request)
    return render(
        request,
        "performance/staff/value_for_money.html",
        {"form": form, "start": start, "end": end, **summary(start, end)},
    )
