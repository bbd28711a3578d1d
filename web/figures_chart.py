"""The chart of deployment figures over time, laid out here so the template
only draws circles and lines."""

import dataclasses
import datetime
import itertools
import math
from dataclasses import dataclass, field

from django.utils import formats

from archive.dates import display_at_precision
from archive.models import DatePrecision


@dataclass(frozen=True)
class Layout:
    """One drawing's frame, in SVG user units. The viewBox scales a drawing to
    the page's width, so a phone gets a drawing of its own, about as wide as
    its screen: scaled down, the wide one's labels would be too small to read,
    and enlarged by CSS they would overlap."""

    name: str
    width: int
    height: int
    left: int
    right_margin: int
    top: int
    bottom_margin: int
    font: int  # the labels' size in user units, as vigie.css sets it
    radius: int  # a point's radius; a shared point grows up to twice that
    titles: bool  # the axes' titles; a phone's caption says them instead


WIDE = Layout("wide", 720, 320, 84, 16, 16, 44, 13, 5, titles=True)
NARROW = Layout("narrow", 340, 280, 48, 12, 12, 34, 12, 6, titles=False)
PAD = 14  # keeps points at the ends of the span off the axes
LABEL_GAP = 8  # the least room between two labels of an axis
LETTER = 0.62  # a label's character is about this share of the font size wide (digits, lower case)


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


@dataclass
class Drawing:
    layout: Layout
    points: list[Point]
    x_ticks: list[Tick]
    y_ticks: list[Tick]

    def __getattr__(self, name):
        return getattr(self.layout, name)

    @property
    def right(self):
        return self.layout.width - self.layout.right_margin

    @property
    def bottom(self):
        return self.layout.height - self.layout.bottom_margin

    @property
    def x_title(self):
        return (self.left + self.right) / 2

    @property
    def y_title(self):
        return (self.top + self.bottom) / 2


@dataclass
class DeploymentChart:
    drawings: list[Drawing]  # the wide one first
    summary: str
    legend: list[dict] = field(default_factory=list)  # [{"name", "colour"}] of the forces drawn in colour
    has_others: bool = False  # some points are grey: another force, or none named


def deployment_chart(figures, colours=None, href=None) -> DeploymentChart | None:
    """Each dated figure a point: x its article's date, y its count on a
    logarithmic scale. Figures run from tens to tens of thousands: on a linear
    scale everything under a thousand would sit on the axis, while a log scale
    gives each order of magnitude the same height and shows a doubling as the
    same step wherever it happens. Figures that would be drawn on top of each
    other (a wire story's copies) share one point that names every article.
    `href(figure)`: where a point leads (its article by default)."""
    dated = [f for f in figures if f.article.published_on]
    if not dated:
        return None
    colours = colours or {}
    drawings = [_drawing(layout, dated, colours, href) for layout in (WIDE, NARROW)]
    # A shared point takes its first figure's colour: the legend names the colours drawn.
    drawn = {point.colour for drawing in drawings for point in drawing.points}
    first, last = _span(dated)
    return DeploymentChart(
        drawings=drawings,
        legend=[{"name": name, "colour": f"force-{i}"} for name, i in colours.items() if f"force-{i}" in drawn],
        has_others=any(point.colour == "force-other" for point in drawings[0].points),
        summary=(
            f"{len(dated)} chiffre{'s' * (len(dated) > 1)} daté{'s' * (len(dated) > 1)}, "
            f"de {_thousands(min(f.count for f in dated))} à {_thousands(max(f.count for f in dated))}, "
            f"entre {formats.date_format(first, 'F Y')} et {formats.date_format(last, 'F Y')}."
        ),
    )


def _span(dated):
    periods = [_period(f.article.published_on, f.article.date_precision) for f in dated]
    return _month_start(min(start for start, _ in periods)), _month_end(max(end for _, end in periods))


def _drawing(layout, dated, colours, href) -> Drawing:
    first, last = _span(dated)
    low, high = _log_bounds(min(f.count for f in dated), max(f.count for f in dated))
    days = (last - first).days or 1
    right, bottom = layout.width - layout.right_margin, layout.height - layout.bottom_margin

    def y(count):
        share = (math.log10(max(count, 1)) - math.log10(low)) / (math.log10(high) - math.log10(low))
        return bottom - (bottom - layout.top) * share

    y_ticks = [Tick(round(y(value), 1), _thousands(value)) for value in _log_ticks(low, high, y, layout.font * 1.4)]
    # Room for the longest count label (« 100 000 ») left of the axis, and the axis title beside it.
    widest = max(len(tick.label) for tick in y_ticks) * layout.font * LETTER + LABEL_GAP
    layout = dataclasses.replace(layout, left=max(layout.left, math.ceil(widest) + (24 if layout.titles else 2)))

    def x(day):
        return layout.left + PAD + (right - layout.left - 2 * PAD) * (day - first).days / days

    groups = {}
    for figure in dated:
        start, end = _period(figure.article.published_on, figure.article.date_precision)
        spot = (round(x(start + (end - start) / 2)), round(y(figure.count)))
        groups.setdefault(spot, []).append(figure)
    points = [
        Point(
            x=px,
            y=py,
            r=min(layout.radius * (1 + 0.3 * (len(group) - 1)), 2 * layout.radius),
            colour=f"force-{colours[group[0].force]}" if group[0].force in colours else "force-other",
            href=href(group[0]) if href else group[0].article.get_absolute_url(),
            tooltip=" ; ".join(_describe(figure) for figure in group),
        )
        for (px, py), group in groups.items()
    ]
    x_ticks = [Tick(round(x(day), 1), label) for day, label in _month_ticks(first, last)]
    return Drawing(layout, points, _without_overlap(x_ticks, layout.font), y_ticks)


def _without_overlap(ticks, font):
    """Each tick keeps its mark; a label is dropped when it would touch the
    one kept before it."""
    kept_until = -math.inf
    for tick in ticks:
        half = len(tick.label) * font * LETTER / 2
        if tick.position - half < kept_until + LABEL_GAP:
            tick.label = ""
        else:
            kept_until = tick.position + half
    return ticks


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


def _log_ticks(low, high, y=None, gap=0):
    """The nice values between the bounds; when `y` (count → position) puts
    two of them closer than `gap`, only the powers of ten, then one in two…"""
    ticks = [v for v in _nice_values(low, high) if low <= v <= high]
    if y is None:
        return ticks
    powers = [v for v in ticks if str(v).strip("0") == "1"]
    for candidate in [ticks] + [powers[::stride] for stride in (1, 2, 3, 5)]:
        if all(abs(y(a) - y(b)) >= gap for a, b in itertools.pairwise(candidate)):
            return candidate
    return powers[:1]


def _nice_values(low, high):
    values, power = [], 1
    while power <= high:
        values += [step * power for step in _STEPS if low <= step * power]
        power *= 10
    return values
