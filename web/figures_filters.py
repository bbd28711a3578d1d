"""What /chiffres/ and its exports narrow the figures to: a period, a force,
an announcer, a source and a theme, read from the URL by a Django form.

Figures are database rows, not index documents, so they are filtered with the
ORM rather than through the search's state; the parameters keep the search's
names and formats (`date_from`/`date_to` parsed as search/query/state.py does,
`source` and `theme` by slug) so that a reader moving between the two pages
writes the same URL. Anything the form refuses becomes a French message and
the filter is left out; it is never an error page.
"""

import dataclasses
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Q
from django.urls import reverse

from archive.models import DatePrecision
from search.query.state import MAX_PAGE, Chip, Period, PeriodField
from web.scope import EVERYTHING, PARAMETER, Scope

# The filters chosen from lists, in the order of the form and the chips.
CHOSEN = ("force", "announcer", "source", "theme")
LABELS = {"force": "Force", "announcer": "Annoncé par", "source": "Source", "theme": "Thème"}
KNOWN = {"date_from", "date_to", "page", PARAMETER, *CHOSEN}


@dataclass(frozen=True)
class Options:
    """The values each list offers, most frequent first: [(value, label, count)]."""

    force: list
    announcer: list
    source: list
    theme: list

    def choices(self, name):
        return [(value, f"{label} ({count})") for value, label, count in getattr(self, name)]

    def label(self, name, value):
        return next((label for v, label, _ in getattr(self, name) if v == value), value)


def options_for(figures) -> Options:
    """Two queries whatever the number of figures: one groups figures by force,
    announcer and source, one counts them by their article's themes."""
    forces, announcers, sources = {}, {}, {}
    rows = figures.values("force", "announcer", "article__source__slug", "article__source__name").annotate(
        count=Count("pk")
    )
    for row in rows.order_by():
        for tally, value, label in (
            (forces, row["force"], row["force"]),
            (announcers, row["announcer"], row["announcer"]),
            (sources, row["article__source__slug"], row["article__source__name"]),
        ):
            if value:
                tally[value] = (label, tally.get(value, (label, 0))[1] + row["count"])
    themes = figures.filter(article__themes__isnull=False).values("article__themes__slug", "article__themes__name")
    themed = {
        row["article__themes__slug"]: (row["article__themes__name"], row["count"])
        for row in themes.annotate(count=Count("pk")).order_by()
    }
    return Options(*(_most_frequent(tally) for tally in (forces, announcers, sources, themed)))


def _most_frequent(tally):
    return [(value, label, count) for value, (label, count) in sorted(tally.items(), key=lambda i: (-i[1][1], i[1][0]))]


class FigureFilterForm(forms.Form):
    date_from = PeriodField(label="Depuis")
    date_to = PeriodField(label="Jusqu'à")
    force = forms.ChoiceField(required=False, label="Force")
    announcer = forms.ChoiceField(required=False, label="Annoncé par")
    source = forms.ChoiceField(required=False, label="Source")
    theme = forms.ChoiceField(required=False, label="Thème")
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, label="Page")

    def __init__(self, data, options: Options):
        # No « : » after the labels, as on the search page.
        super().__init__({key: data.get(key) for key in data}, label_suffix="")
        for name in CHOSEN:
            self.fields[name].choices = [("", "toutes" if name in ("force", "source") else "tous")] + options.choices(
                name
            )
        self.fields["force"].error_messages["invalid_choice"] = "force inconnue : « %(value)s »."
        self.fields["announcer"].error_messages["invalid_choice"] = "personne ou institution inconnue : « %(value)s »."
        for name in ("source", "theme"):
            self.fields[name].error_messages["invalid_choice"] = "valeur inconnue : « %(value)s »."
        for name, example in (("date_from", "2018 ou 2018-10"), ("date_to", "2019-06-30")):
            self.fields[name].widget.attrs.update(
                inputmode="numeric", size=10, placeholder=example, **{"aria-describedby": "figure-dates-hint"}
            )
        self.unknown = sorted(set(data) - KNOWN)
        self.notes = []

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start.start > end.end:
            data["date_from"], data["date_to"] = end, start
            self.notes.append("Les deux dates étaient inversées : la période a été remise dans l'ordre.")
        return data


