"""Every error under /api/ is an RFC 9457 problem body, whatever went wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.api.tests.conftest import CSRF_SECRET
from hearth.core.api.problems import CSRF_FAILED, VALIDATION_ERROR

pytestmark = pytest.mark.django_db


def problem(response: Any, status: int) -> dict[str, Any]:
    """The response's problem body, after checking it is one with the expected status."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == status
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["title"] and body["detail"]
    return body


def test_a_malformed_json_body_is_a_400_problem(browser_client, officer):
    client = browser_client(officer)
    response = client.post(
        "/api/v1/tokens",
        data="{not json",
        content_type="application/json",
        headers={"X-CSRFToken": CSRF_SECRET},
    )
    problem(response, 400)


def test_a_period_that_ends_before_it_starts_is_a_400_problem_naming_the_field(
    token_client, officer
):
    response = token_client(officer).get("/api/v1/measures?from=2025-04-02&to=2025-04-01")
    body = problem(response, 400)
    assert body["type"] == VALIDATION_ERROR
    assert [e["field"] for e in body["errors"]] == ["from"]


def test_no_credentials_is_a_401_problem_that_says_how_to_authenticate(db):
    response = Client().get("/api/v1/me")
    body = problem(response, 401)
    assert "Bearer" in body["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_role_without_the_capability_gets_a_403_problem(token_client, resident):
    problem(token_client(resident).get("/api/v1/homes"), 403)


def test_a_browser_post_without_the_csrf_token_is_a_403_csrf_problem(browser_client, officer):
    response = browser_client(officer).post(
        "/api/v1/tokens", data={"name": "Laptop"}, content_type="application/json"
    )
    assert problem(response, 403)["type"] == CSRF_FAILED


def test_a_record_that_does_not_exist_is_a_404_problem(token_client, officer):
    problem(token_client(officer).get("/api/v1/homes/999999"), 404)


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api/", "/api/v2/homes", "/api/v1"])
def test_a_path_with_no_endpoint_under_api_is_a_404_problem_not_an_html_page(path, db):
    response = Client().get(path, follow=True)
    problem(response, 404)


def test_a_method_the_path_does_not_have_is_a_405_problem_with_allow(token_client, officer):
    response = token_client(officer).delete("/api/v1/me")
    body = problem(response, 405)
    assert response["Allow"] == "GET, HEAD"
    assert "DELETE" in body["detail"]


@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_the_spec_and_docs_pages_answer_only_get_and_head(path, db):
    client = Client(enforce_csrf_checks=True)
    assert client.head(path).status_code == 200
    problem(client.post(path), 405)


def test_a_browser_post_to_a_path_with_no_endpoint_is_a_404_problem_not_a_csrf_page(
    browser_client, officer
):
    problem(browser_client(officer).post("/api/v1/no-such-thing", data={}), 404)


def test_head_is_answered_as_get_without_a_body(token_client, officer):
    response = token_client(officer).head("/api/v1/me")
    assert response.status_code == 200
    assert response.content == b""


def test_revoking_a_token_twice_is_a_409_problem(browser_client, officer):
    client = browser_client(officer)
    csrf = {"X-CSRFToken": CSRF_SECRET}
    created = client.post(
        "/api/v1/tokens", data={"name": "Old laptop"}, content_type="application/json", headers=csrf
    )
    token_id = created.json()["id"]
    first = client.post(f"/api/v1/tokens/{token_id}/revoke", headers=csrf)
    assert first.status_code == 200
    body = problem(client.post(f"/api/v1/tokens/{token_id}/revoke", headers=csrf), 409)
    assert "already revoked" in body["detail"]


@pytest.mark.parametrize(
    "query",
    ["", "?from=2025-04-01", "?from=2025-13-01&to=2025-12-31", "?from=yesterday&to=2025-12-31"],
)
def test_missing_or_impossible_dates_are_a_422_problem_with_one_error_per_field(
    query, token_client, officer
):
    body = problem(token_client(officer).get(f"/api/v1/measures{query}"), 422)
    assert body["type"] == VALIDATION_ERROR
    assert body["errors"]
    for error in body["errors"]:
        assert error["field"] in {"from", "to"}
        assert error["loc"][0] == "query"
        assert error["detail"] and error["code"]


def test_a_page_number_below_one_is_a_422_problem(token_client, officer):
    body = problem(token_client(officer).get("/api/v1/estates?page=0"), 422)
    assert [e["field"] for e in body["errors"]] == ["page"]


def test_an_id_too_large_for_any_record_is_a_422_problem_not_a_server_error(token_client, officer):
    problem(token_client(officer).get(f"/api/v1/homes/{2**64}"), 422)


def test_an_unexpected_error_is_a_generic_500_problem_that_gives_nothing_away(
    token_client, officer, monkeypatch
):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("hearth.core.measures.report", broken)
    client = token_client(officer)
    client.raise_request_exception = False
    body = problem(client.get("/api/v1/measures?from=2025-04-01&to=2026-03-31"), 500)
    assert "secret" not in json.dumps(body)


def test_the_spec_documents_errors_as_problem_json(db):
    spec = Client().get(reverse("api-v1:openapi-json")).json()
    assert "Problem" in spec["components"]["schemas"]
    for operations in spec["paths"].values():
        for operation in operations.values():
            default = operation["responses"]["default"]
            assert list(default["content"]) == ["application/problem+json"]
