"""The users `bench/load.py` runs under locust: staff working their queues and cases, residents
on the portal home, an integration reading the measures API, the public performance page, and
the baseline (the sign-in page, the smallest page on the same stack).

Settings come from the environment `bench/load.py` sets: HEARTH_BENCH_SESSIONS, a session
cookie for each demo sign-in the pages need (signed in once before the run, so that password
hashing is not part of the load); HEARTH_BENCH_TOKEN, an API token; HEARTH_BENCH_PAGES, a JSON
list of [name, path, demo sign-in] for the staff queues and one case page per domain."""

from __future__ import annotations

import json
import os

from locust import HttpUser, between, task
from locust.clients import HttpSession

COOKIE = os.environ.get("HEARTH_BENCH_COOKIE", "sessionid")
SESSIONS: dict[str, str] = json.loads(os.environ.get("HEARTH_BENCH_SESSIONS", "{}"))
TOKEN = os.environ.get("HEARTH_BENCH_TOKEN", "")
PAGES: list[list[str]] = json.loads(os.environ.get("HEARTH_BENCH_PAGES", "[]"))


def _signed_in(user: HttpUser, username: str) -> HttpSession:
    session = HttpSession(
        base_url=user.host, request_event=user.environment.events.request, user=user
    )
    session.cookies.set(COOKIE, SESSIONS[username])
    return session


class Staff(HttpUser):
    weight = 6
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.sessions = {username: _signed_in(self, username) for _, _, username in PAGES}

    @task
    def pages(self) -> None:
        for name, path, username in PAGES:
            self.sessions[username].get(path, name=name)


class Resident(HttpUser):
    weight = 2
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.session = _signed_in(self, "resident")

    @task
    def portal_home(self) -> None:
        self.session.get("/", name="portal home")


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
