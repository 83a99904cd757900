"""Who may open what: every page in the URL configuration and every operation in the API's
OpenAPI spec, for every role (anyone signed out, a resident, and each staff role), has a rule
in the tables below, and each is requested as each role to check the answer.

A route with no rule fails `test_every_page_has_a_rule` (or the API's): a new domain adds its
rows here. Routes that name a record are requested with an id or reference that names none, so
for them the test checks that the signed-out are sent to sign in and that nobody, allowed or
not, is shown anything or given an error; the object-level rules (another resident's record is
a 404) are in test_other_residents_records.py.

Expected answers, by rule:
- PUBLIC: anyone, signed in or not (a form may send some on elsewhere);
- SIGNED_IN: anyone signed in; the signed-out are sent to sign in;
- RESIDENT: residents; the signed-out are sent to sign in; staff get 404;
- staff(roles): those staff roles; the signed-out are sent to sign in; residents and other
  roles get 404 (a page they may not see does not exist for them);
- API: the signed-out get 401; a role not listed gets 403 (a list) or 403/404/422.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from hearth.accounts.models import ApiToken, Role
from hearth.accounts.tests.factories import UserFactory
from hearth.accounts.tests.otp import sign_in_verified
from hearth.rents.services.accounts import account_for
from tests.security.matrix import ROLES, operations, pages

pytestmark = pytest.mark.django_db

ADMIN = frozenset({"admin"})
MANAGERS = ADMIN | {"manager"}
ALL_STAFF = frozenset(ROLES) - {"anonymous", "resident"}
OFFICE = ALL_STAFF - {"operative"}
REPAIRS_MANAGERS = MANAGERS | {"repairs_coordinator"}
VISITORS = REPAIRS_MANAGERS | {"operative"}
COMPLAINT_HANDLERS = MANAGERS | {"housing_officer", "complaints_officer"}
RENT_MANAGERS = MANAGERS | {"income_officer"}
MONEY_ADVISERS = RENT_MANAGERS | {"housing_officer"}
PEOPLE_CARERS = MANAGERS | {"housing_officer"}
ESTATES = MANAGERS | {"estate_officer", "housing_officer"}
VOIDS = MANAGERS | {"housing_officer", "income_officer", "repairs_coordinator"}
INVOLVEMENT = MANAGERS | {"complaints_officer", "estate_officer", "housing_officer"}
SURVEY_MAKERS = MANAGERS | {"housing_officer"}
RENT_REVIEWERS = MANAGERS | {"income_officer"}
SAFETY_MANAGERS = REPAIRS_MANAGERS
ACCESS_RECORDERS = OFFICE - {"complaints_officer"}


@dataclass(frozen=True)
class Rule:
    kind: str  # "public", "signed_in", "resident", "staff"
    roles: frozenset[str] = frozenset()


PUBLIC = Rule("public")
SIGNED_IN = Rule("signed_in")
RESIDENT = Rule("resident")


def staff(roles: frozenset[str]) -> Rule:
    return Rule("staff", roles)


PAGES: dict[str, Rule] = {
    # Signing in and resetting a password
    "accounts:sign-in": PUBLIC,
    "accounts:sign-out": PUBLIC,  # POST only
    "accounts:after-sign-in": SIGNED_IN,
    "accounts:two-factor": SIGNED_IN,
    "accounts:password-reset": PUBLIC,
    "accounts:password-reset-sent": PUBLIC,
    "accounts:password-reset-confirm": PUBLIC,
    "accounts:set-password-complete": PUBLIC,
    "accounts:set-password": PUBLIC,
    "accounts:password-reset-complete": PUBLIC,
    # Repairs (staff)
    "repairs:queue": staff(ALL_STAFF),
    "repairs:new": staff(ALL_STAFF),
    "repairs:jobs": staff(VISITORS),
    "repairs:approvals": staff(MANAGERS),
    "repairs:approval": staff(MANAGERS),
    "repairs:rates": staff(ALL_STAFF),
    "repairs:settings": staff(ADMIN),
    "repairs:performance": staff(ALL_STAFF),
    "repairs:photo": staff(ALL_STAFF),
    "repairs:repair": staff(ALL_STAFF),
    "repairs:priority": staff(REPAIRS_MANAGERS),
    "repairs:assign": staff(REPAIRS_MANAGERS),
    "repairs:book": staff(ALL_STAFF),
    "repairs:cancel-appointment": staff(ALL_STAFF),
    "repairs:on-the-way": staff(VISITORS),
    "repairs:visit": staff(VISITORS),
    "repairs:update": staff(ALL_STAFF),
    "repairs:cost": staff(VISITORS),
    "repairs:recharge": staff(REPAIRS_MANAGERS),
    "repairs:cancel": staff(REPAIRS_MANAGERS),
    "repairs:damp": staff(ALL_STAFF),
    "repairs:satisfaction": staff(ALL_STAFF),
    # Complaints (staff)
    "complaints:queue": staff(OFFICE),
    "complaints:new": staff(OFFICE),
    "complaints:learning": staff(OFFICE),
    "complaints:performance": staff(ALL_STAFF),
    "complaints:annual-report": staff(OFFICE),
    "complaints:annual-report-pdf": staff(OFFICE),
    "complaints:self-assessment": staff(MANAGERS),
    "complaints:self-assessment staff/complaints/self-assessment/<int:year>/": staff(MANAGERS),
    "complaints:detail": staff(OFFICE),
    "complaints:link": staff(COMPLAINT_HANDLERS),
    "complaints:acknowledge": staff(COMPLAINT_HANDLERS),
    "complaints:extend": staff(COMPLAINT_HANDLERS),
    "complaints:respond": staff(COMPLAINT_HANDLERS),
    "complaints:escalate": staff(COMPLAINT_HANDLERS),
    "complaints:exclude": staff(COMPLAINT_HANDLERS),
    "complaints:withdraw": staff(COMPLAINT_HANDLERS),
    "complaints:assign": staff(COMPLAINT_HANDLERS),
    "complaints:record-learning": staff(COMPLAINT_HANDLERS),
    "complaints:action-new": staff(COMPLAINT_HANDLERS),
    "complaints:action-done": staff(OFFICE),
    "complaints:compensation-paid": staff(COMPLAINT_HANDLERS),
    "complaints:letter": staff(OFFICE),
    # Rent (staff)
    "rents:queue": staff(OFFICE),
    "rents:case": staff(OFFICE),
    "rents:decide-claim": staff(RENT_MANAGERS),
    "rents:case-action": staff(RENT_MANAGERS),
    "rents:account": staff(OFFICE),
    "rents:statement-pdf": staff(OFFICE),
    "rents:take-payment": staff(RENT_MANAGERS),
    "rents:adjust": staff(RENT_MANAGERS),
    "rents:direct-debit": staff(RENT_MANAGERS),
    "rents:cancel-direct-debit": staff(RENT_MANAGERS),
    "rents:send-statement": staff(RENT_MANAGERS),
    "rents:imports": staff(RENT_MANAGERS),
    "rents:suspense": staff(RENT_MANAGERS),
    "rents:suspense-item": staff(RENT_MANAGERS),
    "rents:suspense-refund": staff(RENT_MANAGERS),
    "rents:returns": staff(RENT_MANAGERS),
    "rents:policy": staff(ADMIN),
    "rents:rent-free-weeks": staff(ADMIN),
    "rents:find-account": staff(OFFICE),
    "rents:money-advice": staff(MONEY_ADVISERS),
    "rents:offer": staff(MONEY_ADVISERS),
    "rents:referral": staff(MONEY_ADVISERS),
    "rents:referral-outcome": staff(MONEY_ADVISERS),
    # The staff site's own pages
    "staff:my-work": staff(ALL_STAFF),
    "staff:search": staff(ALL_STAFF),
    "staff:home": staff(ALL_STAFF),
    "staff:tenancy": staff(ALL_STAFF),
    "staff:person": staff(ALL_STAFF),
    "staff:person-everything": staff(MANAGERS),
    "staff:outbox": staff(OFFICE),
    "staff:outbox-resend": staff(OFFICE),
    "staff:outbox-message": staff(OFFICE),
    "staff:outbox-posted": staff(OFFICE),
    "staff:closure-days": staff(ADMIN),
    "staff:closure-day-remove": staff(ADMIN),
    "staff:settings": staff(ADMIN),
    "staff:users": staff(ADMIN),
    "staff:user-add": staff(ADMIN),
    "staff:user": staff(ADMIN),
    "staff:user-role": staff(ADMIN),
    "staff:user-deactivate": staff(ADMIN),
    "staff:user-reactivate": staff(ADMIN),
    "staff:user-reset-two-factor": staff(ADMIN),
    "staff:user-send-link": staff(ADMIN),
    "staff:contact-details": staff(OFFICE),
    "staff:contact-preferences": staff(OFFICE),
    "staff:support-need-add": staff(PEOPLE_CARERS),
    "staff:support-need-change": staff(PEOPLE_CARERS),
    "staff:support-need-end": staff(PEOPLE_CARERS),
    "staff:online-account": staff(ADMIN),
    "staff:person-alert-raise": staff(PEOPLE_CARERS),
    "staff:home-alert-raise": staff(PEOPLE_CARERS),
    "staff:alert-review": staff(PEOPLE_CARERS),
    "staff:alert-end": staff(PEOPLE_CARERS),
    "staff:household-add": staff(OFFICE),
    "staff:household-remove": staff(OFFICE),
    "staff:tenancy-end": staff(OFFICE),
    # Repairs (residents)
    "repairs_portal:list": RESIDENT,
    "repairs_portal:report": RESIDENT,
    "repairs_portal:emergency": PUBLIC,  # what to do in an emergency, before signing in
    "repairs_portal:report-where": RESIDENT,
    "repairs_portal:report-area": RESIDENT,
    "repairs_portal:report-problem": RESIDENT,
    "repairs_portal:report-responsibility": RESIDENT,
    "repairs_portal:report-heating": RESIDENT,
    "repairs_portal:report-details": RESIDENT,
    "repairs_portal:report-photos": RESIDENT,
    "repairs_portal:report-appointment": RESIDENT,
    "repairs_portal:report-check": RESIDENT,
    "repairs_portal:report-done": RESIDENT,
    "repairs_portal:appointment-calendar": PUBLIC,  # by an unguessable token only
    "repairs_portal:photo": RESIDENT,
    "repairs_portal:repair": RESIDENT,
    "repairs_portal:book": RESIDENT,
    "repairs_portal:change-appointment": RESIDENT,
    "repairs_portal:cancel-appointment": RESIDENT,
    "repairs_portal:feedback": RESIDENT,
    "repairs_portal:fixed": RESIDENT,
    # Complaints (anyone may complain; residents follow theirs)
    "complaints_portal:list": RESIDENT,
    "complaints_portal:leaflet": PUBLIC,
    "complaints_portal:new": PUBLIC,
    "complaints_portal:check": PUBLIC,
    "complaints_portal:sent": PUBLIC,
    "complaints_portal:new-step": PUBLIC,
    "complaints_portal:detail": RESIDENT,
    "complaints_portal:escalate": RESIDENT,
    "complaints_portal:letter": RESIDENT,
    # Rent (residents)
    "rents_portal:account": RESIDENT,
    "rents_portal:statement": RESIDENT,
    "rents_portal:ways-to-pay": PUBLIC,
    "rents_portal:about": PUBLIC,
    "rents_portal:benefits": PUBLIC,
    # The portal's own pages
    "portal:home": PUBLIC,
    "portal:how-to-complain": PUBLIC,
    "portal:accessibility": PUBLIC,
    "portal:your-home": RESIDENT,
    "portal:your-requests": RESIDENT,
    "portal:your-details": RESIDENT,
    "portal:change-phone": RESIDENT,
    "portal:change-email": RESIDENT,
    "portal:change-channel": RESIDENT,
    "portal:change-language": RESIDENT,
    "portal:change-help": RESIDENT,
    "portal:change-representative": RESIDENT,
    # Empty homes and lettings, neighbourhood, building safety, involvement, performance and
    # the rent review. A page that names a record is asked for with one that does not exist,
    # so for those the test holds who is sent to sign in and that no one gets a 500.
    "complaints:categories": staff(ADMIN),
    "neighbourhood:queue": staff(ESTATES),
    "neighbourhood:blocks": staff(ESTATES),
    "neighbourhood:block": staff(ESTATES),
    "neighbourhood:schedule": staff(ESTATES),
    "neighbourhood:task-new": staff(ESTATES),
    "neighbourhood:poster-displayed": staff(ESTATES),
    "neighbourhood:poster": staff(ESTATES),
    "neighbourhood:inspection": staff(ESTATES),
    "neighbourhood:inspection-record": staff(ESTATES),
    "neighbourhood:inspection-publish": staff(ESTATES),
    "neighbourhood:inspection-results": staff(ESTATES),
    "neighbourhood:inspection-defect": staff(ESTATES),
    "neighbourhood:inspection-notice": staff(ESTATES),
    "neighbourhood:action-close": staff(ESTATES),
    "neighbourhood:concern-new": staff(ESTATES),
    "neighbourhood:concern": staff(ESTATES),
    "neighbourhood:concern-answer": staff(ESTATES),
    "neighbourhood:flytipping-new": staff(ESTATES),
    "neighbourhood:flytipping": staff(ESTATES),
    "neighbourhood:flytipping-removed": staff(ESTATES),
    "neighbourhood:asb-list": staff(ESTATES),
    "neighbourhood:asb-new": staff(ESTATES),
    "neighbourhood:asb": staff(ESTATES),
    "neighbourhood:asb-triage": staff(ESTATES),
    "neighbourhood:asb-risk": staff(ESTATES),
    "neighbourhood:asb-party": staff(ESTATES),
    "neighbourhood:asb-party-change": staff(ESTATES),
    "neighbourhood:asb-party-remove": staff(ESTATES),
    "neighbourhood:asb-incident": staff(ESTATES),
    "neighbourhood:asb-plan": staff(ESTATES),
    "neighbourhood:asb-update": staff(ESTATES),
    "neighbourhood:asb-hate": staff(ESTATES),
    "neighbourhood:asb-action": staff(ESTATES),
    "neighbourhood:asb-close": staff(ESTATES),
    "neighbourhood:evidence-review": staff(ESTATES),
    "neighbourhood:evidence-file": staff(ESTATES),
    "neighbourhood:settings": staff(ESTATES),
    "neighbourhood:notice-days": staff(ESTATES),
    "neighbourhood:checklist-new": staff(ESTATES),
    "neighbourhood:community": staff(ESTATES),
    "neighbourhood:event-new": staff(ESTATES),
    "neighbourhood:improvement": staff(ESTATES),
    "rents:reviews": staff(RENT_REVIEWERS),
    "rents:review-new": staff(MANAGERS),
    "rents:review": staff(RENT_REVIEWERS),
    "rents:review-submit": staff(MANAGERS),
    "rents:review-approve": staff(MANAGERS),
    "rents:review-return": staff(RENT_REVIEWERS),
    "rents:review-send": staff(MANAGERS),
    "rents:review-service-charge": staff(RENT_REVIEWERS),
    "rents:review-adjust": staff(RENT_REVIEWERS),
    "rents:review-notices": staff(RENT_REVIEWERS),
    "rents:review-hand-delivery": staff(RENT_REVIEWERS),
    "rents:review-csv": staff(RENT_REVIEWERS),
    "rents:review-xlsx": staff(RENT_REVIEWERS),
    "rents:rent-setting": staff(RENT_REVIEWERS),
    "safety:dashboard": staff(ALL_STAFF),
    "safety:drilldown": staff(ALL_STAFF),
    "safety:upcoming": staff(ALL_STAFF),
    "safety:surveys": staff(ALL_STAFF),
    "safety:home": staff(ALL_STAFF),
    "safety:attempt": staff(ACCESS_RECORDERS),
    "safety:legal-access": staff(SAFETY_MANAGERS),
    "safety:survey": staff(SAFETY_MANAGERS),
    "safety:close-legal-access": staff(SAFETY_MANAGERS),
    "safety:block": staff(ALL_STAFF),
    "safety:record": staff(SAFETY_MANAGERS),
    "safety:check": staff(ALL_STAFF),
    "safety:certificate": staff(ALL_STAFF),
    "safety:copy": staff(SAFETY_MANAGERS),
    "safety:actions": staff(ALL_STAFF),
    "safety:action": staff(ALL_STAFF),
    "safety:mitigate": staff(SAFETY_MANAGERS),
    "safety:complete": staff(SAFETY_MANAGERS),
    "safety:frequencies": staff(SAFETY_MANAGERS),
    "safety:frequency": staff(SAFETY_MANAGERS),
    "safety:hazard-phase": staff(SAFETY_MANAGERS),
    "involvement:home": staff(INVOLVEMENT),
    "involvement:survey-new": staff(SURVEY_MAKERS),
    "involvement:survey": staff(INVOLVEMENT),
    "involvement:sample": staff(INVOLVEMENT),
    "involvement:enter-response": staff(INVOLVEMENT),
    "involvement:response": staff(INVOLVEMENT),
    "involvement:suggestions": staff(INVOLVEMENT),
    "involvement:suggestion-paper": staff(INVOLVEMENT),
    "involvement:suggestion": staff(INVOLVEMENT),
    "involvement:questionnaires": staff(SURVEY_MAKERS),
    "involvement:questionnaire-new": staff(SURVEY_MAKERS),
    "involvement:questionnaire": staff(INVOLVEMENT),
    "involvement:spot-checks": staff(INVOLVEMENT),
    "involvement:spot-check-new": staff(INVOLVEMENT),
    "involvement:spot-check": staff(INVOLVEMENT),
    "involvement:action-done": staff(INVOLVEMENT),
    "involvement:groups": staff(INVOLVEMENT),
    "involvement:group-new": staff(INVOLVEMENT),
    "involvement:review-new": staff(INVOLVEMENT),
    "involvement:review": staff(INVOLVEMENT),
    "involvement:newsletters": staff(INVOLVEMENT),
    "involvement:newsletter-new": staff(INVOLVEMENT),
    "involvement:newsletter": staff(INVOLVEMENT),
    "involvement:newsletter-edit": staff(INVOLVEMENT),
    "involvement:newsletter-pdf": staff(INVOLVEMENT),
    "performance:dashboard": staff(ALL_STAFF),
    "performance:export-csv": staff(ALL_STAFF),
    "performance:export-xlsx": staff(ALL_STAFF),
    "performance:measure": staff(ALL_STAFF),
    "performance:tsm": staff(ALL_STAFF),
    "performance:tsm-year": staff(ALL_STAFF),
    "performance:tsm-csv": staff(ALL_STAFF),
    "performance:tsm-regulator-csv": staff(ALL_STAFF),
    "performance:tsm-approach-csv": staff(ALL_STAFF),
    "performance:notes": staff(MANAGERS),
    "performance:annual-report": staff(ALL_STAFF),
    "performance:value-for-money": staff(ALL_STAFF),
    "lettings:board": staff(VOIDS),
    "lettings:void": staff(VOIDS),
    "lettings:action": staff(VOIDS),
    "lettings:photo": staff(VOIDS),
    "lettings:ending": staff(VOIDS),
    "lettings:notice": staff(VOIDS),
    "lettings:ending-action": staff(VOIDS),
    "set_language": PUBLIC,
    "favicon": PUBLIC,
    "neighbourhood_portal:index": RESIDENT,
    "neighbourhood_portal:lookup": RESIDENT,
    "neighbourhood_portal:block": RESIDENT,
    "neighbourhood_portal:notices": PUBLIC,
    "neighbourhood_portal:calendar": PUBLIC,
    "neighbourhood_portal:join": PUBLIC,
    "neighbourhood_portal:notice": PUBLIC,
    "neighbourhood_portal:qr-cleaning": PUBLIC,
    "neighbourhood_portal:qr-flytipping": PUBLIC,
    "neighbourhood_portal:concern": RESIDENT,
    "neighbourhood_portal:flytipping": RESIDENT,
    "neighbourhood_portal:asb-new": RESIDENT,
    "neighbourhood_portal:asb": RESIDENT,
    "neighbourhood_portal:asb-diary": RESIDENT,
    "neighbourhood_portal:asb-evidence": RESIDENT,
    "neighbourhood_portal:events": RESIDENT,
    "neighbourhood_portal:event": RESIDENT,
    "neighbourhood_portal:improvement-new": RESIDENT,
    "neighbourhood_portal:open311-services": PUBLIC,
    "neighbourhood_portal:open311-service": PUBLIC,
    "neighbourhood_portal:open311-requests": PUBLIC,
    "neighbourhood_portal:open311-request": PUBLIC,
    "safety_portal:home": RESIDENT,
    "safety_portal:certificate": RESIDENT,
    "involvement_portal:your-survey": RESIDENT,
    "involvement_portal:survey": PUBLIC,
    "involvement_portal:survey-questions": PUBLIC,
    "involvement_portal:survey-done": PUBLIC,
    "involvement_portal:questionnaire": PUBLIC,
    "involvement_portal:suggest": PUBLIC,
    "involvement_portal:your-suggestions": RESIDENT,
    "involvement_portal:you-said-we-did": PUBLIC,
    "involvement_portal:get-involved": PUBLIC,
    "involvement_portal:register-interest": RESIDENT,
    "involvement_portal:newsletters": PUBLIC,
    "involvement_portal:newsletter": PUBLIC,
    "performance_public:home": PUBLIC,
    "lettings_portal:home": RESIDENT,
}

ANYONE_SIGNED_IN = ALL_STAFF | {"resident"}
# The API: roles allowed, or SESSION for what only a signed-in browser may do.
SESSION = frozenset({"session"})
OPERATIONS: dict[str, frozenset[str]] = {
    "GET /api/v1/me": ANYONE_SIGNED_IN,
    "GET /api/v1/tokens": SESSION,
    "POST /api/v1/tokens": SESSION,
    "POST /api/v1/tokens/{token_id}/revoke": SESSION,
    "GET /api/v1/measures": ALL_STAFF,
    "GET /api/v1/estates": ALL_STAFF,
    "GET /api/v1/estates/{estate_id}": ALL_STAFF,
    "GET /api/v1/blocks": ALL_STAFF,
    "GET /api/v1/blocks/{block_id}": ALL_STAFF,
    "GET /api/v1/homes": ALL_STAFF,
    "GET /api/v1/homes/{home_id}": ALL_STAFF,
    "GET /api/v1/tenancies": ANYONE_SIGNED_IN,  # a resident: their own
    "GET /api/v1/tenancies/{tenancy_id}": ANYONE_SIGNED_IN,
    "GET /api/v1/people/{person_id}": ALL_STAFF,
    "GET /api/v1/repairs/catalogue": ANYONE_SIGNED_IN,
    "GET /api/v1/repairs": ANYONE_SIGNED_IN,
    "POST /api/v1/repairs": ANYONE_SIGNED_IN,
    "GET /api/v1/repairs/{ref}": ANYONE_SIGNED_IN,
    "PATCH /api/v1/repairs/{ref}": REPAIRS_MANAGERS,
    "POST /api/v1/repairs/{ref}/cancel": REPAIRS_MANAGERS,
    "GET /api/v1/repairs/{ref}/slots": ANYONE_SIGNED_IN,
    "POST /api/v1/repairs/{ref}/appointments": ANYONE_SIGNED_IN,
    "POST /api/v1/repairs/{ref}/appointments/{appointment_ref}/reschedule": ANYONE_SIGNED_IN,
    "POST /api/v1/repairs/{ref}/appointments/{appointment_ref}/cancel": ANYONE_SIGNED_IN,
    "POST /api/v1/repairs/{ref}/visits": VISITORS,
    "POST /api/v1/repairs/{ref}/updates": ALL_STAFF,
    "GET /api/v1/complaints": ANYONE_SIGNED_IN,
    "POST /api/v1/complaints": OFFICE | {"resident"},
    "GET /api/v1/complaints/{ref}": ANYONE_SIGNED_IN,
    "POST /api/v1/complaints/{ref}/escalate": COMPLAINT_HANDLERS | {"resident"},
    "POST /api/v1/complaints/{ref}/acknowledge": COMPLAINT_HANDLERS,
    "POST /api/v1/complaints/{ref}/extend": COMPLAINT_HANDLERS,
    "POST /api/v1/complaints/{ref}/respond": COMPLAINT_HANDLERS,
    "POST /api/v1/complaints/{ref}/exclude": COMPLAINT_HANDLERS,
    "POST /api/v1/complaints/{ref}/withdraw": COMPLAINT_HANDLERS,
    "POST /api/v1/complaints/{ref}/assign": COMPLAINT_HANDLERS,
    "GET /api/v1/rent/accounts": OFFICE | {"resident"},
    "GET /api/v1/rent/accounts/{tenancy_id}": OFFICE | {"resident"},
    "GET /api/v1/rent/accounts/{tenancy_id}/transactions": OFFICE | {"resident"},
    "GET /api/v1/rent/accounts/{tenancy_id}/statement": OFFICE | {"resident"},
    "POST /api/v1/rent/accounts/{tenancy_id}/payments": RENT_MANAGERS,
    "POST /api/v1/rent/payment-files": RENT_MANAGERS,
    "GET /api/v1/rent/suspense": RENT_MANAGERS,
    "POST /api/v1/rent/suspense/{item_id}/allocate": RENT_MANAGERS,
    "GET /api/v1/rent/arrears-cases": OFFICE,
    "GET /api/v1/rent/arrears-cases/{ref}": OFFICE,
    "POST /api/v1/rent/arrears-cases/{ref}/contacts": RENT_MANAGERS,
    "POST /api/v1/rent/arrears-cases/{ref}/payment-plans": RENT_MANAGERS,
    "POST /api/v1/rent/debit-runs": RENT_MANAGERS,
    "GET /api/v1/safety/summary": ALL_STAFF,
    "GET /api/v1/safety/checks": ALL_STAFF,
    "POST /api/v1/safety/checks": SAFETY_MANAGERS,
    "GET /api/v1/safety/checks/{ref}": ALL_STAFF,
    "GET /api/v1/safety/actions": ALL_STAFF,
    "POST /api/v1/safety/actions/{ref}/mitigation": SAFETY_MANAGERS,
    "POST /api/v1/safety/actions/{ref}/complete": SAFETY_MANAGERS,
    "GET /api/v1/voids": VOIDS,
    "GET /api/v1/neighbourhood/inspections": ESTATES,
    "GET /api/v1/neighbourhood/inspections/{ref}": ESTATES,
    "GET /api/v1/neighbourhood/cleaning-concerns": ESTATES | {"resident"},  # a resident: theirs
    "GET /api/v1/neighbourhood/cleaning-concerns/{ref}": ESTATES | {"resident"},
    "GET /api/v1/neighbourhood/fly-tipping": ESTATES | {"resident"},
    "GET /api/v1/neighbourhood/fly-tipping/{ref}": ESTATES | {"resident"},
    "GET /api/v1/neighbourhood/asb-cases": ESTATES | {"resident"},
    "GET /api/v1/neighbourhood/asb-cases/{ref}": ESTATES | {"resident"},
    "GET /api/v1/voids/{ref}": VOIDS,
}
# Lists whose filters must be valid before anyone's role is looked at.
QUERY_FIRST = {"GET /api/v1/measures"}


def _spec() -> dict[str, Any]:
    return Client().get("/api/v1/openapi.json").json()  # type: ignore[no-any-return]


def test_every_page_has_a_rule() -> None:
    missing = sorted({page.key for page in pages()} - PAGES.keys())
    assert missing == [], f"Add a rule for each new page to PAGES: {missing}"
    stale = sorted(PAGES.keys() - {page.key for page in pages()})
    assert stale == [], f"Remove the rules of pages that no longer exist: {stale}"


def test_every_api_operation_has_a_rule() -> None:
    keys = {operation.key for operation in operations(_spec())}
    assert sorted(keys - OPERATIONS.keys()) == [], "Add a rule for each new API operation"
    assert sorted(OPERATIONS.keys() - keys) == []


def _clients(resident: Any) -> dict[str, Client]:
    clients = {"anonymous": Client(), "resident": Client()}
    clients["resident"].force_login(resident)
    for role in ROLES[2:]:
        user = UserFactory(role=Role(role), username=f"matrix_{role}")
        client = Client()
        if user.needs_two_factor:
            sign_in_verified(client, user)
        else:
            client.force_login(user)
        clients[role] = client
    return clients


def _is_record(route: str) -> bool:
    return "<" in route


def _expected(rule: Rule, role: str, *, record: bool) -> str:
    """What `role` should get: "ok", "sign-in" or "404"."""
    if rule.kind == "public":
        return "ok" if not record else "ok-or-404"
    if role == "anonymous":
        return "sign-in"
    if rule.kind == "signed_in":
        return "ok"
    allowed = role == "resident" if rule.kind == "resident" else role in rule.roles
    if not allowed:
        return "404"
    return "ok-or-404" if record else "ok"


def _answer(response: Any) -> str:
    location = str(response.get("Location", ""))
    if response.status_code == 302 and "/accounts/sign-in/" in location:
        return "sign-in"
    if response.status_code == 404:
        return "404"
    if response.status_code in (200, 302, 405):
        return "ok"
    return str(response.status_code)


@pytest.mark.heavy(seconds=45)
def test_every_page_answers_every_role_as_its_rule_says(resident: Any, tenancy: Any) -> None:
    account_for(tenancy)  # the resident's rent account, for their statement
    clients = _clients(resident)
    wrong = []
    for page in pages():
        rule = PAGES[page.key]
        for role in ROLES:
            expected = _expected(rule, role, record=_is_record(page.route))
            got = _answer(clients[role].get(page.url))
            if got != expected and not (expected == "ok-or-404" and got in ("ok", "404")):
                wrong.append(f"{page.key} as {role}: expected {expected}, got {got}")
    assert wrong == []


def test_every_api_operation_answers_every_role_as_its_rule_says(resident: Any) -> None:
    users = {"resident": resident}
    for role in ROLES[2:]:
        users[role] = UserFactory(role=Role(role), username=f"api_{role}")
    clients = {"anonymous": Client()}
    for role, user in users.items():
        _, raw = ApiToken.issue(user=user, name="matrix")
        clients[role] = Client(headers={"Authorization": f"Bearer {raw}"})
    wrong = []
    for operation in operations(_spec()):
        allowed = OPERATIONS[operation.key]
        listing = operation.method == "GET" and "{" not in operation.key
        for role in ROLES:
            response = clients[role].generic(
                operation.method, operation.url, "{}", content_type="application/json"
            )
            status = response.status_code
            if role == "anonymous" or allowed == SESSION:
                ok = status == 401
            elif role in allowed:
                ok = status == 200 if listing and operation.key not in QUERY_FIRST else status < 500
                ok = ok and status not in (401, 403)
            elif listing and operation.key not in QUERY_FIRST:
                ok = status == 403
            else:
                ok = status in (403, 404, 422)
            if not ok:
                wrong.append(f"{operation.key} as {role}: got {status}")
            elif status >= 400 and response["Content-Type"] != "application/problem+json":
                wrong.append(f"{operation.key} as {role}: {status} without a problem body")
    assert wrong == []
