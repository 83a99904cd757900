"""CSV downloads that stream: rows are written and sent a few at a time, so a download's
memory stays flat however many rows it has (a 100,000-home landlord's register)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse

# Rows written into one piece of the response.
ROWS_PER_PIECE = 500


def csv_lines(rows: Iterable[Iterable[Any]], **options: Any) -> Iterator[str]:
    """`rows` as CSV text (`csv.writer` with `options`), in pieces of a few hundred rows."""
    out = io.StringIO()
    writer = csv.writer(out, **options)
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if count % ROWS_PER_PIECE == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()


def csv_download(lines: Iterable[str], filename: str) -> StreamingHttpResponse:
    """A streamed CSV attachment."""
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
