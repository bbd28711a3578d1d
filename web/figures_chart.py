"""The chart of deployment figures over time, laid out here so the template
only draws circles and lines."""

import datetime
import math
from dataclasses import dataclass, field

from django.utils import formats

from archive.dates import display_at_precision
from archive.models import DatePrecision

# The chart, in SVG user units: the viewBox scales it to the page's width.
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 84, 16, 16, 44
PAD = 14  # keeps points at the ends of the span off the axes


@dataclass
class Point:
    x: float
    y: float
    r: float
    colour: str  # a CSS class
    href: str
    tooltip: str


@dataclass
class Tick:
    position: float
    label: str = ""
    minor: bool = False  # a label left out on narrow screens, where the text is larger


@dataclass
class DeploymentChart:
    points: list[Point]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    summary: str
    legend: list[dict] = field(default_factory=list)  # [{"name", "colour"}] of the forces drawn in colour
    has_others: bool = False  # some points are grey: another force, or none named
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def x_title(self):
        return (self.left + self.right) / 2

    @property
    def y_title(self):
        return (self.top + self.bottom) / 2


def deployment_chart(figures, colours=None) -> DeploymentChart | None:
    """Each dated figure a point: x its article's date, y its count on a
    logarithmic scale. Figures run from tens to tens of thousands: on a linear
    scale everything under a thousand would sit on the axis, while a log scale
    gives each order of magnitude the same height and shows a doubling as the
    same step wherever it happens. Figures that would be drawn on top of each
    other (a wire story's copies) share one point that names every article."""
    dated = [f for f in figures if f.article.published_on]
    if not dated:
        return None
    colours = colours or {}
    periods = [_period(f.article.published_on, f.article.date_precision) for f in dated]
    first = _month_start(min(start for start, _ in periods))
    last = _month_end(max(end for _, end in periods))
    low, high = _log_bounds(min(f.count for f in dated), max(f.count for f in dated))
    days = (last - first).days or 1

    def x(day):
        return LEFT + PAD + (WIDTH - RIGHT - LEFT - 2 * PAD) * (day - first).days / days

    def y(count):
        share = (math.log10(max(count, 1)) - math.log10(low)) / (math.log10(high) - math.log10(low))
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * share

    groups = {}
    for figure, (start, end) in zip(dated, periods, strict=True):
        spot = (round(x(start + (end - start) / 2)), round(y(figure.count)))
        groups.setdefault(spot, []).append(figure)
    points = [
        Point(
            x=px,
            y=py,
            r=min(5 + 1.5 * (len(group) - 1), 10),
            colour=f"force-{colours[group[0].force]}" if group[0].force in colours else "force-other",
            href=group[0].article.get_absolute_url(),
            tooltip=" ; ".join(_describe(figure) for figure in group),
        )
        for (px, py), group in groups.items()
    ]
    drawn = {figure.force for figure in dated}
    return DeploymentChart(
        points=points,
        legend=[{"name": name, "colour": f"force-{i}"} for name, i in colours.items() if name in drawn],
        has_others=any(point.colour == "force-other" for point in points),
        x_ticks=[
            Tick(round(x(day), 1), label, minor=i % 2 == 1) for i, (day, label) in enumerate(_month_ticks(first, last))
        ],
        y_ticks=[Tick(round(y(value), 1), _thousands(value)) for value in _log_ticks(low, high)],
        summary=(
            f"{len(dated)} chiffre{'s' * (len(dated) > 1)} daté{'s' * (len(dated) > 1)}, "
            f"de {_thousands(min(f.count for f in dated))} à {_thousands(max(f.count for f in dated))}, "
            f"entre {formats.date_format(first, 'F Y')} et {formats.date_format(last, 'F Y')}."
        ),
    )


def _describe(figure) -> str:
    article = figure.article
    said = " ".join(filter(None, [figure.qualifier, _thousands(figure.count), figure.unit]))
    force = f" ({figure.force})" if figure.force else ""
    source = f", {article.source.name}" if article.source else ""
    when = display_at_precision(article.published_on, article.date_precision)
    return f"{when} : {said}{force} — {article.title}{source}"


def _thousands(number) -> str:
    return f"{number:,}".replace(",", "\u202f")


def _period(day, precision):
    """The first and last day a date stands for: a point sits in its middle."""
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return _month_start(day), _month_end(day)
    return day, day


def _month_start(day):
    return day.replace(day=1)


def _month_end(day):
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _month_ticks(first, last):
    """Every month within a year's span, else every January, else every few
    Januaries: at most about ten labels."""
    months = []
    day = first
    while day <= last:
        months.append(day)
        day = _month_end(day) + datetime.timedelta(days=1)
    if len(months) <= 12:
        return [(m, formats.date_format(m, "N Y" if i == 0 or m.month == 1 else "N")) for i, m in enumerate(months)]
    januaries = [m for m in months if m.month == 1]
    step = max(1, math.ceil(len(januaries) / 10))
    return [(m, str(m.year)) for m in januaries[::step]]


_STEPS = (1, 2, 5)


def _log_bounds(smallest, largest):
    """The nice values (1, 2, 5 × 10ⁿ) just below the smallest count and just
    above the largest, so that no point sits on the chart's edge."""
    smallest, largest = max(smallest, 1), max(largest, 1)
    values = _nice_values(1, largest * 10)
    low = max((v for v in values if v < smallest), default=1)
    high = min(v for v in values if v > largest)
    return low, high


def _log_ticks(low, high):
    return [v for v in _nice_values(low, high) if low <= v <= high]


def _nice_values(low, high):
    values, power = [], 1
    while power <= high:
        values += [step * power for step in _STEPS if low <= step * power]
        power *= 10
    return values
