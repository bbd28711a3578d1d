"""Publication dates with their precision. Never invents a date: what cannot be
read stays unknown."""

import datetime as dt
import re
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class DateSource(StrEnum):
    """How the publication date was found."""

    METADATA = "metadata"  # given with the article: front matter, JSON field, HTML meta
    HEADER = "header"  # a "date 2018-10 (Belga)" line at the top of the text
    NONE = ""


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FRENCH_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
EARLIEST_YEAR = 1800


def parse_date(value) -> tuple[dt.date | None, Precision]:
    """Read a date given as metadata: a date, "2018-10-29", "2018-10", "2018",
    an ISO timestamp or "29/10/2018". Anything else is unknown."""
    if isinstance(value, dt.datetime):
        return _checked(value.year, value.month, value.day, Precision.DAY)
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day, Precision.DAY)
    if isinstance(value, int) and not isinstance(value, bool):
        return _checked(value, 1, 1, Precision.YEAR)
    if not isinstance(value, str):
        return None, Precision.UNKNOWN
    text = value.strip()
    if match := _ISO.match(text):
        year, month, day = match.groups()
        if day:
            return _checked(int(year), int(month), int(day), Precision.DAY)
        if month:
            return _checked(int(year), int(month), 1, Precision.MONTH)
        return _checked(int(year), 1, 1, Precision.YEAR)
    if match := _FRENCH_NUMERIC.match(text):
        day, month, year = (int(g) for g in match.groups())
        return _checked(year, month, day, Precision.DAY)
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None, Precision.UNKNOWN
    return _checked(stamp.year, stamp.month, stamp.day, Precision.DAY)


def _checked(year, month, day, precision):
    if not EARLIEST_YEAR <= year <= dt.date.today().year + 1:
        return None, Precision.UNKNOWN
    try:
        return dt.date(year, month, day), precision
    except ValueError:
        return None, Precision.UNKNOWN
