from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from hearth.core.navigation import landing_url, nav_for

register = template.Library()


@register.inclusion_tag("includes/service_navigation.html", takes_context=True)
def staff_navigation(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    return {
        "service_name": _("Staff area"),
        "service_url": landing_url(request.user),
        "items": nav_for(request.user, match.view_name if match else None),
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def preference_of(person: Any) -> Any:
    """The person's ContactPreference, or None if they have not got one."""
    return getattr(person, "contact_preference", None)


@register.filter
def needs_of(needs: dict[int, list[Any]] | None, person_id: int) -> list[Any]:
    return (needs or {}).get(person_id, [])


@register.simple_tag(takes_context=True)
def staff_home_url(context: template.Context) -> str:
    """Where the header's home link goes for the signed-in person (`landing_url`)."""
    return landing_url(context["request"].user)
