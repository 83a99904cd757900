"""The rent review's staff pages: the reviews, one review (proposals, exceptions,
adjustments, approval, its timeline), service charge changes, the notices dashboard, the
exports, and a home's rent setting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.core import formats
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.downloads import csv_download
from hearth.core.paging import paginate
from hearth.core.permissions import can
from hearth.core.timeline import events_for
from hearth.estates.models import Home
from hearth.rents import forms_review, review_reports
from hearth.rents import rules_rent_standard as rs
from hearth.rents.capabilities import RentReviewCan
from hearth.rents.charges import RateBook
from hearth.rents.models import (
    HomeRentSetting,
    NoticeStatus,
    RentReview,
    RentReviewLine,
    ReviewNotice,
    ReviewStatus,
)
from hearth.rents.services import review as reviews
from hearth.rents.tasks import send_review_notices
from hearth.rents.views.forms_page import form_page
from hearth.rents.weeks import rent_year_of

VIEW = RentReviewCan.VIEW_RENT_REVIEW
RUN = RentReviewCan.RUN_RENT_REVIEW
APPROVE = RentReviewCan.APPROVE_RENT_REVIEW


def _review(ref: str) -> RentReview:
    return get_object_or_404(RentReview, ref=ref)


@staff_view(VIEW)
def review_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "rents/staff/review/list.html",
        {"reviews": RentReview.objects.select_related("created_by", "approved_by"),
         "can_run": can(request.user, RUN), "current": "review"},
    )  # fmt: skip


@staff_view(RUN)
def review_new(request: HttpRequest) -> HttpResponse:
    next_year = rent_year_of(timezone.localdate()) + 1
    created: dict[str, RentReview] = {}

    def run(data: dict[str, Any]) -> str:
        created["review"] = reviews.create_review(
            rent_year=data["rent_year"], september_cpi=data["september_cpi"],
            effective_from=data.get("effective_from"), actor=actor_of(request.user),
        )  # fmt: skip
        return _("Review started. Hearth has proposed every home's rent.")

    response = form_page(
        request, form_class=forms_review.ReviewForm, run=run, done_url=reverse("rents:reviews"),
        title=_("Start next year's rent review"), submit=_("Start the review"),
        intro=[_("Hearth proposes each home's new rent within the Rent Standard: CPI + 1%, convergence towards formula rent, and the rent caps. You can change service charges and adjust rents before a second manager approves.")],
        initial={"rent_year": next_year},
    )  # fmt: skip
    if "review" in created:
        return redirect("rents:review", ref=created["review"].ref)
    return response


@staff_view(VIEW)
def review(request: HttpRequest, ref: str) -> HttpResponse:
    found = _review(ref)
    lines = found.lines.select_related("home", "tenancy", "adjusted_by").order_by("home__ref")
    show = request.GET.get("show", "")
    if show == "exceptions":
        lines = lines.exclude(exceptions=[])
    elif show == "adjusted":
        lines = lines.filter(adjusted_at__isnull=False)
    user = request.user
    return render(
        request,
        "rents/staff/review/review.html",
        {
            "review": found,
            "totals": review_reports.totals(found),
            "page": paginate(request, lines, 50),
            "show": show,
            "labels": {str(k): v for k, v in rs.EXCEPTION_LABELS.items()},
            "changes": found.service_charge_changes.select_related("block", "item", "item__block"),
            "events": events_for(found),
            "can_run": can(user, RUN) and found.status == ReviewStatus.DRAFT,
            "can_approve": can(user, APPROVE) and found.status == ReviewStatus.SUBMITTED,
            "can_send": can(user, RUN) and found.status == ReviewStatus.APPROVED,
            "dashboard": review_reports.notice_dashboard(found),
            "current": "review",
        },
    )


def _act(request: HttpRequest, found: RentReview, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("rents:review", ref=found.ref)


@staff_view(RUN)
@require_POST
def review_submit(request: HttpRequest, ref: str) -> HttpResponse:
    found = _review(ref)
    return _act(request, found, lambda: reviews.submit_review(review=found, actor=actor_of(request.user)),
                _("Sent for approval. Another manager must approve it."))  # fmt: skip


@staff_view(APPROVE)
@require_POST
def review_approve(request: HttpRequest, ref: str) -> HttpResponse:
    found = _review(ref)
    return _act(request, found, lambda: reviews.approve_review(review=found, actor=actor_of(request.user)),
                _("Review approved. Send the notices of variation next."))  # fmt: skip


@staff_view(RUN)
@require_POST
def review_send(request: HttpRequest, ref: str) -> HttpResponse:
    """Queue the notices to be sent in the background (thousands of letters and emails take
    longer than a page should), then show the notices dashboard filling up."""
    found = _review(ref)
    if found.status != ReviewStatus.APPROVED:
        messages.error(request, _("Only an approved review's notices can be sent."))
        return redirect("rents:review", ref=found.ref)
    send_review_notices.enqueue(found.pk, request.user.pk)
    messages.success(
        request,
        _("Sending the notices of variation. Refresh this page to see them go out."),
    )
    return redirect("rents:review-notices", ref=found.ref)


@staff_view(APPROVE)
def review_return(request: HttpRequest, ref: str) -> HttpResponse:
    found = _review(ref)

    def run(data: dict[str, Any]) -> str:
        reviews.return_review(review=found, reason=data["reason"], actor=actor_of(request.user))
        return _("The review has been sent back to be changed.")

    return form_page(request, form_class=forms_review.ReturnForm, run=run,
                     done_url=reverse("rents:review", args=[found.ref]), title=_("Send the review back"),
                     caption=str(found), submit=_("Send back"))  # fmt: skip


@staff_view(RUN)
def review_service_charge(request: HttpRequest, ref: str) -> HttpResponse:
    found = _review(ref)

    def run(data: dict[str, Any]) -> str:
        reviews.add_service_charge_change(
            review=found, new_weekly_amount=data["new_weekly_amount"], reason=data["reason"],
            item=data["item"] if data["what"] == "item" else None,
            block=data["block"] if data["what"] == "block" else None,
            actor=actor_of(request.user),
        )  # fmt: skip
        return _("Service charge changed. Every home's proposal has been worked out again.")

    return form_page(request, form_class=forms_review.ServiceChargeChangeForm, run=run,
                     done_url=reverse("rents:review", args=[found.ref]), title=_("Change a service charge"),
                     caption=str(found), submit=_("Save the change"),
                     intro=[_("Service charges are outside the limit on rent increases, but must be no more than what the service costs.")])  # fmt: skip


@staff_view(RUN)
def review_adjust(request: HttpRequest, ref: str, home_ref: str) -> HttpResponse:
    found = _review(ref)
    line = get_object_or_404(
        RentReviewLine.objects.select_related("home"), review=found, home__ref=home_ref
    )

    def run(data: dict[str, Any]) -> str:
        reviews.adjust_rent(
            line=line,
            new_rent=data["new_rent"],
            reason=data["reason"],
            actor=actor_of(request.user),
        )
        return _("Rent adjusted for %(home)s.") % {"home": line.home.address}

    intro = [_("Now %(now)s a week. Hearth proposed %(proposed)s. The most the Rent Standard allows is %(max)s.")
             % {"now": formats.money(line.current_rent), "proposed": formats.money(line.proposed_rent), "max": formats.money(line.maximum_rent)}]  # fmt: skip
    return form_page(request, form_class=forms_review.AdjustForm, run=run,
                     done_url=reverse("rents:review", args=[found.ref]), title=_("Adjust the rent"),
                     caption=f"{line.home.address} ({line.home.ref})", submit=_("Save the rent"), intro=intro,
                     initial={"new_rent": line.new_rent})  # fmt: skip


@staff_view(VIEW)
def review_notices(request: HttpRequest, ref: str) -> HttpResponse:
    found = _review(ref)
    return render(
        request,
        "rents/staff/review/notices.html",
        {"review": found, "dashboard": review_reports.notice_dashboard(found),
         "sent": paginate(request, found.notices.filter(status=NoticeStatus.SENT)
                          .select_related("tenancy", "line__home").order_by("tenancy__ref"), 50),
         "can_run": can(request.user, RUN) and found.status == ReviewStatus.APPROVED,
         "to_send": reviews.notices_to_send(found) if found.status == ReviewStatus.APPROVED else 0,
         "current": "review"},
    )  # fmt: skip


@staff_view(RUN)
def review_hand_delivery(request: HttpRequest, ref: str, notice_id: int) -> HttpResponse:
    found = _review(ref)
    notice = get_object_or_404(
        ReviewNotice.objects.select_related("tenancy"), review=found, pk=notice_id
    )

    def run(data: dict[str, Any]) -> str:
        reviews.record_hand_delivery(
            notice=notice, delivered_on=data["delivered_on"], actor=actor_of(request.user)
        )
        return _("Hand delivery recorded.")

    return form_page(request, form_class=forms_review.HandDeliveryForm, run=run,
                     done_url=reverse("rents:review-notices", args=[found.ref]),
                     title=_("Record a notice delivered by hand"), caption=notice.tenancy.ref,
                     submit=_("Record delivery"),
                     intro=[_("The new rent takes effect only if the notice was delivered on or before %(date)s.")
                            % {"date": date_format(found.notice_deadline, "j F Y")}])  # fmt: skip


@staff_view(VIEW)
def review_csv(request: HttpRequest, ref: str) -> HttpResponseBase:
    found = _review(ref)
    return csv_download(review_reports.csv_lines(found), f"rent-review-{found.rent_year}.csv")


@staff_view(VIEW)
def review_xlsx(request: HttpRequest, ref: str) -> HttpResponse:
    found = _review(ref)
    response = HttpResponse(
        review_reports.as_xlsx(found),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="rent-review-{found.rent_year}.xlsx"'
    return response


@staff_view(RentReviewCan.SET_RENTS)
def rent_setting(request: HttpRequest, home_ref: str) -> HttpResponse:
    home = get_object_or_404(Home, ref=home_ref)
    setting = HomeRentSetting.objects.filter(home=home).first()
    form = forms_review.RentSettingForm(
        request.POST or None,
        initial={"rent_type": setting.rent_type if setting else "social",
                 "formula_rent": setting.formula_rent if setting else None,
                 "rent_cap": setting.rent_cap if setting else None},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reviews.set_rent_setting(home=home, rent_type=data["rent_type"], formula_rent=data["formula_rent"],
                                     rent_cap=data["rent_cap"], note=data["note"], actor=actor_of(request.user))  # fmt: skip
        except ValidationError as error:
            from hearth.core.forms import apply_service_errors

            apply_service_errors(form, error)
        else:
            messages.success(request, _("Rent setting saved."))
            return redirect("rents:rent-setting", home_ref=home.ref)
    today = timezone.localdate()
    rent, service = RateBook.load([home.pk]).rates_on(home.pk, today)
    history = (
        setting.history.select_related("history_user").order_by("-history_date")[:20]
        if setting
        else []
    )
    return render(
        request,
        "rents/staff/review/rent_setting.html",
        {"home": home, "form": form, "setting": setting, "history": history, "rent": rent,
         "service": service, "today": today, "current": "review",
         "rates": home.charge_rates.order_by("-effective_from")[:10]},
    )  # fmt: skip
