"""Payment files, the suspense queue and returned direct debits."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import formats
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.paging import paginate
from hearth.core.permissions import Can
from hearth.rents import forms as rent_forms
from hearth.rents.models import (
    DirectDebitReturn,
    PostingBatch,
    RentAccount,
    Source,
    SuspenseItem,
    SuspenseStatus,
)
from hearth.rents.payment_files import FORMATS
from hearth.rents.services.accounts import normalise_reference
from hearth.rents.services.payments import PaymentFileRejected, import_payments
from hearth.rents.services.suspense import allocate_suspense, follow_up_return, refund_suspense
from hearth.rents.views.forms_page import form_page

# Uploads larger than this are refused before reading (a year of bank statement lines fits).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FILE_SOURCES = [f.source for f in FORMATS.values()]


@staff_view(Can.MANAGE_RENT)
def imports(request: HttpRequest) -> HttpResponse:
    """Upload a payment file; all or nothing, every problem listed."""
    problems: list[Any] = []
    form = rent_forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The selected file must be smaller than 20 MB"))
        else:
            try:
                report = import_payments(
                    kind=form.cleaned_data["kind"],
                    data=upload.read(),
                    filename=upload.name,
                    actor=actor_of(request.user),
                )
            except PaymentFileRejected as rejected:
                problems = rejected.problems
                form.add_error(
                    "file",
                    _(
                        "The file has %(n)s problems, so nothing was imported. Correct them and upload it again."
                    )
                    % {"n": len(problems)},
                )
            else:
                messages.success(request, str(report))
                return redirect("rents:imports")
    batches = PostingBatch.objects.filter(source__in=FILE_SOURCES).select_related("created_by")
    return render(
        request,
        "rents/staff/imports.html",
        {
            "form": form,
            "problems": problems[:200],
            "more_problems": max(len(problems) - 200, 0),
            "page": paginate(request, batches, 20),
            "formats": FORMATS.values(),
        },
    )


@staff_view(Can.MANAGE_RENT)
def suspense(request: HttpRequest) -> HttpResponse:
    items = SuspenseItem.objects.filter(status=SuspenseStatus.OPEN).order_by("received_on", "pk")
    return render(request, "rents/staff/suspense.html", {"page": paginate(request, items, 25)})


def _find_account(reference: str) -> RentAccount | None:
    wanted = normalise_reference(reference)
    return (
        RentAccount.objects.filter(payment_reference=wanted).first()
        or RentAccount.objects.filter(tenancy__ref=reference.strip()).first()
    )


@staff_view(Can.MANAGE_RENT)
def suspense_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SuspenseItem, pk=pk)
    if item.status != SuspenseStatus.OPEN:
        raise Http404("Not found")

    def run(data: dict[str, Any]) -> str:
        found = _find_account(data["reference"])
        if found is None:
            raise ValidationError(
                {"reference": _("No rent account has that payment or tenancy reference")}
            )
        allocate_suspense(item=item, account=found, note=data["note"], actor=actor_of(request.user))
        return _("%(amount)s allocated to %(ref)s.") % {
            "amount": formats.money(abs(item.amount)),
            "ref": found.payment_reference,
        }

    intro = [
        _("Received %(date)s from %(payer)s: %(amount)s (%(source)s).") % {"date": formats.day(item.received_on), "payer": item.payer_name or _("an unknown payer"), "amount": formats.money(abs(item.amount)), "source": Source(item.source).label},
        _("Their reference: %(ref)s. Why it is here: %(reason)s.") % {"ref": item.payer_reference or _("none"), "reason": item.reason},
    ]  # fmt: skip
    return form_page(request, form_class=rent_forms.AllocateForm, run=run, done_url=reverse("rents:suspense"), title=_("Allocate a payment"), submit=_("Allocate payment"), intro=intro,
                     caption=_("Suspense"))  # fmt: skip


@staff_view(Can.MANAGE_RENT)
def suspense_refund(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SuspenseItem, pk=pk, status=SuspenseStatus.OPEN)

    def run(data: dict[str, Any]) -> str:
        refund_suspense(item=item, note=data["note"], actor=actor_of(request.user))
        return _("Marked as sent back to the payer.")

    return form_page(
        request,
        form_class=rent_forms.RefundForm,
        run=run,
        done_url=reverse("rents:suspense"),
        title=_("Send a payment back"),
        submit=_("Mark as sent back"),
        caption=_("Suspense"),
    )


@staff_view(Can.MANAGE_RENT)
def returns(request: HttpRequest) -> HttpResponse:
    waiting = (
        DirectDebitReturn.objects.filter(followed_up_at__isnull=True)
        .select_related("account__tenancy__home", "reversal")
        .order_by("returned_on", "pk")
    )
    if request.method == "POST":
        dd_return = get_object_or_404(DirectDebitReturn, pk=request.POST.get("return_id") or 0)
        follow_up_return(dd_return=dd_return, actor=actor_of(request.user))
        messages.success(request, _("Marked as followed up."))
        return redirect("rents:returns")
    return render(request, "rents/staff/returns.html", {"page": paginate(request, waiting, 25)})
