"""Text cells that are safe to open in a spreadsheet. CSV injection (OWASP): a spreadsheet runs
a cell that begins with one of `= + - @`, tab or carriage return as a formula. Export writes such
a text cell with a `'` in front, which spreadsheets show as text; a cell that already begins
with `'`s before one of them gets one more, so that import, taking one `'` off a cell of `'`s
followed by one of them, gives back exactly what was exported. Every CSV Hearth writes (the
interchange files, the subject access export) goes through `escape_formula`."""

from __future__ import annotations

import re

_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def escape_formula(text: str) -> str:
    """A text cell as export writes it: made inert for spreadsheets."""
    return f"'{text}" if _FORMULA.match(text) else text


def unescape_formula(text: str) -> str:
    """The inverse of `escape_formula`, applied to every text cell an import reads."""
    return text[1:] if _ESCAPED.match(text) else text
