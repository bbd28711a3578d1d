"""The header some wire copies carry on their first line: "date 2018-10 (Belga)"."""

import re
from dataclasses import dataclass

from .dates import Precision, parse_date

_HEADER = re.compile(
    r"^\s*date\s*:?\s+(?P<date>\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)"
    r"(?:\s*\((?P<source>[^()\n]{1,40})\))?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Header:
    date: object
    precision: Precision
    source: str
    rest: str  # the text after the header


def read_header(text: str) -> Header | None:
    match = _HEADER.match(text)
    if not match:
        return None
    date, precision = parse_date(match["date"])
    return Header(date, precision, (match["source"] or "").strip(), text[match.end() :])
