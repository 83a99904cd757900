# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
from __future__ import annotations

from datetime import date

import pytest

from hearth.complaints import rules
from hearth.complaints.models import ComplaintResponse
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.core.models import Landlord
from hearth.core.notifications_render import render

PURPOSES = [
    "complaint_received",
    "complaint_acknowledged",
    "complaint_extended",
    "complaint_response",
    "complaint_final_response",
    "complaint_excluded",
]


@pytest.mark.parametrize("language", ["en-gb", "tr"])
@pytest.mark.parametrize("channel", ["email", "sms", "letter"])
def test_every_complaint_message_renders_on_every_channel_with_the_reference(db, channel, language):
    complaint = ComplaintFactory(ref="CMP-ABC234", received_on=date(2025, 6, 2))
    response = ComplaintResponse(
        complaint=complaint, stage=2, definition="The lift", decision="upheld",
        reasons="We were slow.", remedy="£50.", outstanding_actions="None.",
        how_to_escalate="Contact the Ombudsman.", sent_on=date(2025, 7, 1),
    )  # fmt: skip
    context = {
        "landlord": Landlord.current(), "name": "Rita Resident", "complaint": complaint,
        "case_ref": complaint.ref, "case_url": "https://example.org/complaints/CMP-ABC234/",
        "category": "Repairs", "ombudsman": rules.OMBUDSMAN, "stage": 2, "definition": "The lift",
        "respond_by": date(2025, 7, 1), "acknowledge_by": date(2025, 6, 9), "days": 5,
        "reason": "We need a survey.", "explanation": "It was in 2022.", "response": response,
    }  # fmt: skip
    for purpose in PURPOSES:
        rendered = render(purpose=purpose, channel=channel, language=language, context=context)
        assert rendered.subject and "{" not in rendered.body, purpose
        assert "CMP-ABC234" in rendered.subject + rendered.body, purpose
        if purpose in ("complaint_extended", "complaint_final_response", "complaint_excluded"):
            assert rules.OMBUDSMAN["phone"] in rendered.body, (purpose, channel)
        if channel == "sms":
            assert len(rendered.body) <= 480, (purpose, len(rendered.body))
        elif language == "tr":  # Turkish wording, Turkish dates
            assert rendered.body.startswith("Sayın Rita Resident,"), purpose
            if purpose in ("complaint_acknowledged", "complaint_extended"):
                assert "1 Temmuz 2025 Salı" in rendered.body, purpose
            if purpose in ("complaint_response", "complaint_final_response"):
                assert "Kararımız: şikâyetiniz haklı bulundu." in rendered.body, purpose
            if purpose == "complaint_received":
                assert "9 Haziran 2025 Pazartesi" in rendered.body, purpose
