"""Dates shown at the precision they are known: never a day that was not given."""

import calendar
import datetime

from django.utils import formats

from archive.models import DatePrecision

_DISPLAY = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}
_ISO = {DatePrecision.DAY: "%Y-%m-%d", DatePrecision.MONTH: "%Y-%m", DatePrecision.YEAR: "%Y"}


def display_at_precision(day, precision) -> str:
    """ "12 novembre 2018", "octobre 2018", "2018" or "date inconnue"."""
    if not day or precision not in _DISPLAY:
        return "date inconnue"
    return formats.date_format(day, _DISPLAY[precision])


def iso_at_precision(day, precision) -> str | None:
    """ "2018-11-12", "2018-10", "2018" or None."""
    if not day or precision not in _ISO:
        return None
    return day.strftime(_ISO[precision])


def period_end(day, precision):
    """The last day of the period a date stands for: 2018-10-01 at month
    precision → 2018-10-31."""
    if not day:
        return None
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def period_of(day, precision) -> str | None:
    """ "2018-10" for an article dated to the day or the month, "2018" to the year."""
    if not day or precision not in _ISO:
        return None
    return day.strftime("%Y") if precision == DatePrecision.YEAR else day.strftime("%Y-%m")
