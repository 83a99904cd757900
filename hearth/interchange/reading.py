"""Reading interchange files: bytes to (line, cells), and the problem report format.

CSV files are UTF-8 with an optional byte-order mark, RFC 4180 quoting and one header row. Line
numbers are physical lines in the file (the header is line 1), so a quoted cell that spans
lines moves every later row down, as it does in a text editor.

An Excel workbook (`.xlsx`) is read from its first sheet, in read-only mode so that a large
sheet is streamed; its "line" is the sheet's row number, as Excel shows it. Cells become the
text a CSV file would hold: dates `YYYY-MM-DD`, numbers without a trailing `.0`, booleans
`true`/`false`.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import, shown as `file:line: column: what is wrong`."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


class UnreadableFile(Exception):
    """The file cannot be read as CSV from `line` on: not UTF-8, or broken quoting."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, cells) for each non-blank record, the header first.

    Raises `UnreadableFile` where the text stops making sense; records before it are yielded.
    """
    if path.suffix.lower() == ".xlsx":
        yield from sheet_records(path)
        return
    _check_utf8(path)
    # Streamed: a large file is never held whole in memory.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        last_line = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise UnreadableFile(last_line + 1, f"is not valid CSV here ({error})") from None
            first_line, last_line = last_line + 1, reader.line_num
            # Spreadsheets often leave blank lines or rows of empty cells at the end.
            if not any(cell.strip() for cell in cells):
                continue
            yield first_line, cells


def _check_utf8(path: Path) -> None:
    """Raise `UnreadableFile` at the first byte that is not UTF-8, before any row is read (so
    that a file that is not text reports that alone). Read a block at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while block := handle.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            pass
        else:
            return
    data = path.read_bytes()  # only to say where: the file is not text
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(
            line, f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as CSV UTF-8"
        ) from None


def sheet_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(sheet row number, cells as text) for each non-blank row of the workbook's first sheet."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise UnreadableFile(1, f"is not an Excel workbook Hearth can read ({error})") from None
    try:
        sheet = workbook.worksheets[0]
        width: int | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(value) for value in values]
            while cells and not cells[-1].strip():
                cells.pop()  # Excel reports every row as wide as the widest
            if not cells:
                continue
            if width is None:
                width = len(cells)
            elif len(cells) < width:
                cells += [""] * (width - len(cells))
            yield number, cells
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV file would hold for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int | Decimal):
        return str(value)
    return str(value)