@dataclass(frozen=True)
class FigureFilters:
    """The filters of one request, validated: what the page, its links and
    its exports read."""

    scope: Scope
    options: Options
    date_from: Period | None = None
    date_to: Period | None = None
    force: str = ""
    announcer: str = ""
    source: str = ""
    theme: str = ""
    page: int = 1
    problems: tuple[str, ...] = ()
    form: FigureFilterForm | None = field(default=None, compare=False, repr=False)  # as typed, to show it again
    url_name = "figures"  # where links to these filters lead (web/templatetags/links.py)

    @classmethod
    def from_query(cls, query, scope: Scope, figures) -> "FigureFilters":
        """The filters `query` (request.GET) asks for, over `figures`, the
        scope's figures; the lists offer what those figures hold."""
        options = options_for(figures)
        form = FigureFilterForm(query, options)
        form.is_valid()
        data = form.cleaned_data
        problems = [
            f"Filtre « {form.fields[name].label} » ignoré : {' '.join(_shortened(e) for e in errors)}"
            for name, errors in form.errors.items()
        ]
        problems += [f"Paramètre inconnu ignoré : « {name[:40]} »" for name in form.unknown]
        problems += form.notes
        return cls(
            scope=scope,
            options=options,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            page=data.get("page") or 1,
            problems=tuple(scope.messages) + tuple(problems),
            form=form,
            **{name: data.get(name) or "" for name in CHOSEN},
        )

    def apply(self, figures):
        """`figures` narrowed to these filters."""
        for name, lookup in (
            ("force", "force"),
            ("announcer", "announcer"),
            ("source", "article__source__slug"),
            ("theme", "article__themes__slug"),
        ):
            if value := getattr(self, name):
                figures = figures.filter(**{lookup: value})
        return figures.filter(_overlapping(self.date_from, self.date_to))

    @property
    def has_filters(self) -> bool:
        return bool(self.date_from or self.date_to or any(getattr(self, name) for name in CHOSEN))

    def pairs(self, page=True) -> list[tuple[str, str]]:
        pairs = [(PARAMETER, EVERYTHING)] if self.scope.everything else []
        pairs += [(name, getattr(self, name)) for name in CHOSEN if getattr(self, name)]
        pairs += [(name, str(getattr(self, name))) for name in ("date_from", "date_to") if getattr(self, name)]
        if page and self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def querystring(self, page=True) -> str:
        return urlencode(self.pairs(page=page))

    def href(self, page=True) -> str:
        query = self.querystring(page=page)
        return reverse(self.url_name) + (f"?{query}" if query else "")

    def replace(self, **changes) -> "FigureFilters":
        return dataclasses.replace(self, **changes)

    def on_page(self, page: int) -> "FigureFilters":
        return self.replace(page=page)

    def cleared(self) -> "FigureFilters":
        """No filter, in the same scope."""
        return FigureFilters(scope=self.scope, options=self.options)

    def cleared_href(self) -> str:
        return self.cleared().href()

    def chips(self) -> list[Chip]:
        chips = [
            Chip(LABELS[name], self.options.label(name, value), self.replace(**{name: ""}, page=1))
            for name in CHOSEN
            if (value := getattr(self, name))
        ]
        for name, label in (("date_from", "Depuis"), ("date_to", "Jusqu'à")):
            if period := getattr(self, name):
                chips.append(Chip(label, str(period), self.replace(**{name: None}, page=1)))
        return chips

    def description(self) -> dict:
        """The filters as an export states them: values as in the URL."""
        description = {"sujet": EVERYTHING if self.scope.everything else "au sujet"}
        description.update({name: value for name, value in self.pairs(page=False) if name != PARAMETER})
        return description


def _shortened(error: str) -> str:
    # The form repeats the value a reader typed: a whole pasted paragraph helps nobody.
    return error if len(error) < 160 else error[:150] + "… »."


def _overlapping(date_from, date_to) -> Q:
    """Articles whose date overlaps the period, as the search counts them: an
    article dated « octobre 2018 » is within a period from 2018-10-15, since
    the month it stands for ends after the period starts."""
    q = Q()
    if date_to:
        q &= Q(article__published_on__lte=date_to.end)
    if date_from:
        start = date_from.start
        q &= (
            Q(article__date_precision=DatePrecision.DAY, article__published_on__gte=start)
            | Q(article__date_precision=DatePrecision.MONTH, article__published_on__gte=start.replace(day=1))
            | Q(article__date_precision=DatePrecision.YEAR, article__published_on__gte=start.replace(month=1, day=1))
        )
    return q
