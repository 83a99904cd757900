from __future__ import annotations

app_name = "staff"
urlpatterns: list = []
