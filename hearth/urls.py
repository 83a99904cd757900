"""The site's URLs. Each domain app mounts itself: its AppConfig names where its staff pages
(`staff_path`, from its `urls.py`) and its resident pages (`portal_path`, from its
`portal_urls.py`) live, so adding a domain edits nothing here."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path


def _mounted(kind: str, module: str) -> list[URLPattern | URLResolver]:
    mounted: list[URLPattern | URLResolver] = []
    for config in apps.get_app_configs():
        prefix = getattr(config, kind, None)
        if prefix:
            mounted.append(path(prefix, include(f"{config.name}.{module}")))
    return mounted


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever a page says (an error page, a PDF): send them to
    Hearth's own icon."""
    return HttpResponsePermanentRedirect(static("build/assets/images/favicon.svg"))


urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("accounts/", include("hearth.accounts.urls")),
    # Each domain's staff pages, then the staff site's shared pages (my work, search).
    *_mounted("staff_path", "urls"),
    path("staff/", include("hearth.staff.urls")),
    path("api/", include("hearth.api.urls")),
    # The language switcher posts here (Django's set_language).
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico whatever the page says: send them to Hearth's icon.
    path("favicon.ico", favicon, name="favicon"),
    # Each domain's resident pages, then the portal's own.
    *_mounted("portal_path", "portal_urls"),
    path("", include("hearth.portal.urls")),
]
