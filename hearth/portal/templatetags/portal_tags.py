from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

# (label, URL name, the view names it covers); shown to signed-in residents.
_RESIDENT_ITEMS = (
    (gettext_lazy("Your home"), "portal:your-home", ("portal:your-home",)),
    (gettext_lazy("Your rent"), "rents_portal:account", ("rents_portal:",)),
    (gettext_lazy("Your repairs"), "repairs_portal:list", ("repairs_portal:",)),
    (
        gettext_lazy("Your contact details"),
        "portal:your-details",
        ("portal:your-details", "portal:change-"),
    ),
    (gettext_lazy("Your complaints"), "complaints_portal:list", ("complaints_portal:",)),
    (gettext_lazy("Your requests"), "portal:your-requests", ("portal:your-requests",)),
)


@register.inclusion_tag("includes/service_navigation.html", takes_context=True)
def portal_navigation(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    view_name = (match.view_name if match else "") or ""
    items: list[dict[str, Any]] = []
    if user is not None and user.is_authenticated and getattr(user, "is_resident", False):
        for label, url_name, covers in _RESIDENT_ITEMS:
            items.append(
                {
                    "label": label,
                    "href": reverse(url_name),
                    "active": view_name.startswith(covers),
                    "current": view_name == url_name,
                }
            )
    elif user is not None and user.is_authenticated and getattr(user, "is_staff_member", False):
        items.append({"label": _("Staff area"), "href": reverse("staff:my-work")})
    elif user is not None and not user.is_authenticated:
        items.append(
            {
                "label": _("Sign in"),
                "href": reverse("accounts:sign-in"),
                "active": view_name == "accounts:sign-in",
                "current": view_name == "accounts:sign-in",
            }
        )
    return {
        "service_name": _("Resident services"),
        "service_url": reverse("portal:home"),
        "items": items,
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }
