"""The landlord's own settings: name, contact details, opening hours and measure targets."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.core import services
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.models import Landlord
from hearth.core.permissions import Can
from hearth.core.timeline import events_for
from hearth.staff.forms import LandlordSettingsForm

RECENT_CHANGES = 20


@staff_view(Can.MANAGE_SETTINGS)
def landlord_settings(request: HttpRequest) -> HttpResponse:
    landlord = Landlord.current()
    form = LandlordSettingsForm(request.POST or None, landlord=landlord)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_landlord_settings(
                actor=actor_of(request.user), targets=form.targets(), **form.settings()
            )
        except ValidationError as error:
            apply_service_errors(form, error, rename=form.target_names)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("staff:settings")
    recent = list(events_for(landlord).order_by("-occurred_at", "-pk")[:RECENT_CHANGES])
    return render(
        request,
        "staff/settings.html",
        {"form": form, "events": recent[::-1]},
    )
