"""The site `bench/load.py` serves under gunicorn: Hearth's own WSGI application and URLs, plus
one minimal Django view, the reference every page's figures are set beside.

    gunicorn --pythonpath bench load_site:application

The minimal view (`/bench/minimal/`) goes through the same stack as every page (gunicorn,
the same settings and every middleware: sessions, CSRF, sign-in, two-factor, CSP, ...) and
answers a two-byte body with no template and no query. It is only mounted here, never in
Hearth's own URLs."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

from hearth.urls import handler500  # noqa: E402, F401
from hearth.urls import urlpatterns as hearth_urls  # noqa: E402


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal, name="bench-minimal"), *hearth_urls]
settings.ROOT_URLCONF = __name__
