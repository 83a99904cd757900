"""Signing in an administrator or manager in tests the way they really do: password, then a
code from their authenticator (computed from the device's key)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def sign_in_verified(client: Client, user: Any) -> TOTPDevice:
    """Sign `user` in and pass two-factor with a confirmed authenticator device."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Phone"}
    )
    client.force_login(user)
    response = client.post(reverse("accounts:two-factor"), {"code": current_code(device)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return device
