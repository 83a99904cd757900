"""Who may open a staff page. Anyone not signed in is sent to sign in; a signed-in user without
the capability (a resident, say) gets a 404, so the page's existence is not confirmed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase

from hearth.core.permissions import Can, require

View = Callable[..., HttpResponseBase]


def staff_view(*capabilities: Can) -> Callable[[View], View]:
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

        return wrapped

    return decorator
