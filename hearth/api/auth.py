"""Who is calling (the endpoints themselves ask `hearth.core.api.access`): an integration with a personal API token, or a person signed in in a browser.

Tokens go in `Authorization: Bearer <key>`; only their SHA-256 hash is stored, so a key is
looked up by hash. A revoked token, or one whose user is inactive, is refused. A browser uses
its session cookie, and unsafe methods (POST, PUT, PATCH, DELETE) must carry the CSRF token as
Django's forms do, so another site cannot make a signed-in browser act on the API.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from hearth.accounts.models import ApiToken, User, hash_token
from hearth.core.api.problems import CSRF_FAILED, ApiProblem

# Recording every use would make every read a write; a minute is close enough for an admin
# deciding whether a token is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key from `hearth api_token` or `POST /tokens`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        token = token.strip()
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class BrowserSessionAuth(APIKeyCookie):
    """Django's session cookie, with the CSRF check for unsafe methods.

    A request that carries an Authorization header is an integration's, so the session is not
    consulted and a bad token is a 401, never a CSRF 403. Administrators and managers must have
    confirmed their second factor, as for every staff page.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if "Authorization" in request.headers:
            return None
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is None:
            return None
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        if getattr(user, "needs_two_factor", False) and not user.is_verified():  # type: ignore[union-attr,attr-defined]
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiProblem(
                403,
                "The CSRF token is missing or wrong. Send the page's CSRF token in the "
                "X-CSRFToken header.",
                type=CSRF_FAILED,
                title="CSRF check failed",
            )
        return user


token_auth = ApiTokenAuth()
session_auth = BrowserSessionAuth()
AUTH = [token_auth, session_auth]
