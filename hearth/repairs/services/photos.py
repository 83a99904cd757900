"""Photos of a repair: checked (a JPG, PNG or WebP image of at most 10MB) and re-encoded from
the pixels alone, so no metadata the camera wrote (above all GPS location) is ever stored."""

from __future__ import annotations

import io
import uuid
import warnings
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from hearth.core.casework import Actor, actor_of
from hearth.repairs.models import RepairPhoto

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# The longest side kept: plenty to see a leak, and a phone's 50-megapixel photo is not stored.
MAX_SIDE = 2560
MAX_PHOTOS = 5
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            probe.verify()
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The selected file is too large an image"))
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        ValueError,
    ) as error:
        raise ValidationError(_("The selected file must be a JPG, PNG or WebP photo")) from error
    return image


def clean_image(data: bytes) -> tuple[bytes, str, str, int, int]:
    """The photo re-encoded without metadata, turned the right way up; returns (bytes,
    content type, extension, width, height). Raises ValidationError for anything else."""
    if not data:
        raise ValidationError(_("The selected file is empty"))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The selected file must be smaller than 10MB"))
    image = _open(data)
    if image.format not in FORMATS:
        raise ValidationError(_("The selected file must be a JPG, PNG or WebP photo"))
    content_type, extension = FORMATS[image.format]
    fmt = image.format
    # Apply the camera's rotation to the pixels, since the EXIF tag saying it is dropped.
    image = ImageOps.exif_transpose(image) or image
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # A fresh image from the pixels alone: no EXIF, XMP, ICC text or PNG text chunks.
    mode = "RGB" if fmt == "JPEG" else ("RGBA" if "A" in image.getbands() else "RGB")
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))
    out = io.BytesIO()
    options: dict[str, Any] = {"quality": 85} if fmt in ("JPEG", "WEBP") else {}
    clean.save(out, format=fmt, **options)
    return out.getvalue(), content_type, extension, clean.width, clean.height


@transaction.atomic
def accept_photo(*, upload: Any, actor: Actor, repair: Any = None) -> RepairPhoto:
    """Store one uploaded photo (not yet attached to a repair unless one is given)."""
    if upload is None:
        raise ValidationError({"photo": _("Select a photo")})
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise ValidationError({"photo": _("The selected file must be smaller than 10MB")})
    try:
        data, content_type, extension, width, height = clean_image(upload.read())
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from None
    if repair is not None and repair.photos.count() >= MAX_PHOTOS:
        raise ValidationError({"photo": _("You can add up to %(n)s photos") % {"n": MAX_PHOTOS}})
    photo = RepairPhoto(
        repair=repair,
        original_name=str(getattr(upload, "name", ""))[:200],
        content_type=content_type,
        size=len(data),
        width=width,
        height=height,
        uploaded_by=actor_of(actor),
    )
    photo.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    photo.save()
    if repair is not None:
        from hearth.core import timeline

        timeline.record(
            repair,
            verb="photo_added",
            summary=_("Photo added"),
            actor=actor,
            visible_to_resident=True,
        )
    return photo
