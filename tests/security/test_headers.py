"""Headers and deployment settings: `hearth check --deploy` is clean in production, every page
carries a Content Security Policy without 'unsafe-inline', framing is denied, the referrer is
kept to our own site, and production sends HSTS and marks its cookies secure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

PRODUCTION_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "DEBUG",
]


def _production(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HEARTH_PRODUCTION": "true",
        "SECRET_KEY": "a-long-random-production-secret-key-for-this-test-only-0123456789-abcdef",
        "ALLOWED_HOSTS": "hearth.example.org",
        "HEARTH_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "hearth.settings",
    }
    for name in ("HEARTH_TESTING", "HEARTH_DEBUG", "DATABASE_URL", "TEST_DATABASE_URL"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = _production(
        tmp_path, "-m", "hearth.cli", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_sends_hsts_and_keeps_cookies_secure(tmp_path: Path) -> None:
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = _production(tmp_path, "-c", script)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["DEBUG"] is False


@pytest.mark.django_db
def test_every_page_has_a_strict_csp_denies_framing_and_keeps_the_referrer_home() -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    directives = {}
    for part in filter(None, (p.strip() for p in csp.split(";"))):
        name, _space, value = part.partition(" ")
        directives[name] = value
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "'nonce-" in directives["script-src"]
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_hsts_is_sent_over_https_with_the_production_values(settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = Client().get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
