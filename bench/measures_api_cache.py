"""The measures API's cache: the first call for a period counts every measure, the next ones
read the cache (`GET /api/v1/measures`, through Django's test client, on the database named
by DATABASE_URL; it makes a manager and an API token there).

    DJANGO_SETTINGS_MODULE=hearth.settings DATABASE_URL=sqlite:////path/hearth.sqlite3 \
        .venv/bin/python bench/measures_api_cache.py
"""

import time

import django

django.setup()
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hearth.accounts.models import ApiToken, Role, User  # noqa: E402

user, _ = User.objects.get_or_create(username="bench-measures", defaults={"role": Role.MANAGER})
_, raw = ApiToken.issue(user=user, name="bench")
client = Client(headers={"Authorization": f"Bearer {raw}"}, SERVER_NAME="localhost")
url = "/api/v1/measures?from=2025-11-27&to=2026-11-26"
for label in ("first call (counts every measure)", "second call (from the cache)", "third call"):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        took = time.perf_counter() - started
    print(
        f"{label}: {took * 1000:.0f} ms, {len(queries.captured_queries)} queries, "
        f"status {response.status_code}"
    )
