"""The landlord's own complaint categories: an import keeps any category text, and staff map
each one, once, to a Hearth category for learning and reports."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.complaints.models import Category, CategoryMapping, Complaint
from hearth.core import timeline
from hearth.core.casework import Actor, actor_of


def hearth_category(text: str, mappings: dict[str, str]) -> tuple[str, str]:
    """(Hearth category, landlord's words) for a category cell: Hearth's own values are kept
    as they are; any other text is kept as the landlord's words and counts as its mapping, or
    as "other" until someone maps it."""
    if text in Category.values:
        return text, ""
    return mappings.get(text) or Category.OTHER, text


def mappings_for(texts: Iterable[str]) -> dict[str, str]:
    """The Hearth category each of these landlord categories is mapped to (mapped ones only)."""
    wanted = sorted({t for t in texts if t and t not in Category.values})
    return dict(
        CategoryMapping.objects.filter(landlord_category__in=wanted)
        .exclude(category="")
        .values_list("landlord_category", "category")
    )


def note_landlord_categories(texts: Iterable[str]) -> int:
    """List new landlord categories for an administrator to map; returns how many were new."""
    wanted = {t for t in texts if t and t not in Category.values}
    known = set(
        CategoryMapping.objects.filter(landlord_category__in=sorted(wanted)).values_list(
            "landlord_category", flat=True
        )
    )
    new = [CategoryMapping(landlord_category=text) for text in sorted(wanted - known)]
    CategoryMapping.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def map_category(*, landlord_category: str, category: str, actor: Actor) -> int:
    """Map a landlord's category to a Hearth one; every complaint filed under it follows.
    Returns how many complaints changed category."""
    if category not in Category.values:
        raise ValidationError({"category": "Choose a Hearth category"})
    mapping = CategoryMapping.objects.select_for_update().get(landlord_category=landlord_category)
    if mapping.category == category:
        return 0
    mapping.category = category
    mapping.mapped_at = timezone.now()
    mapping.mapped_by = actor_of(actor)
    mapping.save()
    moved = list(
        Complaint.objects.select_for_update()
        .filter(landlord_category=landlord_category)
        .exclude(category=category)
    )
    Complaint.objects.filter(pk__in=[c.pk for c in moved]).update(category=category)
    label = Category(category).label
    timeline.record_many(
        timeline.Event(
            case=complaint,
            verb="categorised",
            summary=f"Category “{landlord_category}” counted as {label}",
            actor=actor,
        )
        for complaint in moved
    )
    return len(moved)
