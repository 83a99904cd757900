from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from hearth.core.permissions import Can, can

register = template.Library()

_PAGES = (
    ("complaints:queue", _("Work queue"), Can.LOG_COMPLAINTS),
    ("complaints:new", _("Log a complaint"), Can.LOG_COMPLAINTS),
    ("complaints:learning", _("Learning"), Can.LOG_COMPLAINTS),
    ("complaints:performance", _("Performance"), Can.VIEW_MEASURES),
    ("complaints:annual-report", _("Annual report"), Can.LOG_COMPLAINTS),
    ("complaints:self-assessment", _("Self-assessment"), Can.MANAGE_COMPLAINTS),
    ("complaints:categories", _("Imported categories"), Can.MANAGE_SETTINGS),
)


@register.inclusion_tag("complaints/staff/_subnav.html", takes_context=True)
def complaints_subnav(context: template.Context, current: str = "") -> dict[str, Any]:
    """Links between the complaints pages the signed-in officer may open."""
    user = context["request"].user
    return {
        "pages": [(name, label) for name, label, capability in _PAGES if can(user, capability)],
        "current": current,
    }
