from __future__ import annotations

from django.urls import path

from hearth.performance import portal_views as views

app_name = "performance_public"
urlpatterns = [
    path("", views.home, name="home"),
]
