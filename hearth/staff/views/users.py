"""People who sign in: administrators add staff, change roles, deactivate and reactivate
accounts, reset two-factor and send links to set a password. The rules (nobody demotes or
deactivates themselves; the last administrator stays) live in the accounts services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import services
from hearth.accounts.forms import RoleForm, StaffMemberForm
from hearth.accounts.models import STAFF_ROLES, Role, User
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors, refusal
from hearth.core.paging import paginate
from hearth.core.permissions import Can
from hearth.core.timeline import events_for

PAGE_SIZE = 50
ALL_STAFF = ""


def _with_two_factor(users: QuerySet[User]) -> QuerySet[User]:
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return users.annotate(has_two_factor=Exists(confirmed))


@staff_view(Can.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    """Everyone who signs in, staff by default, filtered by role; deactivated accounts last."""
    role = request.GET.get("role", ALL_STAFF)
    if role not in Role.values:
        role = ALL_STAFF
    users = User.objects.filter(role=role) if role else User.objects.filter(role__in=STAFF_ROLES)
    users = _with_two_factor(users).select_related("person")
    page = paginate(
        request, users.order_by("-is_active", "last_name", "first_name", "username"), PAGE_SIZE
    )
    counts = dict(User.objects.values_list("role").annotate(n=Count("pk")).order_by())
    filters = [
        {
            "value": ALL_STAFF,
            "label": _("All staff"),
            "count": sum(n for r, n in counts.items() if r in STAFF_ROLES),
            "current": not role,
        },
        *(
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "current": role == value,
            }
            for value, label in Role.choices
        ),
    ]
    return render(request, "staff/users.html", {"page": page, "filters": filters, "role": role})


@staff_view(Can.MANAGE_USERS)
def user_add(request: HttpRequest) -> HttpResponse:
    form = StaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_staff_member(actor=actor_of(request.user), **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s added. We have emailed %(email)s a link to choose a password.")
                % {"name": user.display_name, "email": user.email},
            )
            return redirect("staff:user", user.pk)
    return render(request, "staff/user_add.html", {"form": form})


def _user(pk: int) -> User:
    return get_object_or_404(_with_two_factor(User.objects.select_related("person")), pk=pk)


def _detail(request: HttpRequest, account: User, form: forms.Form | None = None) -> HttpResponse:
    return render(
        request,
        "staff/user.html",
        {
            "account": account,
            "is_me": account.pk == request.user.pk,
            "events": events_for(account),
            "form": form,
        },
    )


@staff_view(Can.MANAGE_USERS)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _user(pk))


@staff_view(Can.MANAGE_USERS)
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    account = _user(pk)
    form = RoleForm(request.POST or None, initial={"role": account.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(
                user=account, actor=actor_of(request.user), role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            account.refresh_from_db()
            messages.success(
                request,
                _("%(name)s is now: %(role)s.")
                % {"name": account.display_name, "role": account.get_role_display()},
            )
            return redirect("staff:user", account.pk)
    return render(request, "staff/user_role.html", {"account": account, "form": form})


def _confirm(
    request: HttpRequest, pk: int, *, action: Any, template: str, done: str
) -> HttpResponse:
    """A confirmation page whose POST runs `action(user=..., actor=...)`; a refusal from the
    service is shown in the error summary."""
    account = _user(pk)
    form: forms.Form | None = None
    if request.method == "POST":
        try:
            action(user=account, actor=actor_of(request.user))
        except ValidationError as error:
            form = refusal(error)
        else:
            messages.success(request, done % {"name": account.display_name})
            return redirect("staff:user", account.pk)
    return render(request, template, {"account": account, "form": form})


@staff_view(Can.MANAGE_USERS)
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        action=services.deactivate_user,
        template="staff/user_deactivate.html",
        done=_("%(name)s can no longer sign in."),
    )


@staff_view(Can.MANAGE_USERS)
def user_reset_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        action=services.reset_two_factor,
        template="staff/user_reset_two_factor.html",
        done=_("%(name)s will set up two-factor authentication again when they next sign in."),
    )


def _post_action(request: HttpRequest, pk: int, *, action: Any, done: str) -> HttpResponse:
    account = _user(pk)
    try:
        action(user=account, actor=actor_of(request.user))
    except ValidationError as error:
        # The buttons show only when the action is allowed; if the account changed meanwhile,
        # the account's page explains the refusal in its error summary.
        return _detail(request, account, refusal(error))
    messages.success(request, done % {"name": account.display_name, "email": account.email})
    return redirect("staff:user", account.pk)


@staff_view(Can.MANAGE_USERS)
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        action=services.reactivate_user,
        done=_("%(name)s can sign in again."),
    )


@staff_view(Can.MANAGE_USERS)
@require_POST
def user_send_link(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        action=services.send_set_password_link,
        done=_("We have emailed %(email)s a new link to choose a password."),
    )
