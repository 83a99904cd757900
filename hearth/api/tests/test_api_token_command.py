"""`hearth api_token USERNAME NAME`, `--list` and `--revoke PREFIX`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hearth.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_issuing_prints_only_the_key_on_stdout_and_the_key_works(officer):
    key, note = run("officer", "Repairs contractor")
    assert key.startswith("hth_")
    assert "only time" in note
    token = ApiToken.objects.get(user=officer)
    assert token.name == "Repairs contractor"
    response = Client(headers={"Authorization": f"Bearer {key}"}).get("/api/v1/me")
    assert response.status_code == 200


def test_revoking_by_the_listed_prefix_stops_the_key_working(officer):
    key, _ = run("officer", "Repairs contractor")
    listing, _ = run("officer", "--list")
    prefix = listing.split()[0]
    assert key.startswith(prefix)
    out, _ = run("--revoke", prefix)
    assert "Revoked" in out
    response = Client(headers={"Authorization": f"Bearer {key}"}).get("/api/v1/me")
    assert response.status_code == 401
    assert "revoked" in run("officer", "--list")[0]


def test_revoking_an_unknown_prefix_is_an_error(officer):
    with pytest.raises(CommandError, match="No active token"):
        run("--revoke", "hth_nothing")


def test_an_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="no user called"):
        run("nobody", "Anything")


def test_a_name_is_required_to_issue(officer):
    with pytest.raises(CommandError, match="NAME"):
        run("officer")
    assert not ApiToken.objects.exists()
