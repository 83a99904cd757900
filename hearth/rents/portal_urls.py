from __future__ import annotations

from django.urls import path

from hearth.rents import portal_views

app_name = "rents_portal"
urlpatterns = [
    path("", portal_views.account, name="account"),
]
