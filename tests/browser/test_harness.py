"""The browser harness itself: axe runs on each page load and reports what it finds.

The pages here are made up on the spot (Playwright answers the request itself), so these
tests need neither the live server nor the database."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

INACCESSIBLE = "<html><head><title>Bad</title></head><body><img src='x.png'></body></html>"


def test_axe_reports_a_serious_violation_on_a_page_that_has_one(new_watcher):
    axe = new_watcher()
    axe.page.route(
        "**/harness-inaccessible-page",
        lambda route: route.fulfill(body=INACCESSIBLE, content_type="text/html"),
    )
    axe.page.goto("http://harness.invalid/harness-inaccessible-page")
    axe.settle()
    found = {violation["id"] for _, violation in axe.violations}
    assert {"image-alt", "html-has-lang"} <= found
    assert "image-alt" in axe.report()
    axe.violations.clear()  # this page was meant to fail; do not fail the test for it


def test_a_content_security_policy_refusal_is_reported(new_watcher):
    axe = new_watcher()
    axe.page.route(
        "**/harness-csp-page",
        lambda route: route.fulfill(
            body="<html lang='en'><head><title>CSP</title></head><body><main>"
            "<script>document.title = 'ran'</script></main></body></html>",
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
        ),
    )
    axe.page.goto("http://harness.invalid/harness-csp-page")
    axe.settle()
    assert axe.page.title() == "CSP"
    assert any("Content Security Policy" in error for error in axe.console_errors)
    axe.console_errors.clear()
