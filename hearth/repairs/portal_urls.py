from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "repairs_portal"
urlpatterns: list[URLPattern | URLResolver] = []
