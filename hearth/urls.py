from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("accounts/", include("hearth.accounts.urls")),
    path("staff/", include("hearth.staff.urls")),
    path("api/", include("hearth.api.urls")),
    path("", include("hearth.portal.urls")),
]
