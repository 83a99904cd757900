from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hearth.lettings import portal_views as views

app_name = "lettings_portal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:ref>/", views.your_home, name="home"),
]
