"""Property-based tests of the whole API against its own OpenAPI spec (schemathesis).

Each operation is called in-process through the WSGI app with generated valid and invalid
inputs, with an API token of an officer and of a resident (whose own tenancy is in the
register, beside another resident's), over a small register of homes and tenancies. Every
answer must be free of server errors, have a documented status and content type, and match
the documented schema. Examples are kept few so the run stays quick; raise them locally with
HEARTH_SCHEMATHESIS_EXAMPLES.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from hearth.accounts.models import ApiToken
from hearth.api.measures import period_errors
from hearth.wsgi import application

MAX_EXAMPLES = int(os.environ.get("HEARTH_SCHEMATHESIS_EXAMPLES", "12"))


@pytest.fixture
def keep_test_connection():  # type: ignore[no-untyped-def]
    """Stop the WSGI handler closing the database connection around each request, as Django's
    test client does; on PostgreSQL that would end the test's transaction and lose its data."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def register(tenancy, other_tenancy):  # type: ignore[no-untyped-def]
    """A few real records, so that generated ids sometimes name one."""
    return [tenancy, other_tenancy]


@pytest.fixture(params=["officer", "resident"])
def api_key(request) -> str:  # type: ignore[no-untyped-def]
    """A token of a staff member, then of a resident: the same checks hold for both."""
    _, raw = ApiToken.issue(user=request.getfixturevalue(request.param), name="schemathesis")
    return raw


# Loaded eagerly (the spec needs no database): schemathesis' lazy fixture loader does not work
# with pytest 9. Each operation becomes its own test, named by method and path.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    # filter_too_much: for an operation with a large request body (POST /api/v1/safety/checks)
    # Hypothesis sometimes throws away most of what it draws while building valid bodies, and
    # then errors instead of testing; it failed that way once on PostgreSQL in CI (4 December
    # 2026) and passed on rerun. With the check off, the examples it did build are still run.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_conforms_to_the_spec_and_never_fails_on_our_side(
    case, api_key, register, keep_test_connection
):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {api_key}"}
    response = case.call(headers=headers)
    excluded = []
    if response.status_code == 400 and _period_is_refused(case):
        # The spec cannot say "from must not be after to" or bound a date; those periods get
        # the 400 its description documents.
        excluded.append(positive_data_acceptance)
    case.validate_response(response, headers=headers, excluded_checks=excluded)


def _period_is_refused(case) -> bool:  # type: ignore[no-untyped-def]
    query = case.query or {}
    if case.operation.path != "/api/v1/measures" or not {"from", "to"} <= set(query):
        return False
    try:
        start, end = (date.fromisoformat(str(query[k])) for k in ("from", "to"))
    except ValueError:
        return False
    return bool(period_errors(start, end))
