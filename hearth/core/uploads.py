"""What an uploaded file really is, from its first bytes (its "magic number"), never from its
name or the content type the browser sent, which anyone can change: a program renamed
`photo.jpg` is still a program. Upload points use this to refuse disguised files with a message
that says what was expected."""

from __future__ import annotations

from dataclasses import dataclass

# How many bytes `sniff` needs to see.
HEAD_BYTES = 64
# An MP3 without an ID3 tag starts with a frame header (MPEG 1 or 2, layer III).
_MP3_FRAMES = {b"\xff\xfb", b"\xff\xfa", b"\xff\xf3", b"\xff\xf2", b"\xff\xe3", b"\xff\xe2"}


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "image", "audio", "video", "document", "archive", "program"
    name: str  # what it is, in words: "a JPG photo"


def _ftyp(head: bytes) -> Sniffed | None:
    """ISO media files (MP4, MOV, M4A, HEIC) say what they are in an `ftyp` box."""
    if head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return Sniffed("image", "a HEIC photo")
    if brand in (b"M4A ", b"M4B "):
        return Sniffed("audio", "an M4A sound recording")
    if brand == b"qt  ":
        return Sniffed("video", "a MOV video")
    return Sniffed("video", "an MP4 video")


def sniff(data: bytes) -> Sniffed | None:
    """What the bytes are, or None when they match no type Hearth knows."""
    head = data[:HEAD_BYTES]
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image", "a JPG photo")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image", "a PNG image")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image", "a WebP image")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Sniffed("image", "a GIF image")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Sniffed("audio", "a WAV sound recording")
    if head.startswith(b"ID3") or head[:2] in _MP3_FRAMES:
        return Sniffed("audio", "an MP3 sound recording")
    if head.startswith(b"OggS"):
        return Sniffed("audio", "an OGG sound recording")
    if head.startswith(b"#!AMR"):
        return Sniffed("audio", "an AMR sound recording")
    if head.startswith(b"\x1aE\xdf\xa3"):
        return Sniffed("video", "a WebM video")
    found = _ftyp(head)
    if found is not None:
        return found
    if head.startswith(b"%PDF-"):
        return Sniffed("document", "a PDF document")
    if head.startswith(b"PK\x03\x04"):
        return Sniffed("archive", "a ZIP archive or Excel workbook")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return Sniffed("document", "an old-style Office document")
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        return Sniffed("program", "a program")
    if (
        head.lstrip()
        .lower()
        .startswith((b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml"))
    ):
        return Sniffed("document", "a web page or script")
    return None


def binary_instead_of_text(data: bytes) -> str | None:
    """For a file that should be text (a CSV): what it is instead, or None if it may be text."""
    found = sniff(data)
    return found.name if found is not None else None
