"""Signing in and out, password reset by email, and two-factor authentication (TOTP) for the
roles that must use it. Pages use GOV.UK templates; emails are plain English."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.forms import NewPasswordForm, ResetPasswordForm, SignInForm, TwoFactorCodeForm
from hearth.core import timeline
from hearth.core.casework import actor_of
from hearth.core.models import Landlord
from hearth.core.navigation import landing_url
from hearth.core.ratelimits import limit_form, limit_value

DEVICE_NAME = "Authenticator app"


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, so a link or an image cannot sign anyone out)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@login_required
def after_sign_in(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is: staff to their role's landing page (My work,
    or an operative's jobs today), residents to their account."""
    user = request.user
    if user.needs_two_factor and not user.is_verified():  # type: ignore[union-attr]
        return redirect("accounts:two-factor")
    if user.is_staff_member:  # type: ignore[union-attr]
        return redirect(landing_url(user))
    return redirect("portal:home")


def _secret_text(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("code")
@login_required
def two_factor(request: HttpRequest) -> HttpResponseBase:
    """Ask for a code from the user's authenticator app; if they have none confirmed yet,
    first show them how to set one up (QR code and the secret as text), then confirm it."""
    user = request.user
    next_url = _safe_next(request)
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url or reverse("accounts:after-sign-in"))

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    setting_up = device is None
    if device is None:
        # One unconfirmed device per user, so the QR code stays the same between attempts.
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)

    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code", _("You have entered too many wrong codes. Wait a minute, then try again.")
            )
        elif device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                timeline.record(
                    request.user,  # type: ignore[arg-type]
                    verb="two_factor_set_up",
                    summary=_("Two-factor authentication set up"),
                    actor=actor_of(user),
                )
            otp_login(request, device)
            if setting_up:
                messages.success(request, _("Two-factor authentication is set up."))
            return redirect(next_url or reverse("accounts:after-sign-in"))
        else:
            form.add_error(
                "code",
                _(
                    "The code is not right. Check the time on your phone is correct, then enter the newest code."
                ),
            )

    context: dict[str, Any] = {"form": form, "setting_up": setting_up, "next": next_url or ""}
    if setting_up:
        issuer = Landlord.current().short_name or Landlord.current().name
        context["qr_data_uri"] = segno.make(device.config_url, error="m").svg_data_uri(
            scale=5, dark="#0b0c0c", light="#ffffff"
        )
        context["secret"] = _secret_text(device)
        context["issuer"] = issuer
    return render(request, "accounts/two_factor.html", context)


@method_decorator(limit_form("password-reset"), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link: rate-limited per client address and per address typed, the
    same whether or not an account has that address, so neither the page nor the limit says
    whether one exists."""

    template_name = "accounts/password_reset.html"
    form_class = ResetPasswordForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form: Any) -> HttpResponse:
        refused = limit_value(self.request, "password-reset-address", form.cleaned_data["email"])
        if refused is not None:
            return refused
        self.extra_email_context = {"landlord": Landlord.current()}
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class SetPasswordView(PasswordResetConfirmView):
    """Where someone given a new account chooses their first password (the link in their
    invitation email; the same one-use token as a password reset)."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:set-password-complete")


class SetPasswordCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/set_password_complete.html"
