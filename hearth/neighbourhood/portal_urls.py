from __future__ import annotations

app_name = "neighbourhood_portal"
urlpatterns: list = []
