from __future__ import annotations

app_name = "lettings"

urlpatterns: list = []
