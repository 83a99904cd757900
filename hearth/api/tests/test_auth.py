"""Token and browser-session authentication."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from hearth.accounts.models import ApiToken
from hearth.api import services
from hearth.api.tests.conftest import CSRF_SECRET
from hearth.core.models import TimelineEvent

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_a_valid_token_authenticates_as_its_owner(officer):
    _, raw = ApiToken.issue(user=officer, name="Repairs app")
    response = bearer(raw).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "officer"
    assert "view_homes" in response.json()["capabilities"]


def test_using_a_token_records_when_it_was_last_used(officer):
    token, raw = ApiToken.issue(user=officer, name="Repairs app")
    assert token.last_used_at is None
    bearer(raw).get("/api/v1/me")
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_only_the_tokens_hash_is_stored(officer):
    token, raw = ApiToken.issue(user=officer, name="Repairs app")
    stored = ApiToken.objects.filter(pk=token.pk).values_list("key_hash", "prefix").get()
    assert raw not in stored[0]
    assert raw.startswith(stored[1])


def test_a_revoked_token_is_refused_with_401(officer):
    token, raw = ApiToken.issue(user=officer, name="Repairs app")
    services.revoke_token(token=token, actor=officer)
    assert bearer(raw).get("/api/v1/me").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused_with_401(officer):
    _, raw = ApiToken.issue(user=officer, name="Repairs app")
    officer.is_active = False
    officer.save()
    assert bearer(raw).get("/api/v1/me").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer hth_wrong", "Bearer ", "Basic b2ZmaWNlcjpwdw==", "hth_"]
)
def test_a_wrong_or_malformed_authorization_header_is_refused_with_401(header, officer):
    response = Client(headers={"Authorization": header}).get("/api/v1/me")
    assert response.status_code == 401


def test_a_wrong_token_is_a_401_even_from_a_signed_in_browser(officer):
    client = Client()
    client.force_login(officer)
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer hth_wrong"})
    assert response.status_code == 401


def test_a_signed_in_browser_may_read_without_a_token(browser_client, officer):
    response = browser_client(officer).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "officer"


def test_a_manager_who_has_not_confirmed_their_second_factor_is_not_signed_in_to_the_api(
    browser_client, manager
):
    assert browser_client(manager).get("/api/v1/me").status_code == 401


def test_a_browser_may_issue_itself_a_token_with_the_csrf_token_and_sees_the_key_once(
    browser_client, officer
):
    client = browser_client(officer)
    created = client.post(
        "/api/v1/tokens",
        data={"name": "Repairs app"},
        content_type="application/json",
        headers={"X-CSRFToken": CSRF_SECRET},
    )
    assert created.status_code == 201
    key = created.json()["key"]
    assert bearer(key).get("/api/v1/me").json()["username"] == "officer"
    listed = client.get("/api/v1/tokens").json()
    assert listed["count"] == 1
    assert "key" not in listed["items"][0]
    assert TimelineEvent.objects.filter(verb="api_token_issued").count() == 1


def test_a_token_cannot_be_used_to_issue_another_token(token_client, officer):
    response = token_client(officer).post(
        "/api/v1/tokens", data={"name": "Successor"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert ApiToken.objects.filter(name="Successor").count() == 0


def test_a_blank_token_name_is_a_422(browser_client, officer):
    response = browser_client(officer).post(
        "/api/v1/tokens",
        data={"name": "   "},
        content_type="application/json",
        headers={"X-CSRFToken": CSRF_SECRET},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


def test_nobody_can_revoke_someone_elses_token(browser_client, officer, operative):
    token, raw = ApiToken.issue(user=operative, name="Van tablet")
    response = browser_client(officer).post(
        f"/api/v1/tokens/{token.pk}/revoke", headers={"X-CSRFToken": CSRF_SECRET}
    )
    assert response.status_code == 404
    assert bearer(raw).get("/api/v1/me").status_code == 200


def test_revoking_records_an_event_on_the_owners_timeline(officer):
    token, _ = ApiToken.issue(user=officer, name="Repairs app")
    services.revoke_token(token=token, actor=officer)
    event = TimelineEvent.objects.get(verb="api_token_revoked")
    assert event.actor == officer
    assert token.prefix in event.summary
