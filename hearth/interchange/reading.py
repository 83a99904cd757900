"""Reading interchange CSV files: bytes to (physical line, cells), and the problem report format.

Files are UTF-8 with an optional byte-order mark, RFC 4180 quoting and one header row. Line
numbers are physical lines in the file (the header is line 1), so a quoted cell that spans
lines moves every later row down, as it does in a text editor.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


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
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(
            line, f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as CSV UTF-8"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
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
