from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hearth.repairs import services
from hearth.repairs.services.photos import clean_image


def _jpeg_with_gps(size=(64, 48)) -> bytes:  # type: ignore[no-untyped-def]
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (51.0, 33.0, 12.0), 3: "W", 4: (0.0, 3.0, 1.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_stored_without_its_location_or_other_metadata(resident):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo has GPS
    photo = services.accept_photo(
        upload=SimpleUploadedFile("leak.jpg", original, content_type="image/jpeg"), actor=resident
    )
    stored = Image.open(photo.image.open("rb"))
    assert not stored.getexif()
    assert not stored.getexif().get_ifd(0x8825)
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 64, 48)


def test_a_photo_taken_sideways_is_stored_the_right_way_up():
    image = Image.new("RGB", (60, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    _data, _type, _ext, width, height = clean_image(out.getvalue())
    assert (width, height) == (20, 60)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The selected file is empty"),
        (b"%PDF-1.4 not a photo", "must be a JPG, PNG or WebP"),
        (b"GIF89a" + b"\x00" * 40, "must be a JPG, PNG or WebP"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ValidationError) as error:
        clean_image(data)
    assert message in str(error.value)


def test_a_gif_is_refused_even_though_it_is_an_image():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    with pytest.raises(ValidationError):
        clean_image(out.getvalue())


def test_a_photo_over_10mb_is_refused(resident):
    upload = SimpleUploadedFile(
        "huge.jpg", b"\xff" * (10 * 1024 * 1024 + 1), content_type="image/jpeg"
    )
    with pytest.raises(ValidationError) as error:
        services.accept_photo(upload=upload, actor=resident)
    assert "smaller than 10MB" in str(error.value)
