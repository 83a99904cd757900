"""The users `bench/load.py` runs under locust: staff working their queues and cases, residents
on the portal home, an integration reading the measures API, the public performance page, and
the baseline (the sign-in page, the smallest page on the same stack).

Settings come from the environment `bench/load.py` sets: HEARTH_BENCH_PASSWORD, the demo
sign-ins' password; HEARTH_BENCH_TOKEN, an API token; HEARTH_BENCH_PAGES, a JSON list of
[name, path, demo sign-in] for the staff queues and one case page per domain (found in the
database, and checked to answer 200 for that sign-in, before the run)."""

from __future__ import annotations

import json
import os
import re

from locust import HttpUser, between, task
from locust.clients import HttpSession

PASSWORD = os.environ.get("HEARTH_BENCH_PASSWORD", "")
TOKEN = os.environ.get("HEARTH_BENCH_TOKEN", "")
PAGES: list[list[str]] = json.loads(os.environ.get("HEARTH_BENCH_PAGES", "[]"))


def _sign_in(user: HttpUser, username: str, client: HttpSession | None = None) -> HttpSession:
    client = client or user.client
    page = client.get("/accounts/sign-in/", name="(sign in)")
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    client.post(
        "/accounts/sign-in/",
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": found.group(1) if found else "",
        },
        headers={"Referer": f"{user.host}/accounts/sign-in/"},
        name="(sign in)",
    )
    return client


class Staff(HttpUser):
    weight = 6
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        # One session per demo officer the pages need (all without two-factor).
        self.sessions: dict[str, HttpSession] = {}
        for _, _, username in PAGES:
            if username not in self.sessions:
                session = HttpSession(
                    base_url=self.host, request_event=self.environment.events.request, user=self
                )
                self.sessions[username] = _sign_in(self, username, session)

    @task
    def pages(self) -> None:
        for name, path, username in PAGES:
            self.sessions[username].get(path, name=name)


class Resident(HttpUser):
    weight = 2
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        _sign_in(self, "resident")

    @task
    def portal_home(self) -> None:
        self.client.get("/", name="portal home")


class Integration(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    @task
    def measures(self) -> None:
        self.client.get(
            "/api/v1/measures?from=2025-04-01&to=2026-03-31",
            headers={"Authorization": f"Bearer {TOKEN}"},
            name="measures API",
        )


class Public(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    @task(2)
    def performance(self) -> None:
        self.client.get("/performance/", name="public performance page")

    @task(1)
    def baseline(self) -> None:
        self.client.get("/accounts/sign-in/", name="baseline: sign-in page")
