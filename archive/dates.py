"""Dates shown at the precision they are known: never a day that was not given."""

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
