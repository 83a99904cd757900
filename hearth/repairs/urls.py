from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hearth.repairs import views

app_name = "repairs"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:ref>/", views.repair, name="repair"),
]
