"""Browser tests: Debian's Chromium, driven by Playwright, against a live Hearth server.

Every page a test loads is checked with axe-core for WCAG 2.2 AA. The `page` fixture runs
axe after each page load (a navigation, a form submission, a redirect) and the test fails on
any serious or critical violation, printing them. Content Security Policy refusals, script
errors and missing stylesheets, scripts or images fail the test too: they mean a page is broken
for real users even when it looks fine in a test.

One browser per module of tests; each test gets a fresh context (cookies, storage). Only
Debian's /usr/bin/chromium is used; Playwright's own browser downloads are never needed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE_TEXT = AXE_SOURCE.read_text(encoding="utf-8") if AXE_SOURCE.exists() else ""
BUILT_CSS = ROOT / "hearth" / "static" / "build" / "hearth.css"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
  }));
}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, launched once for a module of browser tests.

    While Playwright's sync API is started it marks an event loop as running in the test
    thread, and Django then refuses ORM calls there (which fixtures and the live server's
    database flush make, synchronously and safely) unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
    Both last only as long as this fixture, so no other test, and no subprocess another test
    starts, runs with the variable set or the loop marked.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make browser installs it)")
    if not AXE_SOURCE.exists() or not BUILT_CSS.exists():
        pytest.fail("Front-end assets missing: run `npm ci && npm run build` (make dev does).")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


class AxeWatcher:
    """Runs axe on every page load of one page, and collects what it and the console found."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[tuple[str, dict[str, Any]]] = []
        self.console_errors: list[str] = []
        self.checked: list[str] = []
        self.skipped: list[str] = []
        self.running = 0
        page.on("load", lambda _: self.check())
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"script error: {error}"))
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console_errors.append(f"{self.page.url}: {message.text}")

    def _response(self, response: Any) -> None:
        # A page's own status is the test's business; a missing stylesheet or script is not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.console_errors.append(f"{response.status} for {response.url}")

    def check(self) -> None:
        url = self.page.url
        if not url.startswith("http") or self.page.is_closed():
            return
        self.running += 1
        try:
            self.page.evaluate(AXE_SOURCE_TEXT)
            found = self.page.evaluate(AXE_RUN, WCAG_TAGS)
        except PlaywrightError as exc:
            # The page moved on (a redirect or another click) while axe ran; the page it moved
            # to gets its own load event and its own check.
            self.skipped.append(f"{url}: {exc.message.splitlines()[0]}")
            return
        finally:
            self.running -= 1
        self.violations += [(url, v) for v in found if v["impact"] in FAILING_IMPACTS]
        self.checked.append(url)

    def settle(self) -> None:
        """Wait for the current page to load and for every check under way to finish."""
        if self.page.is_closed():
            return
        self.page.wait_for_load_state("load")
        self.page.evaluate("0")  # a round trip, so that a load event already sent is handled
        waited = 0
        while self.running and waited < TIMEOUT_MS:
            self.page.wait_for_timeout(20)
            waited += 20

    def checked_paths(self) -> list[str]:
        """The path of every page checked so far, once the current page has been checked."""
        self.settle()
        return [urlsplit(url).path for url in self.checked]

    def report(self) -> str:
        lines = []
        for url, violation in self.violations:
            lines.append(f"{url}: [{violation['impact']}] {violation['id']}: {violation['help']}")
            lines.append(f"    {violation['helpUrl']}")
            for node in violation["nodes"]:
                lines.append(f"    at {json.dumps(node['target'])}: {node['summary']}")
        lines += [f"in the browser: {error}" for error in self.console_errors]
        return "\n".join(lines)


@pytest.fixture
def new_watcher(browser: Any) -> Iterator[Callable[[str | None], AxeWatcher]]:
    """Make an axe-watched page in a fresh browser context (closed after the test)."""
    contexts: list[tuple[Any, AxeWatcher]] = []

    def make(base_url: str | None = None) -> AxeWatcher:
        context = browser.new_context(base_url=base_url, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        watcher = AxeWatcher(context.new_page())
        contexts.append((context, watcher))
        return watcher

    yield make
    for context, watcher in contexts:
        watcher.settle()
        context.close()


@pytest.fixture
def axe(new_watcher: Callable[[str | None], AxeWatcher], live_server: Any) -> AxeWatcher:
    """The axe watcher of the test's page, which opens paths on the live server."""
    return new_watcher(live_server.url)


@pytest.fixture
def page(axe: AxeWatcher, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A Playwright page whose every load is checked with axe (WCAG 2.2 AA)."""
    yield axe.page
    axe.settle()
    if axe.violations or axe.console_errors:
        pytest.fail(
            "Accessibility or loading problems on pages this test visited:\n" + axe.report(),
            pytrace=False,
        )
