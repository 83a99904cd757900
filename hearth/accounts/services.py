"""Accounts for people who sign in: staff added by an administrator, and residents given an
online account. Nobody types a password for someone else: each new account gets an email with
a link to choose their own (Django's password-reset token, so it works once and for
PASSWORD_RESET_TIMEOUT). Every change is on the account's timeline.

Two guards keep the landlord able to run Hearth: nobody can demote or deactivate themselves,
and the last active administrator cannot be demoted or deactivated.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.models import STAFF_ROLES, ApiToken, Role, User
from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.core.models import Landlord
from hearth.tenancies.models import MemberRole, Person, Tenancy, TenancyMember
from hearth.tenancies.services import clean_email

logger = logging.getLogger(__name__)
# Residents who may have an online account: those who hold a current tenancy.
ACCOUNT_HOLDER_ROLES = (MemberRole.LEAD_TENANT, MemberRole.JOINT_TENANT)


def set_password_link(user: User) -> str:
    """The link, on this site, where `user` chooses a password (valid until they use it, sign
    in, or it is older than PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "accounts:set-password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def _send_invitation(user_id: int) -> None:
    """Email the set-password link. Sent straight to the mail server, not through the outbox:
    the link is a key to the account, and the outbox keeps every message's text for staff."""
    user = User.objects.get(pk=user_id)
    context = {
        "user": user,
        "link": set_password_link(user),
        "landlord": Landlord.current(),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "sign_in_url": settings.SITE_URL.rstrip("/") + reverse("accounts:sign-in"),
    }
    subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
    body = render_to_string("accounts/email/invitation.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        # The account exists either way; the administrator can send the link again.
        logger.exception("Could not email the set-password link to user %s", user_id)


def _queue_invitation(user: User) -> None:
    # After commit: the token is made from the saved password and sign-in time.
    transaction.on_commit(partial(_send_invitation, user.pk), robust=True)


def clean_username(username: str) -> str:
    """A username: letters, numbers and @ . + - _, no one else's (whatever its case, so
    nobody can sign in as the wrong person by a slip of the shift key)."""
    username = username.strip()
    if not username:
        raise ValidationError(_("Enter a username"))
    try:
        User.username_validator(username)
    except ValidationError:
        raise ValidationError(
            _("A username can only have letters, numbers and the characters @ . + - _")
        ) from None
    if len(username) > 150:
        raise ValidationError(_("The username must be 150 characters or fewer"))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("That username is already in use. Choose another."))
    return username


def _check_username(username: str, errors: dict[str, Any]) -> str:
    try:
        return clean_username(username)
    except ValidationError as error:
        errors["username"] = error
        return username


def _check_email(email: str, errors: dict[str, Any]) -> str:
    try:
        email = clean_email(email)
    except ValidationError as error:
        errors["email"] = error
        return email
    if not email:
        errors["email"] = _("Enter their email address, so we can send them a link")
    return email


def _record(user: User, *, verb: str, summary: str, actor: Actor, **details: Any) -> None:
    timeline.record(user, verb=verb, summary=summary, actor=actor, details=details)


@transaction.atomic
def invite_staff_member(
    *, actor: Actor, first_name: str, last_name: str, email: str, username: str, role: str
) -> User:
    """Add a member of staff with a role. They get an email with a link to choose their
    password; administrators and managers also set up two-factor when they first sign in."""
    errors: dict[str, Any] = {}
    first_name, last_name = " ".join(first_name.split()), " ".join(last_name.split())
    if not first_name:
        errors["first_name"] = _("Enter their first name")
    if not last_name:
        errors["last_name"] = _("Enter their last name")
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        if len(value) > 150:
            errors[name] = _("The name must be 150 characters or fewer")
    email = _check_email(email, errors)
    username = _check_username(username, errors)
    if role not in STAFF_ROLES:
        errors["role"] = _("Choose their role")
    if errors:
        raise ValidationError(errors)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_unusable_password()
    user.save()
    _record(
        user,
        verb="account_created",
        summary=_("Account created as %(role)s; link to set a password emailed to %(email)s")
        % {"role": user.get_role_display(), "email": email},
        actor=actor,
        role=role,
    )
    _queue_invitation(user)
    return user


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def send_set_password_link(*, user: User, actor: Actor) -> None:
    """Email a new link to choose a password (for someone whose link ran out, or who lost it).
    Any earlier link stops working once they use one."""
    user = _locked(user)
    if not user.is_active:
        raise ValidationError(_("This account is deactivated. Reactivate it first."))
    if not user.email:
        raise ValidationError(_("This account has no email address to send the link to"))
    _record(
        user,
        verb="set_password_link_sent",
        summary=_("Link to set a password emailed to %(email)s") % {"email": user.email},
        actor=actor,
    )
    _queue_invitation(user)


def _check_not_last_admin(user: User, message: str) -> None:
    """Raise if `user` is the only active administrator. The active administrators' rows are
    locked first, so two administrators removing each other at once cannot both succeed."""
    if user.role != Role.ADMIN or not user.is_active:
        return
    admins = list(
        User.objects.select_for_update()
        .filter(role=Role.ADMIN, is_active=True)
        .values_list("pk", flat=True)
    )
    if admins == [user.pk] or not admins:
        raise ValidationError(message)


@transaction.atomic
def change_role(*, user: User, actor: Actor, role: str) -> User:
    """Give a member of staff a different role. A resident's account stays a resident's."""
    user = _locked(user)
    if user.is_resident:
        raise ValidationError(
            {"role": _("This is a resident's account, so it cannot have a staff role")}
        )
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose their role")})
    if role == user.role:
        return user
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(
            {"role": _("You cannot change your own role. Ask another administrator.")}
        )
    if role != Role.ADMIN:
        _check_not_last_admin(
            user,
            _(
                "%(name)s is the only active administrator. Make someone else an administrator first."
            )
            % {"name": user.display_name},
        )
    previous = user.get_role_display()
    user.role = role
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    _record(
        user,
        verb="role_changed",
        summary=_("Role changed from %(old)s to %(new)s")
        % {"old": previous, "new": user.get_role_display()},
        actor=actor,
        role=role,
    )
    return user


@transaction.atomic
def deactivate_user(*, user: User, actor: Actor) -> User:
    """Stop someone signing in (or using an API token). Their records and history stay."""
    user = _locked(user)
    if not user.is_active:
        return user
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(_("You cannot deactivate your own account"))
    _check_not_last_admin(
        user,
        _("%(name)s is the only active administrator, so their account must stay active")
        % {"name": user.display_name},
    )
    user.is_active = False
    user.save(update_fields=["is_active"])
    _record(user, verb="account_deactivated", summary=_("Account deactivated"), actor=actor)
    return user


@transaction.atomic
def reactivate_user(*, user: User, actor: Actor) -> User:
    """Let someone sign in again with the password they had."""
    user = _locked(user)
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    _record(user, verb="account_reactivated", summary=_("Account reactivated"), actor=actor)
    return user


@transaction.atomic
def reset_two_factor(*, user: User, actor: Actor) -> int:
    """Remove someone's authenticator devices (a lost or new phone). They set one up again the
    next time they sign in. Returns how many devices were removed."""
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(
            _("You cannot reset your own two-factor authentication. Ask another administrator.")
        )
    removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
    _record(
        user,
        verb="two_factor_reset",
        summary=_("Two-factor authentication reset: set up again at next sign-in"),
        actor=actor,
        devices=removed,
    )
    return removed


def _holds_current_tenancy(person: Person) -> bool:
    current = Tenancy.objects.current_on(timezone.localdate())
    return TenancyMember.objects.filter(
        person=person, role__in=ACCOUNT_HOLDER_ROLES, tenancy__in=current
    ).exists()


@transaction.atomic
def give_resident_account(*, person: Person, actor: Actor, username: str = "") -> User:
    """Give a lead or joint tenant of a current tenancy an online account, linked to them, so
    they see their own home, rent and requests. The username is their email address unless
    another is given. They get an email with a link to choose their password."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if User.objects.filter(person=person).exists():
        raise ValidationError(_("%(name)s already has an online account") % {"name": person})
    if not _holds_current_tenancy(person):
        raise ValidationError(
            _("Only a lead or joint tenant of a current tenancy can have an online account")
        )
    errors: dict[str, Any] = {}
    if not person.email:
        errors["username"] = _(
            "Add their email address first: the link to set a password is emailed to them"
        )
        raise ValidationError(errors)
    username = _check_username(username or person.email, errors)
    if errors:
        raise ValidationError(errors)
    first, _space, last = person.full_name.rpartition(" ")
    user = User(
        username=username,
        first_name=(first or last)[:150],
        last_name=(last if first else "")[:150],
        email=person.email,
        role=Role.RESIDENT,
        person=person,
    )
    user.set_unusable_password()
    user.save()
    _record(
        user,
        verb="account_created",
        summary=_(
            "Online account created for %(name)s; link to set a password emailed to %(email)s"
        )
        % {"name": person.full_name, "email": person.email},
        actor=actor,
        role=Role.RESIDENT,
    )
    timeline.record(
        person,
        verb="online_account_given",
        summary=_("Online account set up; a link to choose a password was emailed"),
        actor=actor,
        details={"user_id": user.pk},
        visible_to_resident=True,
    )
    _queue_invitation(user)
    return user


@transaction.atomic
def disable_dormant_staff_accounts(*, now: Any = None) -> int:
    """Deactivate staff accounts nobody has used for `HEARTH_DORMANT_STAFF_DAYS` days (no
    sign-in and no API token used; an account never used counts from when it was made), so a
    leaver's forgotten account cannot be taken over. The last active administrator is never
    disabled. An administrator can reactivate an account. Returns how many were disabled."""
    days = settings.HEARTH_DORMANT_STAFF_DAYS
    if days <= 0:
        return 0
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    used_since = ApiToken.objects.filter(last_used_at__gte=cutoff).values("user_id")
    dormant = (
        User.objects.select_for_update()
        .filter(role__in=STAFF_ROLES, is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(pk__in=used_since)
        .order_by("pk")
    )
    disabled = 0
    for user in dormant:
        if user.role == Role.ADMIN:
            others = User.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=user.pk)
            if not others.exists():
                continue
        user.is_active = False
        user.save(update_fields=["is_active"])
        _record(
            user,
            verb="account_deactivated",
            summary=_("Account deactivated: not used for %(days)s days") % {"days": days},
            actor=None,
        )
        disabled += 1
    return disabled
