from __future__ import annotations

from django.urls import path

from hearth.staff.views import closure_days, outbox, records, search, work

app_name = "staff"
urlpatterns = [
    path("", work.my_work, name="my-work"),
    path("search/", search.search, name="search"),
    path("homes/<int:pk>/", records.home, name="home"),
    path("tenancies/<int:pk>/", records.tenancy, name="tenancy"),
    path("people/<int:pk>/", records.person, name="person"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/send-again/", outbox.outbox_resend, name="outbox-resend"),
    path("closure-days/", closure_days.closure_days, name="closure-days"),
    path(
        "closure-days/<int:pk>/remove/", closure_days.closure_day_remove, name="closure-day-remove"
    ),
]
