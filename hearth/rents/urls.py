from __future__ import annotations

from django.urls import path

from hearth.rents.views import accounts, cases

app_name = "rents"
urlpatterns = [
    path("", cases.queue, name="queue"),
    path("cases/<str:ref>/", cases.case, name="case"),
    path("accounts/<int:tenancy_id>/", accounts.account, name="account"),
]
