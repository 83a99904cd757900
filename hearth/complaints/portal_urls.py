from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "complaints_portal"
urlpatterns: list[URLPattern | URLResolver] = []
