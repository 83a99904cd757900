"""The users `bench/load.py` runs under locust.

The mixed run (user classes Staff, Resident, Integration, Public): staff working their queues
and cases, residents on the portal home, an integration reading the measures API, visitors on
the public performance page, and the reference, a minimal Django view on the same stack
(`bench/load_site.py`), with the sign-in page beside it.

One page alone (user class OnePage): every user asks for the one page in HEARTH_BENCH_ONE
again and again with no pause, so its requests per second is the page's throughput.

Settings come from the environment `bench/load.py` sets: HEARTH_BENCH_SESSIONS, a session
cookie for each demo sign-in the pages need (signed in once before the run, so that password
hashing is not part of the load); HEARTH_BENCH_TOKEN, an API token; HEARTH_BENCH_PAGES, a JSON
list of [name, path, demo sign-in] for the staff queues and one case page per domain;
HEARTH_BENCH_ONE, [name, path, demo sign-in or "token" or ""]."""

from __future__ import annotations

import json
import os

from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

COOKIE = os.environ.get("HEARTH_BENCH_COOKIE", "sessionid")
SESSIONS: dict[str, str] = json.loads(os.environ.get("HEARTH_BENCH_SESSIONS", "{}"))
TOKEN = os.environ.get("HEARTH_BENCH_TOKEN", "")
PAGES: list[list[str]] = json.loads(os.environ.get("HEARTH_BENCH_PAGES", "[]"))
ONE: list[str] = json.loads(os.environ.get("HEARTH_BENCH_ONE", '["", "/", ""]'))
MEASURES = "/api/v1/measures?from=2025-04-01&to=2026-03-31"
MINIMAL = "/bench/minimal/"


def headers_for(who: str) -> dict[str, str]:
    """The headers of a request made as `who`: a demo sign-in, "token" (the API), or nobody."""
    if who == "token":
        return {"Authorization": f"Bearer {TOKEN}"}
    if who:
        return {"Cookie": f"{COOKIE}={SESSIONS[who]}"}
    return {}


class Staff(FastHttpUser):
    weight = 6
    wait_time = between(0.5, 1.5)

    @task
    def pages(self) -> None:
        for name, path, username in PAGES:
            self.client.get(path, name=name, headers=headers_for(username))


class Resident(FastHttpUser):
    weight = 2
    wait_time = between(0.5, 1.5)

    @task
    def portal_home(self) -> None:
        self.client.get("/", name="portal home", headers=headers_for("resident"))


class Integration(FastHttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    @task
    def measures(self) -> None:
        self.client.get(MEASURES, name="measures API", headers=headers_for("token"))


class Public(FastHttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    @task(2)
    def performance(self) -> None:
        self.client.get("/performance/", name="public performance page")

    @task(1)
    def sign_in(self) -> None:
        self.client.get("/accounts/sign-in/", name="sign-in page")

    @task(1)
    def minimal(self) -> None:
        self.client.get(MINIMAL, name="reference: minimal view")


class OnePage(FastHttpUser):
    wait_time = constant(0)

    @task
    def one(self) -> None:
        name, path, who = ONE
        self.client.get(path, name=name, headers=headers_for(who))
