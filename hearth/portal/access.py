"""Who may open a resident's page: anyone not signed in is sent to sign in; a signed-in user
who is not a resident gets a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase

View = Callable[..., HttpResponseBase]


def resident_view(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request.user, "is_resident", False) or not request.user.is_active:
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    return wrapped
