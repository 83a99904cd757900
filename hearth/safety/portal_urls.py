from __future__ import annotations

app_name = "safety_portal"
urlpatterns: list = []
