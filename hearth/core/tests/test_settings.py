from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _hearth(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearth.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "HEARTH_DEBUG"}}
    env.update({"HEARTH_PRODUCTION": "true", "ALLOWED_HOSTS": "hearth.example.org"}, **extra)
    return env


def test_django_deploy_checks_are_clean_with_production_settings():
    result = _hearth(
        "check", "--deploy", "--fail-level", "WARNING",
        env=_production_env(SECRET_KEY="x7#kq" * 12),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key_from_the_environment():
    result = _hearth("check", env=_production_env())
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "header", ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"]
)
def test_pages_carry_security_headers(client, db, header):
    response = client.get("/api/v1/openapi.json")
    assert header in response.headers


def test_a_command_on_a_database_not_yet_set_up_says_to_migrate(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}")
    env.pop("HEARTH_TESTING", None)
    env.pop("TEST_DATABASE_URL", None)
    result = _hearth("demo", "--homes", "5", env=env)
    assert result.returncode == 1
    assert "Run `hearth migrate` first" in result.stderr
    assert "Traceback" not in result.stderr
