"""Staff log a repair reported by phone, letter, email or in person, on the resident's behalf."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.permissions import Can
from hearth.estates.models import Block, Home
from hearth.repairs import services
from hearth.repairs.forms import LogRepairForm
from hearth.tenancies.models import Tenancy


@staff_view(Can.LOG_REPAIRS)
def log_repair(request: HttpRequest) -> HttpResponse:
    initial = {"home_ref": request.GET.get("home", ""), "channel": "phone"}
    form = LogRepairForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        home = block = tenancy = None
        if data["home_ref"]:
            home = Home.objects.select_related("block").filter(ref=data["home_ref"].strip()).first()
            if home is None:
                form.add_error("home_ref", _("There is no home with that reference"))
            else:
                tenancy = Tenancy.objects.filter(home=home).current_on(timezone.localdate()).first()
        else:
            block = Block.objects.filter(ref=data["block_ref"].strip()).first()
            if block is None:
                form.add_error("block_ref", _("There is no block with that reference"))
        if not form.errors:
            try:
                repair = services.raise_repair(
                    actor=actor_of(request.user),
                    home=home,
                    block=block,
                    tenancy=tenancy,
                    reporter=tenancy.lead_tenant if tenancy else None,
                    description=data["description"],
                    channel=data["channel"],
                    catalogue_item=data["catalogue_item"],
                    location=data["location"],
                    priority=data["priority"] or None,
                    trade=data["trade"],
                    damp_or_mould=data["damp_or_mould"] or None,
                    emergency_hazard=data["emergency_hazard"],
                    hazard=data["hazard"],
                    rechargeable=data["rechargeable"],
                    access_notes=data["access_notes"],
                )
            except ValidationError as error:
                apply_service_errors(form, error, rename={"home": "home_ref", "block": "block_ref"})
            else:
                messages.success(
                    request,
                    _("Repair %(ref)s logged. Offer the resident an appointment now.")
                    % {"ref": repair.ref},
                )
                return redirect("repairs:book", ref=repair.ref)
    return render(request, "repairs/staff/log.html", {"form": form})
