"""Rent over the API: accounts, transactions and statements (a resident sees only their own;
anyone else's is a 404), payment files, suspense, officers' payments, arrears cases with the
recommended next step, contacts and payment plans, and the weekly debit run.

Money is exact: amounts are decimal strings in pounds ("123.45"); a charge is positive and a
credit negative, as in transactions.csv.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from hearth.core.api.access import current_user, require
from hearth.core.api.pagination import Pages
from hearth.core.api.params import MAX_ID, IsoDate, RecordId, resolved
from hearth.core.api.problems import VALIDATION_ERROR, ApiProblem, call_service
from hearth.core.api.uploads import form_and_files, multipart_body
from hearth.core.forms import TEXTAREA_LIMIT
from hearth.core.permissions import Can
from hearth.rents import queries, rules
from hearth.rents.models import (
    ZERO,
    ArrearsCase,
    PaymentPlan,
    RentAccount,
    SuspenseItem,
    SuspenseStatus,
    Transaction,
)
from hearth.rents.payment_files import FORMATS
from hearth.rents.services import casework, ledger
from hearth.rents.services.arrears import case_facts
from hearth.rents.services.debit_run import post_week
from hearth.rents.services.payments import PaymentFileRejected, import_payments
from hearth.rents.services.suspense import allocate_suspense

router = Router(tags=["rent"])
REFUSED = "tag:hearth,2025:problem:rent-rule"
BAD_FILE = "tag:hearth,2025:problem:payment-file"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
T = TypeVar("T")
EARLIEST, LATEST = date(1900, 1, 2), date(2199, 12, 30)
# Pounds as a decimal string, so no amount is ever a float.
Money = Annotated[str, Field(pattern=r"^\d{1,7}(\.\d{1,2})?$", examples=["25.50"])]
DATE_FROM = Query(None, alias="from", description="Only transactions dated on or after this day.")
DATE_TO = Query(None, alias="to", description="Only transactions dated on or before this day.")
STATEMENT_FROM = Query(
    None,
    alias="from",
    description="First day of the statement (default: 13 weeks ago).",
)
STATEMENT_TO = Query(
    None,
    alias="to",
    description="Last day of the statement (default: today).",
)
# A default, not the RecordId alias: @paginate resolves annotations in Ninja's own module.
TENANCY_ID = Path(..., ge=1, le=MAX_ID, description="The tenancy's id.")


def _run(call: Callable[[], T]) -> T:
    """Call a service; a refusal becomes a 409 problem naming the fields concerned."""
    return call_service(call, title="Refused by the rent rules", type=REFUSED)


class AccountOut(Schema):
    tenancy_id: int
    tenancy_ref: str
    payment_reference: str = Field(description="The reference residents quote when they pay.")
    address: str
    balance: Decimal = Field(description="Pounds; positive = owed, negative = in credit.")
    weekly_charge: Decimal = Field(description="Weekly rent plus service charge today.")
    in_arrears: bool

    @staticmethod
    def resolve_tenancy_ref(account: RentAccount) -> str:
        return account.tenancy.ref

    @staticmethod
    def resolve_address(account: RentAccount) -> str:
        return f"{account.tenancy.home.address}, {account.tenancy.home.postcode}"

    @staticmethod
    def resolve_weekly_charge(account: RentAccount) -> Decimal:
        if hasattr(account, "rent_now"):  # annotated for a list (queries.with_list_figures)
            return (account.rent_now or ZERO) + (account.service_now or ZERO)  # type: ignore[attr-defined]
        return queries.weekly_charge(account)

    @staticmethod
    def resolve_in_arrears(account: RentAccount) -> bool:
        if hasattr(account, "open_arrears"):
            return bool(account.open_arrears)  # type: ignore[attr-defined]
        return account.arrears_episodes.filter(ended_on__isnull=True).exists()


class TransactionOut(Schema):
    ref: str
    date: date
    kind: str = Field(
        description="As in transactions.csv: rent, service_charge, payment_direct_debit, ..."
    )
    amount: Decimal = Field(description="Signed: a charge is positive, a credit negative.")
    description: str


class LineOut(Schema):
    date: date
    description: str
    charge: Decimal | None
    credit: Decimal | None
    balance: Decimal


class StatementOut(Schema):
    period_from: date
    period_to: date
    opening_balance: Decimal
    total_charges: Decimal
    total_credits: Decimal
    closing_balance: Decimal
    lines: list[LineOut]


@router.get("/rent/accounts", response=list[AccountOut], summary="Rent accounts you may see")
@paginate(Pages)
def list_accounts(
    request: HttpRequest,
    in_arrears: bool | None = Query(
        None, description="Only accounts in (true) or out of (false) arrears now."
    ),
) -> QuerySet[RentAccount]:
    user = current_user(request)
    if not queries.may_list_accounts(user):
        raise ApiProblem(403, "Your role does not allow this.")
    accounts = queries.with_list_figures(queries.visible_accounts(user)).order_by(
        "tenancy__ref", "pk"
    )
    if in_arrears is not None:
        open_ones = RentAccount.objects.filter(arrears_episodes__ended_on__isnull=True).values("pk")
        accounts = (
            accounts.filter(pk__in=open_ones) if in_arrears else accounts.exclude(pk__in=open_ones)
        )
    return accounts


@router.get(
    "/rent/accounts/{tenancy_id}", response=AccountOut, summary="One tenancy's rent account"
)
def get_account(request: HttpRequest, tenancy_id: RecordId) -> RentAccount:
    return queries.get_account_for_user(current_user(request), tenancy_id)


@router.get(
    "/rent/accounts/{tenancy_id}/transactions",
    response=list[TransactionOut],
    summary="An account's transactions, newest first",
)
@paginate(Pages)
@resolved
def list_transactions(
    request: HttpRequest,
    tenancy_id: int = TENANCY_ID,
    date_from: IsoDate | None = DATE_FROM,
    date_to: IsoDate | None = DATE_TO,
) -> QuerySet[Transaction]:
    account = queries.get_account_for_user(current_user(request), tenancy_id)
    rows = account.transactions.order_by("-date", "-pk")
    if date_from:
        rows = rows.filter(date__gte=date_from)
    if date_to:
        rows = rows.filter(date__lte=date_to)
    return rows


@router.get(
    "/rent/accounts/{tenancy_id}/statement",
    response=StatementOut,
    summary="A statement with a running balance",
)
def get_statement(
    request: HttpRequest,
    tenancy_id: RecordId,
    date_from: IsoDate | None = STATEMENT_FROM,
    date_to: IsoDate | None = STATEMENT_TO,
) -> Any:
    from hearth.rents.statements import period_from_request

    account = queries.get_account_for_user(current_user(request), tenancy_id)
    if date_from and date_to and date_from > date_to:
        raise ApiProblem(
            422,
            "'from' must be the same day as 'to' or before it.",
            type=VALIDATION_ERROR,
            title="Your request is not valid",
            errors=[
                {
                    "loc": ["query", "from"],
                    "field": "from",
                    "detail": "must be the same day as 'to' or before it",
                    "code": "date_order",
                }
            ],
        )
    # Out-of-range dates give the nearest sensible period rather than an error.
    start = min(max(date_from, EARLIEST), LATEST) if date_from else None
    end = min(max(date_to, EARLIEST), LATEST) if date_to else None
    period = period_from_request(
        start.isoformat() if start else None, end.isoformat() if end else None
    )
    return queries.statement(account, *period)


class PaymentIn(Schema):
    amount: Money = Field(description="What the tenant paid, in pounds.")
    kind: str = Field(
        "payment_online",
        pattern="^(payment_online|payment_cash)$",
        description="payment_online (card by phone) or payment_cash.",
    )
    paid_on: IsoDate | None = None
    reference: str = Field("", max_length=60, description="Card authorisation or receipt number.")


@router.post(
    "/rent/accounts/{tenancy_id}/payments",
    response={201: TransactionOut},
    summary="Record a payment an officer took",
)
def take_payment(request: HttpRequest, tenancy_id: RecordId, payload: PaymentIn) -> Any:
    user = require(request, Can.MANAGE_RENT)
    account = queries.get_account_for_user(user, tenancy_id)
    return 201, _run(
        lambda: ledger.take_payment(
            account=account,
            amount=Decimal(payload.amount),
            kind=payload.kind,
            paid_on=payload.paid_on,
            reference=payload.reference,
            actor=user,
        )
    )


class ImportOut(Schema):
    filename: str
    rows: int
    posted: int
    already_imported: int
    to_suspense: int
    returned: int
    total: Decimal


@router.post(
    "/rent/payment-files",
    response={201: ImportOut},
    summary="Import a payment file (all or nothing)",
    openapi_extra=multipart_body(
        {
            "kind": {
                "type": "string",
                "enum": list(FORMATS),
                "description": f"One of: {', '.join(FORMATS)}.",
            },
            "file": {
                "type": "string",
                "format": "binary",
                "description": "The CSV file, laid out as docs/rent.md describes.",
            },
        },
        required=["kind"],
    ),
)
def upload_payment_file(request: HttpRequest) -> Any:
    """A file with any problem posts nothing and is refused (409, like every refusal by the
    rent rules) with every problem in `errors`, each as 'file:line: column: what is wrong'.

    Only a caller who may import payments has the body read at all (a 403 problem otherwise);
    a body that is not multipart/form-data is a 400 problem."""
    user = require(request, Can.MANAGE_RENT)
    form, files = form_and_files(request)
    kind = form.get("kind", "")
    if kind not in FORMATS:
        raise ApiProblem(
            422,
            f"'kind' must be one of: {', '.join(FORMATS)}.",
            type=VALIDATION_ERROR,
            title="Your request is not valid",
            errors=[
                {
                    "loc": ["form", "kind"],
                    "field": "kind",
                    "detail": f"must be one of: {', '.join(FORMATS)}",
                    "code": "enum",
                }
            ],
        )
    file = files.get("file")
    if file is None or not file.size:
        raise ApiProblem(
            409,
            "Send the CSV file in the 'file' field: it is missing or empty.",
            type=BAD_FILE,
            title="The payment file has problems",
        )
    if file.size > MAX_UPLOAD_BYTES:
        raise ApiProblem(413, "The file must be smaller than 20 MB.")
    try:
        report = import_payments(
            kind=kind, data=file.read(), filename=file.name or "upload.csv", actor=user
        )
    except PaymentFileRejected as rejected:
        errors = [
            {
                "loc": ["file", p.line or 0],
                "field": p.column or "",
                "detail": str(p),
                "code": "invalid",
            }
            for p in rejected.problems
        ]
        raise ApiProblem(
            409,
            f"{rejected}. Each error is 'file:line: column: what is wrong'.",
            type=BAD_FILE,
            title="The payment file has problems",
            errors=errors,
        ) from rejected
    return 201, report


class SuspenseOut(Schema):
    id: int
    source: str
    received_on: date
    amount: Decimal = Field(description="As it will post: negative for money received.")
    payer_name: str
    payer_reference: str
    reason: str


class AllocateIn(Schema):
    tenancy_id: int = Field(ge=1, description="The tenancy whose account the payment is for.")
    note: str = Field("", max_length=300)


@router.get(
    "/rent/suspense", response=list[SuspenseOut], summary="Payments waiting to be allocated"
)
@paginate(Pages)
def list_suspense(request: HttpRequest) -> QuerySet[SuspenseItem]:
    require(request, Can.MANAGE_RENT)
    return SuspenseItem.objects.filter(status=SuspenseStatus.OPEN).order_by("received_on", "pk")


@router.post(
    "/rent/suspense/{item_id}/allocate",
    response={201: TransactionOut},
    summary="Allocate a payment in suspense",
)
def allocate(request: HttpRequest, item_id: RecordId, payload: AllocateIn) -> Any:
    user = require(request, Can.MANAGE_RENT)
    item = SuspenseItem.objects.filter(pk=item_id, status=SuspenseStatus.OPEN).first()
    if item is None:
        raise ApiProblem(404, "There is no payment waiting in suspense with that id.")
    account = queries.get_account_for_user(user, payload.tenancy_id)
    return 201, _run(
        lambda: allocate_suspense(item=item, account=account, note=payload.note, actor=user)
    )


class CaseOut(Schema):
    ref: str
    tenancy_id: int
    status: str
    stage: str
    opened_on: date
    balance: Decimal
    risk: str
    next_action: str
    next_action_label: str
    next_action_due: date | None
    first_contact_due: date
    first_contacted_on: date | None
    owner: str | None

    @staticmethod
    def resolve_tenancy_id(case: ArrearsCase) -> int:
        return case.account.tenancy_id

    @staticmethod
    def resolve_balance(case: ArrearsCase) -> Decimal:
        return case.account.balance

    @staticmethod
    def resolve_next_action_label(case: ArrearsCase) -> str:
        try:
            return rules.Step(case.next_action).label
        except ValueError:
            return case.next_action

    @staticmethod
    def resolve_owner(case: ArrearsCase) -> str | None:
        return case.owner.username if case.owner else None


class CaseDetailOut(CaseOut):
    recommendation_why: str
    legal_action_barriers: list[str]

    @staticmethod
    def resolve_recommendation_why(case: ArrearsCase) -> str:
        return rules.recommend_next_step(case_facts(case)).why

    @staticmethod
    def resolve_legal_action_barriers(case: ArrearsCase) -> list[str]:
        return rules.legal_action_barriers(case_facts(case))


@router.get(
    "/rent/arrears-cases", response=list[CaseOut], summary="Open arrears cases, highest risk first"
)
@paginate(Pages)
def list_cases(
    request: HttpRequest,
    mine: bool = Query(False, description="Only cases assigned to you."),
    risk: str | None = Query(None, pattern="^(high|medium|low)$"),
) -> QuerySet[ArrearsCase]:
    user = require(request, Can.VIEW_RENT)
    cases = queries.work_queue(owner=user if mine else None)
    return cases.filter(risk=risk) if risk else cases


@router.get(
    "/rent/arrears-cases/{ref}",
    response=CaseDetailOut,
    summary="One arrears case with its recommended next step",
)
def get_case(request: HttpRequest, ref: str) -> ArrearsCase:
    return queries.get_case_for_user(current_user(request), ref)


class ContactIn(Schema):
    channel: str = Field(pattern="^(letter|phone|text|email|visit|in_person)$")
    contacted_on: IsoDate | None = None
    notes: str = Field("", max_length=TEXTAREA_LIMIT)
    signposted_advice: bool = False
    asked_for_income_expenditure: bool = False


class PlanIn(Schema):
    weekly_instalment: Money
    starts_on: IsoDate
    notes: str = Field("", max_length=TEXTAREA_LIMIT)


class PlanOut(Schema):
    id: int
    agreed_on: date
    starts_on: date
    weekly_instalment: Decimal
    balance_at_start: Decimal
    status: str


def _open_case(request: HttpRequest, ref: str) -> tuple[Any, ArrearsCase]:
    user = require(request, Can.MANAGE_RENT)
    return user, queries.get_case_for_user(user, ref)


@router.post(
    "/rent/arrears-cases/{ref}/contacts",
    response={201: CaseDetailOut},
    summary="Record an arrears contact",
)
def add_contact(request: HttpRequest, ref: str, payload: ContactIn) -> Any:
    user, case = _open_case(request, ref)
    _run(lambda: casework.record_arrears_contact(case=case, channel=payload.channel, contacted_on=payload.contacted_on, notes=payload.notes, actor=user,
                                                 signposted_advice=payload.signposted_advice, asked_for_income_expenditure=payload.asked_for_income_expenditure))  # fmt: skip
    return 201, queries.get_case_for_user(user, ref)


@router.post(
    "/rent/arrears-cases/{ref}/payment-plans",
    response={201: PlanOut},
    summary="Agree a payment plan",
)
def add_plan(request: HttpRequest, ref: str, payload: PlanIn) -> Any:
    user, case = _open_case(request, ref)
    plan: PaymentPlan = _run(
        lambda: casework.agree_payment_plan(
            case=case,
            weekly_instalment=Decimal(payload.weekly_instalment),
            starts_on=payload.starts_on,
            notes=payload.notes,
            actor=user,
        )
    )
    return 201, plan


class DebitRunIn(Schema):
    week_commencing: IsoDate = Field(description="The Monday the rent week starts.")


class DebitRunOut(Schema):
    week_commencing: date
    rent_free: str
    accounts: int
    transactions: int


@router.post(
    "/rent/debit-runs",
    response={201: DebitRunOut},
    summary="Charge every current tenancy for a week (once)",
)
def debit_run(request: HttpRequest, payload: DebitRunIn) -> Any:
    user = require(request, Can.MANAGE_RENT)
    return 201, _run(lambda: post_week(week_commencing=payload.week_commencing, actor=user))
