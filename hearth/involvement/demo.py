"""Demo landlord: a TSM perception survey for each reporting year the demo covers (a random
sample sized to the Regulator's margin of error, about a third answering, by email, text,
letter, phone and face to face), and a suggestion box with answered and published
suggestions. Bulk inserts, deterministic for a seed and a day."""

from __future__ import annotations

from datetime import date, timedelta

from hearth.core import bulk
from hearth.core.demo import DemoContext, demo_step
from hearth.involvement import rules, tsm
from hearth.involvement.models import (
    Answer,
    Invitation,
    Response,
    Suggestion,
    SuggestionSource,
    SuggestionStatus,
    TsmSurvey,
)
from hearth.tenancies.models import MemberRole, TenancyMember

# How satisfied demo residents are, by question: weights for the five points of the scale
# (most to least satisfied) and "don't know".
_LEANINGS = {
    "TP01": (30, 42, 12, 9, 7, 0),
    "TP02": (28, 40, 12, 11, 9, 0),
    "TP03": (26, 38, 12, 13, 11, 0),
    "TP04": (27, 43, 13, 10, 7, 0),
    "TP05": (35, 45, 9, 6, 3, 2),
    "TP06": (20, 35, 20, 13, 8, 4),
    "TP07": (24, 40, 16, 11, 6, 3),
    "TP08": (33, 45, 12, 6, 3, 1),
    "TP09": (12, 22, 18, 22, 26, 0),
    "TP10": (22, 40, 16, 13, 9, 0),
    "TP11": (20, 38, 24, 9, 5, 4),
    "TP12": (15, 30, 24, 12, 9, 10),
}
_CHANNELS = (("email", 40), ("text", 20), ("letter", 15), ("phone", 20), ("face_to_face", 5))
_SUGGESTIONS = (
    (
        "Please put a bench near the bins at the back of the block.",
        "We put two benches by the bin store.",
    ),
    (
        "The stair lights are too dim in the evening.",
        "We fitted brighter LED lights on every landing.",
    ),
    (
        "Could repairs text us the day before they come?",
        "Repairs now send a reminder text the day before.",
    ),
    (
        "More bins for recycling on the estate, please.",
        "We added four recycling bins by the car park.",
    ),
    (
        "Tell us the dates of the estate walkabouts earlier.",
        "We now post walkabout dates a month ahead.",
    ),
    ("Can the office open later one evening a week?", ""),
)


def _weighted(ctx: DemoContext, options: list[tuple[str, int]]) -> str:
    return ctx.rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]


def _answer(ctx: DemoContext, code: str) -> str:
    question = tsm.BY_CODE[code]
    scale = [c for c, _label in question.choices if c != tsm.DONT_KNOW]
    weights = _LEANINGS[code]
    return _weighted(ctx, [*zip(scale, weights[:5], strict=True), (tsm.DONT_KNOW, weights[5])])


def _financial_years(ctx: DemoContext) -> list[tuple[date, date]]:
    start_year = ctx.today.year if ctx.today.month >= 4 else ctx.today.year - 1
    first = ctx.today - timedelta(days=365 * ctx.years)
    years = []
    year = start_year
    while date(year + 1, 3, 31) >= first:
        years.append((date(year, 4, 1), date(year + 1, 3, 31)))
        year -= 1
    return sorted(years)


@demo_step(order=120)
def tsm_surveys(ctx: DemoContext) -> None:
    leads = dict(
        TenancyMember.objects.filter(
            role=MemberRole.LEAD_TENANT, tenancy_id__in=ctx.current_tenancy_ids
        ).values_list("tenancy_id", "person_id")
    )
    pool = sorted(leads)
    asked_on: dict[int, date] = {}
    for start, end in _financial_years(ctx):
        fieldwork_start = start + timedelta(days=60)
        if fieldwork_start > ctx.today:
            continue
        fieldwork_end = min(start + timedelta(days=150), ctx.today)
        survey = TsmSurvey.objects.create(
            title=f"Tenant satisfaction survey {start.year} to {end.year}",
            year_start=start,
            year_end=end,
            opens_on=fieldwork_start,
            closes_on=min(start + timedelta(days=180), end),
            expected_response_rate=35,
        )
        eligible = [
            t
            for t in pool
            if not rules.last_asked_too_recently(asked_on.get(leads[t]), fieldwork_start)
        ]
        wanted = rules.invitations_needed(len(pool), survey.expected_response_rate)
        chosen = sorted(ctx.rng.sample(eligible, min(len(eligible), wanted)))
        invitations = bulk.insert(
            Invitation,
            [
                Invitation(
                    survey=survey,
                    tenancy_id=t,
                    person_id=leads[t],
                    channel=ctx.rng.choice(("email", "text", "letter")),
                    invited_on=fieldwork_start,
                    token=f"demo{start.year}{t}{ctx.rng.randrange(10**12):012d}",
                )
                for t in chosen
            ],
        )
        for t in chosen:
            asked_on[leads[t]] = fieldwork_start
        days = (fieldwork_end - fieldwork_start).days
        responses = []
        for invitation in invitations:
            if ctx.rng.random() > 0.36:
                continue
            responses.append(
                Response(
                    survey=survey,
                    invitation=invitation,
                    tenancy_id=invitation.tenancy_id,
                    answered_on=fieldwork_start + timedelta(days=ctx.rng.randint(0, days)),
                    channel=_weighted(ctx, list(_CHANNELS)),
                    had_repair=ctx.rng.random() < 0.6,
                    made_complaint=ctx.rng.random() < 0.12,
                    has_communal_areas=ctx.rng.random() < 0.85,
                )
            )
        bulk.insert(Response, responses)
        answers: list[Answer] = []
        for response in responses:
            filters = {
                tsm.REPAIR: response.had_repair,
                tsm.COMPLAINT: response.made_complaint,
                tsm.COMMUNAL: response.has_communal_areas,
            }
            answers.extend(
                Answer(response=response, question=code, answer=_answer(ctx, code))
                for code in tsm.CODES
                if rules.question_is_asked(code, filters)
            )
        bulk.insert(Answer, answers)


@demo_step(order=121)
def suggestion_box(ctx: DemoContext) -> None:
    rows = []
    for index, (text, did) in enumerate(_SUGGESTIONS, start=1):
        received = ctx.today - timedelta(days=30 * (len(_SUGGESTIONS) - index) + 20)
        rows.append(
            Suggestion(
                ref=f"S{index:05d}",
                text=text,
                source=SuggestionSource.PAPER if index % 2 else SuggestionSource.PORTAL,
                received_on=received,
                status=SuggestionStatus.ANSWERED if did else SuggestionStatus.NEW,
                answer="Thank you: we have done this." if did else "",
                what_we_did=did,
                answered_on=received + timedelta(days=14) if did else None,
                published=bool(did),
            )
        )
    bulk.insert(Suggestion, rows)
