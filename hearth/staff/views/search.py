from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core.access import staff_view
from hearth.core.paging import paginate
from hearth.core.permissions import Can
from hearth.staff.search import SearchResults, clean_query

PAGE_SIZE = 20


@staff_view(Can.VIEW_HOMES)
def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    results = SearchResults(query)
    page = paginate(request, results, PAGE_SIZE) if query else None
    return render(request, "staff/search.html", {"query": query, "page": page})
