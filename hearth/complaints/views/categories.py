"""Settings: the landlord's own complaint categories (from imports), each mapped once to a
Hearth category for learning and reports. Unmapped ones are listed first."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.complaints import services
from hearth.complaints.forms import CategoryMappingForm
from hearth.complaints.models import CategoryMapping, Complaint
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.permissions import Can


@staff_view(Can.MANAGE_SETTINGS)
def categories(request: HttpRequest) -> HttpResponse:
    counts = (
        Complaint.objects.filter(landlord_category=OuterRef("landlord_category"))
        .values("landlord_category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mappings = list(
        CategoryMapping.objects.annotate(complaints=Coalesce(Subquery(counts), Value(0))).order_by(
            "-category", "landlord_category"
        )
    )
    mappings.sort(key=lambda m: (m.category != "", m.landlord_category))
    listed = [(m.landlord_category, m.category) for m in mappings]
    form = CategoryMappingForm(request.POST or None, landlord_categories=listed)
    if request.method == "POST" and form.is_valid():
        moved = 0
        try:
            for text, category in form.chosen():
                moved += services.map_category(
                    landlord_category=text, category=category, actor=actor_of(request.user)
                )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Categories saved. %(n)d complaints moved category.") % {"n": moved}
            )
            return redirect("complaints:categories")
    rows = list(zip(mappings, [form[f"category_{i}"] for i in range(len(mappings))], strict=True))
    unmapped = sum(1 for m in mappings if not m.category)
    return render(
        request,
        "complaints/categories.html",
        {"form": form, "rows": rows, "unmapped": unmapped},
    )
