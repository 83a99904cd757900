from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("accounts/", include("hearth.accounts.urls")),
    # Each domain's staff pages, then the staff site's shared pages (my work, search).
    path("staff/repairs/", include("hearth.repairs.urls")),
    path("staff/complaints/", include("hearth.complaints.urls")),
    path("staff/rent/", include("hearth.rents.urls")),
    path("staff/", include("hearth.staff.urls")),
    path("api/", include("hearth.api.urls")),
    # Each domain's resident pages, then the portal's own.
    path("repairs/", include("hearth.repairs.portal_urls")),
    path("complaints/", include("hearth.complaints.portal_urls")),
    path("rent/", include("hearth.rents.portal_urls")),
    path("", include("hearth.portal.urls")),
]
