"""The compliance dashboard, its drill-down to every home or block behind each number, the
exports (CSV and Excel), the next 90 days' checks with a calendar file for contractors, and the
survey plan."""

from __future__ import annotations

import io
import itertools
from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from icalendar import Calendar, Event
from openpyxl import Workbook

from hearth.core.access import staff_view
from hearth.core.downloads import csv_download, csv_lines
from hearth.core.paging import paginate
from hearth.safety import queries
from hearth.safety.forms import FilterForm
from hearth.safety.permissions import SafetyCan

STATE_TITLES = {
    "in_scope": "In scope",
    "in_date": "In date",
    "overdue": "Overdue",
    "due_soon": "Due in the next 30 days",
    "no_access": "No access",
}
HEADERS = ["Reference", "Address or block", "Estate", "Block", "Next due", "State"]


def _filters(request: HttpRequest) -> tuple[FilterForm, Any, Any]:
    form = FilterForm(request.GET or None)
    if form.is_valid():
        estate, block = form.cleaned_data["estate"], form.cleaned_data["block"]
        return form, estate.pk if estate else None, block.pk if block else None
    return FilterForm(), None, None


@staff_view(SafetyCan.VIEW_SAFETY)
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form, estate, block = _filters(request)
    return render(
        request,
        "safety/staff/dashboard.html",
        {
            "rows": queries.dashboard(on=today, estate=estate, block=block),
            "ageing": queries.actions_ageing(on=today),
            "filters": form,
            "query": request.GET.urlencode(),
            "today": today,
        },
    )


def _line(check_type: Any, row: Any) -> list[Any]:
    if check_type.applies_to == "home":
        return [row.ref, row.address, row.block.estate.name, row.block.name, row.due,
                queries.STATE_LABELS[row.state]]  # fmt: skip
    return [row.ref, row.name, row.estate.name, row.name, row.due, queries.STATE_LABELS[row.state]]


@staff_view(SafetyCan.VIEW_SAFETY)
def drilldown(request: HttpRequest, code: str) -> HttpResponseBase:
    check_type = queries.get_check_type(code)
    today = timezone.localdate()
    state = request.GET.get("state", "in_scope")
    if state not in queries.FILTERS:
        state = "in_scope"
    form, estate, block = _filters(request)
    rows = queries.drilldown(check_type, on=today, state=state, estate=estate, block=block)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return _export(export, f"{code}-{state}-{today.isoformat()}", check_type, rows)
    return render(
        request,
        "safety/staff/drilldown.html",
        {
            "check_type": check_type,
            "state": state,
            "state_title": STATE_TITLES[state],
            "states": STATE_TITLES,
            "page": paginate(request, rows, 50),
            "filters": form,
            "labels": queries.STATE_LABELS,
            "colours": queries.STATE_COLOURS,
            "query": request.GET.urlencode(),
        },
    )


def _export(kind: str, name: str, check_type: Any, rows: Any) -> HttpResponseBase:
    lines = (_line(check_type, row) for row in rows.iterator(chunk_size=2000))
    if kind == "csv":
        cells = ([v.isoformat() if isinstance(v, date) else v for v in line] for line in lines)
        return csv_download(csv_lines(itertools.chain([HEADERS], cells)), f"{name}.csv")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(check_type.name[:31])
    sheet.append(HEADERS)
    for line in lines:
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@staff_view(SafetyCan.VIEW_SAFETY)
def upcoming(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = queries.upcoming(on=today)
    if request.GET.get("format") == "ics":
        return _calendar(items, today)
    return render(
        request,
        "safety/staff/upcoming.html",
        {"items": items, "today": today, "until": today + timedelta(days=90)},
    )


def _calendar(items: list[dict[str, Any]], today: date) -> HttpResponse:
    """One all-day event per check falling due, for a contractor's calendar."""
    cal = Calendar()
    cal.add("prodid", "-//Hearth//Building safety checks//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Safety checks due")
    stamp = timezone.now()
    for item in items:
        place = item["place"]
        check_type = item["type"]
        event = Event()
        event.add("uid", f"{check_type.code}-{place.ref}-{item['due'].isoformat()}@hearth")
        event.add("dtstamp", stamp)
        event.add("dtstart", item["due"])
        event.add("dtend", item["due"] + timedelta(days=1))
        event.add("summary", f"{check_type.name} due: {place}")
        event.add("location", getattr(place, "address", "") or str(place))
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="safety-checks-{today.isoformat()}.ics"'
    )
    return response


@staff_view(SafetyCan.VIEW_SAFETY)
def survey_plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "safety/staff/survey_plan.html",
        {"page": paginate(request, queries.homes_needing_survey(on=today), 50), "today": today},
    )
