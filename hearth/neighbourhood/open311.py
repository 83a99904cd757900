"""An Open311 GeoReport v2 endpoint (http://wiki.open311.org/GeoReport_v2), JSON format, so that
FixMyStreet-style clients can report fly-tipping and cleaning problems on the estates.

- `GET services.json`: the service list (`flytipping`, `cleaning`).
- `GET services/<code>.json`: a service definition; its one attribute, `block`, says which
  block (a single-value list of the landlord's block references). `address_id` may carry the
  block reference instead.
- `POST requests.json`: create a request (form-encoded; `api_key` is a Hearth API token);
  rate-limited per token's user (`open311-create`): past it, a 429 with `Retry-After`.
- `GET requests/<id>.json`: one request's status.
- `GET requests.json`: requests filtered by `service_request_id`, `service_code`, `start_date`,
  `end_date` and `status` (default: the last 90 days; at most 1,000).

Errors are the specification's list of `{"code", "description"}` with a 4xx status, never a
500. Nothing personal about a reporter is ever returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from hearth.core.api.problems import ApiProblem
from hearth.core.permissions import can
from hearth.core.ratelimits import CLIENT, api_limit
from hearth.neighbourhood import services
from hearth.neighbourhood.capabilities import Cap
from hearth.neighbourhood.models import CleaningConcern, FlyTipReport, FlyTipStatus

AGENCY = "Estate services"
MAX_RESULTS = 1000
DEFAULT_DAYS = 90
SERVICES = {
    "flytipping": {
        "service_name": "Fly-tipping",
        "description": "Rubbish dumped on the estate. We remove it within 3 working days.",
        "group": "Estates",
        "keywords": "rubbish,dumping,fly-tipping,bulky waste",
        "notice": "We will remove it within 3 working days.",
    },
    "cleaning": {
        "service_name": "Cleaning of a block",
        "description": "The shared areas of a block were not cleaned to the schedule. We answer within 3 working days.",
        "group": "Estates",
        "keywords": "cleaning,dirty,stairs,landing",
        "notice": "We will answer within 3 working days.",
    },
}


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False)


def _iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _day_start(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


@require_GET
def service_list(request: HttpRequest) -> JsonResponse:
    return _json([
        {"service_code": code, "service_name": s["service_name"], "description": s["description"],
         "metadata": True, "type": "realtime", "keywords": s["keywords"], "group": s["group"]}
        for code, s in SERVICES.items()
    ])  # fmt: skip


@require_GET
def service_definition(request: HttpRequest, code: str) -> JsonResponse:
    if code not in SERVICES:
        return _error(404, f"There is no service {code}.")
    from hearth.estates.models import Block

    blocks = Block.objects.select_related("estate").order_by("estate__name", "name")
    return _json({
        "service_code": code,
        "attributes": [{
            "variable": True, "code": "block", "datatype": "singlevaluelist", "required": True,
            "datatype_description": "The block it is in or next to.", "order": 1,
            "description": "Which block?",
            "values": [{"key": b.ref, "name": f"{b.name}, {b.estate.name}"} for b in blocks],
        }],
    })  # fmt: skip


def _flytip_row(report: FlyTipReport) -> dict[str, Any]:
    closed = report.removed_on is not None
    return {
        "service_request_id": report.ref,
        "status": "closed" if closed else "open",
        "status_notes": f"Removed on {report.removed_on:%-d %B %Y}" if closed else "",
        "service_name": SERVICES["flytipping"]["service_name"],
        "service_code": "flytipping",
        "description": report.description,
        "agency_responsible": AGENCY,
        "service_notice": SERVICES["flytipping"]["notice"],
        "requested_datetime": _iso(report.received_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": _iso(_day_start(report.due_on) + timedelta(hours=17)),
        "address": f"{report.location}, {report.block.name}",
        "address_id": report.block.ref,
        "zipcode": report.block.postcode,
        "lat": float(report.latitude) if report.latitude is not None else None,
        "long": float(report.longitude) if report.longitude is not None else None,
        "media_url": "",
    }


def _concern_row(concern: CleaningConcern) -> dict[str, Any]:
    closed = concern.responded_on is not None
    return {
        "service_request_id": concern.ref,
        "status": "closed" if closed else "open",
        "status_notes": concern.response if closed else "",
        "service_name": SERVICES["cleaning"]["service_name"],
        "service_code": "cleaning",
        "description": concern.description,
        "agency_responsible": AGENCY,
        "service_notice": SERVICES["cleaning"]["notice"],
        "requested_datetime": _iso(_day_start(concern.received_on)),
        "updated_datetime": _iso(_day_start(concern.responded_on or concern.received_on)),
        "expected_datetime": _iso(_day_start(concern.due_on) + timedelta(hours=17)),
        "address": concern.block.name,
        "address_id": concern.block.ref,
        "zipcode": concern.block.postcode,
        "lat": None,
        "long": None,
        "media_url": "",
    }


@require_GET
def request_status(request: HttpRequest, ref: str) -> JsonResponse:
    report = FlyTipReport.objects.select_related("block").filter(ref=ref).first()
    if report is not None:
        return _json([_flytip_row(report)])
    concern = CleaningConcern.objects.select_related("block").filter(ref=ref).first()
    if concern is not None:
        return _json([_concern_row(concern)])
    return _error(404, f"There is no service request {ref}.")


def _parse_when(value: str, name: str) -> datetime:
    parsed = parse_datetime(value.strip().replace(" ", "+")) if value else None
    if parsed is None:
        raise ValueError(f"{name} must be an ISO 8601 date and time, like 2026-03-01T00:00:00Z")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _api_user(raw: str) -> Any:
    from hearth.accounts.models import ApiToken, hash_token

    if not raw:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw), revoked_at__isnull=True).first()  # fmt: skip
    if token is None or not can(token.user, Cap.HANDLE_ESTATE_REPORTS):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def _create(request: HttpRequest) -> JsonResponse:
    data = request.POST
    user = _api_user(data.get("api_key", ""))
    if user is None:
        return _error(403, "A valid api_key is required to create a service request.")
    try:  # counted per API token's user: a client stuck in a loop cannot flood the queues
        api_limit(request, "open311-create", key=CLIENT, value=f"user:{user.pk}")
    except ApiProblem as refused:
        response = _error(429, refused.detail)
        for header, value in refused.headers.items():
            response[header] = value
        return response
    code = data.get("service_code", "")
    if code not in SERVICES:
        return _error(400, "service_code must be one of: " + ", ".join(SERVICES) + ".")
    block_ref = data.get("attribute[block]") or data.get("address_id") or ""
    from hearth.estates.models import Block

    block = Block.objects.filter(ref=block_ref).first() if block_ref else None
    if block is None:
        return _error(400, "attribute[block] must be the reference of one of the landlord's blocks (see the service definition).")  # fmt: skip
    try:
        lat = Decimal(data["lat"]) if data.get("lat") else None
        lng = Decimal(data["long"]) if data.get("long") else None
    except InvalidOperation:
        return _error(400, "lat and long must be decimal numbers.")
    name = " ".join(p for p in (data.get("first_name", ""), data.get("last_name", "")) if p).strip()
    description = data.get("description", "").strip()
    if data.get("media_url"):
        description = f"{description}\nPhoto: {data['media_url']}".strip()
    try:
        if code == "flytipping":
            created: Any = services.report_flytipping(
                block=block, location=data.get("address_string") or description[:300] or block.name,
                description=description, channel="open311", name=name, email=data.get("email", ""),
                phone=data.get("phone", ""), latitude=lat, longitude=lng, actor=user,
            )  # fmt: skip
        else:
            created = services.report_cleaning_concern(
                block=block, description=description, channel="open311", name=name,
                email=data.get("email", ""), phone=data.get("phone", ""), actor=user,
            )  # fmt: skip
    except ValidationError as error:
        messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        return _error(400, messages)
    return _json([{"service_request_id": created.ref, "service_notice": SERVICES[code]["notice"], "account_id": None}], status=201)  # fmt: skip


def _rows(data: Any) -> Iterable[dict[str, Any]]:
    ids = [i.strip() for i in data.get("service_request_id", "").split(",") if i.strip()]
    codes = [c.strip() for c in data.get("service_code", "").split(",") if c.strip()] or list(
        SERVICES
    )
    statuses = [s.strip() for s in data.get("status", "").split(",") if s.strip()]
    if any(c not in SERVICES for c in codes):
        raise ValueError("service_code must be one of: " + ", ".join(SERVICES) + ".")
    if any(s not in ("open", "closed") for s in statuses):
        raise ValueError("status must be open or closed.")
    reports = FlyTipReport.objects.select_related("block").exclude(status=FlyTipStatus.DUPLICATE)
    concerns = CleaningConcern.objects.select_related("block")
    if ids:
        found = [_flytip_row(r) for r in reports.filter(ref__in=ids)]
        return found + [_concern_row(c) for c in concerns.filter(ref__in=ids)]
    end = _parse_when(data["end_date"], "end_date") if data.get("end_date") else timezone.now()
    start = _parse_when(data["start_date"], "start_date") if data.get("start_date") else end - timedelta(days=DEFAULT_DAYS)  # fmt: skip
    if start > end:
        raise ValueError("start_date must be before end_date.")
    rows: list[dict[str, Any]] = []
    if "flytipping" in codes:
        chosen = reports.filter(received_at__gte=start, received_at__lte=end)
        if statuses == ["open"]:
            chosen = chosen.filter(removed_on__isnull=True)
        elif statuses == ["closed"]:
            chosen = chosen.filter(removed_on__isnull=False)
        rows += [_flytip_row(r) for r in chosen.order_by("-received_at")[:MAX_RESULTS]]
    if "cleaning" in codes:
        local_start, local_end = timezone.localtime(start).date(), timezone.localtime(end).date()
        picked = concerns.filter(received_on__gte=local_start, received_on__lte=local_end)
        if statuses == ["open"]:
            picked = picked.filter(responded_on__isnull=True)
        elif statuses == ["closed"]:
            picked = picked.filter(responded_on__isnull=False)
        rows += [_concern_row(c) for c in picked.order_by("-received_on")[:MAX_RESULTS]]
    rows.sort(key=lambda row: row["requested_datetime"] or "", reverse=True)
    return rows[:MAX_RESULTS]


@csrf_exempt
def requests_view(request: HttpRequest) -> JsonResponse:
    if request.method == "POST":
        return _create(request)
    if request.method != "GET":
        return _error(405, "Use GET to list service requests or POST to create one.")
    try:
        return _json(list(_rows(request.GET)))
    except ValueError as error:
        return _error(400, str(error))
