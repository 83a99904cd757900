from __future__ import annotations

app_name = "lettings_portal"

urlpatterns: list = []
