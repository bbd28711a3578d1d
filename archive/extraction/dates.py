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
    TEXT = "text"  # reasoned from dates the text mentions
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


MONTHS_FR = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
MONTHS_EN = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
WEEKDAYS_FR = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_MONTH_FR = "|".join(MONTHS_FR)
_DAY = r"(?P<day>1er|\d{1,2})"
# "— Kamala Harris (@VP) June 8, 2021": the line an embedded tweet ends with.
_TWEET_DATE = re.compile(
    r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+(?P<month>" + "|".join(MONTHS_EN) + r")"
    r"\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>{'|'.join(WEEKDAYS_FR)})\s+{_DAY}\s+(?P<month>{_MONTH_FR})(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(rf"\b{_DAY}\s+(?P<month>{_MONTH_FR})\s+(?P<year>\d{{4}})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def date_in_text(text: str) -> tuple[dt.date | None, str]:
    """The publication date a text lets one reason out, with the words it rests on.

    In order of trust: the date of a tweet the article embeds (the article is
    from that day or just after), a weekday with its day and month ("lundi 29
    octobre") in the latest year the text mentions, if the weekday fits it, then
    the latest complete date written out ("13 octobre 2018") in that year. A
    weekday with no year that fits is not enough: no year is ever assumed."""
    tweets = [
        _date_or_none(int(m["year"]), MONTHS_EN[m["month"].lower()], int(m["day"]), m.group().strip())
        for m in _TWEET_DATE.finditer(text)
    ]
    if found := _latest(tweets):
        return found
    # Articles look back: the latest year they mention is the one they live in,
    # the only one a weekday may be matched to and complete dates are kept from.
    latest_year = max((int(y) for y in _YEAR.findall(text)), default=None)
    weekdays = []
    for match in _WEEKDAY_DATE.finditer(text):
        day, month = _day(match["day"]), MONTHS_FR[match["month"].lower()]
        weekday = WEEKDAYS_FR[match["weekday"].lower()]
        year = int(match["year"]) if match["year"] else latest_year
        if year and (date := _date_or_none(year, month, day, match.group()))[0] and date[0].weekday() == weekday:
            weekdays.append(date)
    if found := _latest(weekdays):
        return found
    written = [
        _date_or_none(int(m["year"]), MONTHS_FR[m["month"].lower()], _day(m["day"]), m.group())
        for m in _FULL_DATE.finditer(text)
        if int(m["year"]) == latest_year
    ]
    return _latest(written) or (None, "")


def _day(text: str) -> int:
    return 1 if text.lower() == "1er" else int(text)


def _date_or_none(year, month, day, evidence):
    date, _ = _checked(year, month, day, Precision.DAY)
    return date, evidence


def _latest(found):
    found = [item for item in found if item[0]]
    return max(found, key=lambda item: item[0]) if found else None
