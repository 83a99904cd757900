"""Oversized, wrongly typed and disguised uploads are refused with a clear message, at every
upload point (issue #10): repair photos (and the photos of fly-tipping, cleaning concerns,
inspection defects and empty homes, which go through the same check), ASB evidence, safety
certificates, payment files and the schedule of rates. What a file is comes from its first
bytes (`hearth.core.uploads`), never from its name or the content type the browser sent."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from hearth.accounts.models import ApiToken, Role
from hearth.accounts.tests.factories import UserFactory
from hearth.accounts.tests.otp import sign_in_verified
from hearth.core import uploads
from hearth.neighbourhood import services as neighbourhood
from hearth.neighbourhood.models import AsbEvidence
from hearth.rents.models import PostingBatch, Transaction
from hearth.repairs import portal_views
from hearth.repairs.models import Rate, RepairPhoto
from hearth.repairs.services.costs import import_rates
from hearth.repairs.services.photos import accept_photo, clean_image
from hearth.safety.services import check_certificate

pytestmark = pytest.mark.django_db

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56  # a Windows program
HTML = b"<!DOCTYPE html><script>alert(1)</script>"
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 30  # an .xlsx is a ZIP


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "GIF")
    return out.getvalue()


def _file(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# What the first bytes say -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind", "name"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image", "a JPG photo"),
        (_png(), "image", "a PNG image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image", "a WebP image"),
        (b"\x00\x00\x00\x18ftypheic", "image", "a HEIC photo"),
        (b"ID3\x04\x00", "audio", "an MP3 sound recording"),
        (b"\x00\x00\x00\x20ftypM4A ", "audio", "an M4A sound recording"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio", "a WAV sound recording"),
        (b"\x00\x00\x00\x18ftypisom", "video", "an MP4 video"),
        (b"\x00\x00\x00\x14ftypqt  ", "video", "a MOV video"),
        (b"\x1aE\xdf\xa3\x01\x00", "video", "a WebM video"),
        (PDF, "document", "a PDF document"),
        (ZIP, "archive", "a ZIP archive or Excel workbook"),
        (PROGRAM, "program", "a program"),
        (HTML, "document", "a web page or script"),
    ],
)
def test_a_file_is_known_by_its_first_bytes(data: bytes, kind: str, name: str) -> None:
    assert uploads.sniff(data) == uploads.Sniffed(kind, name)


def test_text_is_not_mistaken_for_anything() -> None:
    assert uploads.sniff(b"code,description\nA1,Tap washer\n") is None
    assert uploads.sniff("a,b\n".encode("utf-16")) is None  # its BOM is not an MP3 frame
    assert uploads.binary_instead_of_text(b"tenancy_ref,amount\n") is None


# Photos --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The selected file is empty"),
        (PROGRAM, "The selected file must be a JPG, PNG or WebP photo"),
        (HTML, "The selected file must be a JPG, PNG or WebP photo"),
        (PDF, "The selected file must be a JPG, PNG or WebP photo"),
        (_gif(), "The selected file must be a JPG, PNG or WebP photo"),
        (_png()[:40], "The selected file must be a JPG, PNG or WebP photo"),  # cut short
        (b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024), "The selected file must be smaller than 10MB"),
    ],
)  # fmt: skip
def test_a_photo_that_is_not_one_is_refused_with_a_reason(data: bytes, message: str) -> None:
    """The one check every photo goes through: repairs, fly-tipping, cleaning concerns,
    inspection defects and empty homes all call `clean_image`."""
    with pytest.raises(ValidationError) as caught:
        clean_image(data)
    assert caught.value.messages == [message]


def test_a_program_named_photo_jpg_is_refused_on_the_repair_report_page(
    client: Client, resident: Any
) -> None:
    client.force_login(resident)
    session = client.session
    session[portal_views.KEY] = {"description": "Tap drips"}
    session.save()
    url = reverse("repairs_portal:report-photos")
    response = client.post(url, {"photo": _file("photo.jpg", PROGRAM, "image/jpeg")})
    assert response.status_code == 200
    assert "The selected file must be a JPG, PNG or WebP photo" in response.content.decode()
    assert not RepairPhoto.objects.exists()
    big = client.post(
        url,
        {"photo": _file("big.jpg", b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024), "image/jpeg")},
    )
    assert "The selected file must be smaller than 10MB" in big.content.decode()
    assert not RepairPhoto.objects.exists()
    good = client.post(url, {"photo": _file("tap.png", _png(), "image/png")})
    assert good.status_code == 302 and RepairPhoto.objects.count() == 1


def test_accept_photo_refuses_a_disguised_file_and_stores_nothing() -> None:
    with pytest.raises(ValidationError) as caught:
        accept_photo(upload=_file("leak.png", HTML, "image/png"), actor=None)
    assert caught.value.message_dict == {
        "photo": ["The selected file must be a JPG, PNG or WebP photo"]
    }
    assert not RepairPhoto.objects.exists()


# ASB evidence --------------------------------------------------------------------------------


@pytest.fixture
def asb_case(resident: Any, officer: Any) -> Any:
    return neighbourhood.open_asb_case(category="Noise", description="Music", channel="portal",
                                       actor=None, complainant=resident.person)  # fmt: skip


EVIDENCE_REFUSED = (
    "The file must be a photo (JPG, PNG, WebP or HEIC), a sound recording (MP3, M4A, WAV or "
    "OGG), a video (MP4, MOV or WebM) or a PDF"
)


@pytest.mark.parametrize(
    ("name", "data", "content_type", "message"),
    [
        ("noise.mp3", PROGRAM, "audio/mpeg", EVIDENCE_REFUSED),
        ("photo.jpg", HTML, "image/jpeg", EVIDENCE_REFUSED),
        ("notes.docx", ZIP, "application/octet-stream", EVIDENCE_REFUSED),
        ("empty.mp3", b"", "audio/mpeg", "The selected file is empty"),
    ],
)
def test_disguised_or_empty_asb_evidence_is_refused_on_the_portal(
    client: Client, resident: Any, asb_case: Any, name: str, data: bytes, content_type: str,
    message: str,
) -> None:  # fmt: skip
    client.force_login(resident)
    url = reverse("neighbourhood_portal:asb-evidence", args=[asb_case.ref])
    response = client.post(url, {"file": _file(name, data, content_type)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AsbEvidence.objects.exists()


def test_asb_evidence_is_kept_as_what_its_bytes_say_not_what_the_browser_said(
    asb_case: Any,
) -> None:
    video = _file("clip.mp3", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 20, "audio/mpeg")
    evidence = neighbourhood.upload_evidence(case=asb_case, upload=video, actor=None)
    assert evidence.kind == "video"
    photo = _file("shot.bin", _png(), "application/octet-stream")
    assert neighbourhood.upload_evidence(case=asb_case, upload=photo, actor=None).kind == "photo"


def test_oversized_asb_evidence_is_refused(asb_case: Any) -> None:
    big = _file("long.mp3", b"ID3" + b"\x00" * (50 * 1024 * 1024), "audio/mpeg")
    with pytest.raises(ValidationError) as caught:
        neighbourhood.upload_evidence(case=asb_case, upload=big, actor=None)
    assert caught.value.message_dict == {"file": ["The file must be smaller than 50MB"]}
    assert not AsbEvidence.objects.exists()


# Safety certificates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The selected file is empty"),
        (_png(), "The selected file must be a PDF"),
        (b"%PDF-1.7 but cut short", "The selected file must be a PDF"),
        (HTML + b"%%EOF", "The selected file must be a PDF"),
        (b"%PDF-" + b"\x00" * (10 * 1024 * 1024) + b"%%EOF", "The selected file must be smaller than 10MB"),
    ],
)  # fmt: skip
def test_a_certificate_that_is_not_a_pdf_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_certificate(_file("gas-safety.pdf", data, "application/pdf"))
    assert caught.value.message_dict == {"certificate": [message]}


def test_a_real_pdf_certificate_is_accepted() -> None:
    check_certificate(_file("gas-safety.pdf", PDF, "application/pdf"))


# Payment files -------------------------------------------------------------------------------


@pytest.fixture
def income_officer(db: Any) -> Any:
    return UserFactory(role=Role.INCOME_OFFICER)


@pytest.mark.parametrize(
    ("data", "what"),
    [(ZIP, "a ZIP archive or Excel workbook"), (PDF, "a PDF document"), (_png(), "a PNG image"),
     (PROGRAM, "a program")],
)  # fmt: skip
def test_a_disguised_payment_file_is_refused_by_the_api_saying_what_it_is(
    income_officer: Any, data: bytes, what: str
) -> None:
    _, raw = ApiToken.issue(user=income_officer, name="Test")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    response = client.post(
        "/api/v1/rent/payment-files",
        {"kind": "standing_order", "file": _file("payments.csv", data, "text/csv")},
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["detail"] == (
        f"payments.csv:1: is {what}, not a CSV file; save it as CSV UTF-8"
    )
    assert not PostingBatch.objects.exists() and not Transaction.objects.exists()


def test_an_oversized_payment_file_is_refused_on_the_page_and_by_the_api(
    client: Client, income_officer: Any
) -> None:
    big = b"tenancy_ref,amount\n" + b"x" * (20 * 1024 * 1024)
    _, raw = ApiToken.issue(user=income_officer, name="Test")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    response = api.post(
        "/api/v1/rent/payment-files",
        {"kind": "standing_order", "file": _file("payments.csv", big, "text/csv")},
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "The file must be smaller than 20 MB."
    client.force_login(income_officer)
    page = client.post(
        reverse("rents:imports"),
        {"kind": "standing_order", "file": _file("payments.csv", big, "text/csv")},
    )
    assert "The selected file must be smaller than 20 MB" in page.content.decode()
    assert not PostingBatch.objects.exists()


def test_a_workbook_renamed_csv_is_refused_on_the_payment_files_page(
    client: Client, income_officer: Any
) -> None:
    client.force_login(income_officer)
    page = client.post(
        reverse("rents:imports"),
        {"kind": "standing_order", "file": _file("payments.csv", ZIP, "text/csv")},
    )
    text = page.content.decode()
    assert "is a ZIP archive or Excel workbook, not a CSV file; save it as CSV UTF-8" in text
    assert not PostingBatch.objects.exists()


# The schedule of rates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (ZIP, "The file is a ZIP archive or Excel workbook, not a CSV file; save it as CSV UTF-8"),
        (PDF, "The file is a PDF document, not a CSV file; save it as CSV UTF-8"),
        (b"code,description,unit_price\nA\x001,Tap,1.00\n",
         "The file holds a NUL character (a zero byte); save it as CSV UTF-8"),
        (b"code,description,unit_price\n" + b"x" * (5 * 1024 * 1024), "The file must be smaller than 5MB"),
    ],
)  # fmt: skip
def test_a_disguised_or_oversized_schedule_of_rates_is_refused(data: bytes, problem: str) -> None:
    result = import_rates(data=data, actor=None)
    assert result.problems == [problem]
    assert not Rate.objects.exists()


def test_the_rates_page_shows_why_a_workbook_was_refused(client: Client, manager: Any) -> None:
    sign_in_verified(client, manager)
    page = client.post(reverse("repairs:rates"), {"file": _file("rates.csv", ZIP, "text/csv")})
    assert "not a CSV file; save it as CSV UTF-8" in page.content.decode()
    assert not Rate.objects.exists()
