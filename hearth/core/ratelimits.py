"""Rate limits for public forms and anything that sends a message to an address someone typed.

Built on django-ratelimit, counting in the cache every process shares (`CACHES["default"]`:
the database cache unless `REDIS_URL` names a Redis server; see docs/security.md). Each limit
has a name (its *group*) and a rate from `settings.HEARTH_RATE_LIMITS` ("5/h" is five an hour),
so one group's count is the same whichever process serves the request.

A page view:

    @limit_form("complaint")                      # POSTs counted by the client's address
    def check(request): ...

    if over_limit(request, "complaint-address", value=email):  # counted by the typed address
        return refusal(request, "complaint-address")

An API endpoint:

    api_limit(request, "complaint-address", value=payload.contact_email)  # 429 problem if over

New domains (QR code and Open311 reports, for example) add a group to HEARTH_RATE_LIMITS and
use the same helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from hearth.core.api.problems import ApiProblem

View = Callable[..., HttpResponseBase]

# django-ratelimit's keys for who is counted: the client's address, or the signed-in user.
CLIENT = "ip"
USER_OR_CLIENT = "user_or_ip"


def rate_of(group: str) -> str:
    """The rate for a group, e.g. "5/h"; a group with no rate configured is an error."""
    rates: dict[str, str] = settings.HEARTH_RATE_LIMITS
    if group not in rates:
        raise KeyError(f"No rate limit is configured for {group!r} in HEARTH_RATE_LIMITS.")
    return rates[group]


def _count(request: HttpRequest, group: str, key: str, value: str | None) -> int | None:
    """Count one use; the seconds until the window ends if the limit is passed, else None."""
    if value is not None:
        value = value.strip().lower()
        if not value:
            return None  # nothing typed: nothing to count

        def by_value(_group: str, _request: HttpRequest) -> str:
            return value  # type: ignore[return-value]

        counted: Any = by_value
    else:
        counted = key
    usage = get_usage(
        request, group=group, key=counted, rate=rate_of(group), method=ALL, increment=True
    )
    if usage and usage["should_limit"]:
        return max(int(usage["time_left"]), 1)
    return None


def over_limit(
    request: HttpRequest, group: str, *, key: str = CLIENT, value: str | None = None
) -> bool:
    """Count one more use of `group` by the client's address (or `key`, any django-ratelimit
    key), or by `value` such as a typed email address, and say whether the limit is now
    passed. An empty `value` (nothing typed) is not counted."""
    return _count(request, group, key, value) is not None


def refusal(request: HttpRequest, group: str = "", retry_after: int | None = None) -> HttpResponse:
    """The friendly page a person sees when they have sent a form too often (HTTP 429)."""
    response = render(request, "429.html", {"group": group}, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def limit_form(
    group: str, *, key: str = CLIENT, methods: tuple[str, ...] = ("POST",)
) -> Callable[[View], View]:
    """Decorate a view so that each request by one of `methods` counts against `group` (by the
    client's address, or `key`); past the limit the 429 page is shown and the view not run."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method in methods:
                wait = _count(request, group, key, None)
                if wait is not None:
                    return refusal(request, group, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def limit_value(request: HttpRequest, group: str, value: str | None) -> HttpResponse | None:
    """In a page view: count one use of `group` by a typed value (an email address, say); the
    429 page to return if the limit is passed, else None."""
    wait = _count(request, group, CLIENT, value or "")
    return refusal(request, group, wait) if wait is not None else None


def api_limit(
    request: HttpRequest, group: str, *, key: str = USER_OR_CLIENT, value: str | None = None
) -> None:
    """Count one use of `group` in an API endpoint (by the caller, or by `value`); past the
    limit, a 429 problem with Retry-After. The API's caller is `request.auth` (a token's user),
    which django-ratelimit's own user keys do not see, so it is counted by its id here."""
    caller = getattr(request, "auth", None)
    if value is None and key == USER_OR_CLIENT and getattr(caller, "pk", None) is not None:
        value = f"user:{caller.pk}"  # type: ignore[union-attr]
    wait = _count(request, group, key, value)
    if wait is not None:
        raise ApiProblem(
            429,
            "Too many requests like this one. Wait a while, then try again.",
            headers={"Retry-After": str(wait)},
        )
