from __future__ import annotations

app_name = "neighbourhood"
urlpatterns: list = []
