"""Who may open a page. Anyone not signed in is sent to sign in. On a staff page, a signed-in user
without the capability (a resident, say) gets a 404, so the page's existence is not confirmed;
on a resident's page, a signed-in user who is not a resident gets a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve

from hearth.core.permissions import Can, can, require

View = Callable[..., HttpResponseBase]


def staff_view(*capabilities: str) -> Callable[[View], View]:
    """Allow a view to staff who hold every one of `capabilities` (and the staff area itself)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(request.user, Can.USE_STAFF_AREA)
            for capability in capabilities:
                require(request.user, capability)
            return view(request, *args, **kwargs)

        wrapped.capabilities = (Can.USE_STAFF_AREA, *capabilities)  # type: ignore[attr-defined]
        return wrapped

    return decorator


def resident_view(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request.user, "is_resident", False) or not request.user.is_active:
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    wrapped.residents_only = True  # type: ignore[attr-defined]
    return wrapped


def may_open(user: Any, path: str) -> bool:
    """Whether `user` may open the page at `path` (a link is shown only if so): the
    capabilities its `staff_view` asks for, or a resident for a `resident_view`. A page that
    checks no role, or a path that is no page of Hearth's, is open to anyone."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return True
    if getattr(match.func, "residents_only", False):
        return bool(getattr(user, "is_resident", False))
    return all(can(user, capability) for capability in getattr(match.func, "capabilities", ()))
