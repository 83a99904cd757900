from __future__ import annotations

from django.urls import URLPattern, path

from hearth.safety import portal_views

app_name = "safety_portal"
urlpatterns: list[URLPattern] = [
    path("", portal_views.your_safety, name="home"),
    path("certificates/<int:pk>/", portal_views.certificate, name="certificate"),
]
