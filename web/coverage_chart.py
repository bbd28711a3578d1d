"""Coverage over time for any search: articles per month or per year, counted
from the index's `period` facet ("2018-10", or "2018" for articles dated to the
year only), laid out here so the template only draws rectangles. Each bar names
its period; the template links it to the search within that period."""

import datetime
from dataclasses import dataclass, field

from django.utils import formats

MAX_MONTHS = 48  # beyond four years, months are too thin to read: count by year
WIDTH, HEIGHT, AXIS = 720, 120, 22
TOP = 16  # room above the tallest bar for its count  # SVG user units; the chart scales with CSS
LABEL_ROOM = 32  # half the widest axis label (« sept. 2022 »)


@dataclass
class Bar:
    label: str  # "octobre 2018", "2018"
    short: str  # the axis label, when shown: "oct. 2018", "2018"
    count: int
    period: str  # "2018-10" or "2018": the search narrowed to this bar
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    label_x: float = 0
    count_y: float = 0
    show_label: bool = False


@dataclass
class Timeline:
    unit: str  # "mois" or "année"
    bars: list[Bar] = field(default_factory=list)
    year_only: int = 0  # articles dated to the year only (not placed on a month chart)
    undated: int = 0
    peak: int = 0
    show_counts: bool = False
    width: int = WIDTH
    height: int = HEIGHT + AXIS

    @property
    def view_box(self) -> str:
        # Room on both sides for the first and last axis labels, centred under
        # their bars (« janv. 2019 » under a thin first bar would start left of 0).
        return f"{-LABEL_ROOM} 0 {self.width + 2 * LABEL_ROOM} {self.height}"

    baseline: int = HEIGHT

    @property
    def dated(self):
        return sum(bar.count for bar in self.bars)


def coverage_chart(period_counts, total: int) -> Timeline | None:
    """The chart of a search's dated articles, or None when none is dated."""
    months, years = {}, {}
    for value, count in period_counts:
        if not value or not count:
            continue
        if len(value) == 7:
            months[(int(value[:4]), int(value[5:]))] = count
        else:
            years[int(value)] = years.get(int(value), 0) + count
    if not months and not years:
        return None
    first = min([*months, *((y, 1) for y in years)])
    last = max([*months, *((y, 12) for y in years)])
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    undated = max(0, total - sum(months.values()) - sum(years.values()))
    if span <= MAX_MONTHS and months:
        timeline = Timeline("mois", _month_bars(months, first, span), year_only=sum(years.values()))
    else:
        for (year, _), count in months.items():
            years[year] = years.get(year, 0) + count
        timeline = Timeline("année", _year_bars(years, first[0], last[0]))
    timeline.undated = undated
    _lay_out(timeline)
    return timeline


def _month_bars(counts, first, span):
    bars = []
    year, month = first
    for _ in range(span):
        period = f"{year}-{month:02d}"
        day = datetime.date(year, month, 1)
        bars.append(
            Bar(
                label=formats.date_format(day, "F Y"),
                # Month names alone are ambiguous: Januaries and the first bar carry their year.
                short=formats.date_format(day, "N Y" if month == 1 or not bars else "N"),
                count=counts.get((year, month), 0),
                period=period,
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return bars


def _year_bars(counts, first, last):
    return [
        Bar(label=str(year), short=str(year), count=counts.get(year, 0), period=str(year))
        for year in range(first, last + 1)
    ]


def _lay_out(timeline):
    bars = timeline.bars
    timeline.peak = max(bar.count for bar in bars)
    slot = WIDTH / len(bars)
    gap = min(slot * 0.2, 4)
    # Label at most ~12 bars so the axis stays legible, always the first and last.
    step = max(1, round(len(bars) / 12))
    for i, bar in enumerate(bars):
        bar.width = round(slot - gap, 2)
        bar.x = round(i * slot + gap / 2, 2)
        # Two units at least, so a bar of one article among hundreds can still be seen and clicked.
        bar.height = round(max(2, (HEIGHT - TOP) * bar.count / timeline.peak), 2) if bar.count else 0
        bar.y = round(HEIGHT - bar.height, 2)
        bar.label_x = round(bar.x + bar.width / 2, 2)
        bar.show_label = i % step == 0
        bar.count_y = round(bar.y - 4, 2)
    timeline.show_counts = len(bars) <= 24
