from __future__ import annotations

app_name = "safety"
urlpatterns: list = []
