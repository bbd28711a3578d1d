"""One search's state: what a reader asked for, validated once per request.

`SearchState.from_query(request.GET)` checks every parameter (anything
malformed becomes a message and a default, never an error page), parses the
query once (the cost limits judge that same parse, search/query/limits.py) and
gives an immutable object that every page, export, feed and link reads:
its canonical query string, "the same search with this value toggled, this
filter removed, on that page", and its description as chips.
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.conf import settings

from archive.dates import display_at_precision, period_end
from archive.models import DatePrecision
from search.query.facets import FACETS, labels_of
from search.query.limits import check_query

SORTS = {
    "relevance": ("pertinence", None),
    "newest": ("plus récents", "-newest"),
    "oldest": ("plus anciens", "oldest"),
}
# Parameters other pages add to a search URL (the rank of an article opened
# from the results, the export's full-text switch): known, not search filters.
PASSED_THROUGH = {"rang", "texte"}
MAX_PAGE = 10_000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Period:
    """A date bound as typed: "2018", "2018-10" or "2018-10-12", with the first
    and last day it covers."""

    text: str
    start: datetime.date
    end: datetime.date
    precision: str

    def __str__(self):
        return self.text


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_FRENCH_PERIOD = re.compile(r"^(?:(\d{1,2})/)?(\d{1,2})/(\d{4})$")  # 12/10/2018 or 10/2018


def parse_period(text: str) -> Period | None:
    """A year, year-month or day, in ISO or French order; None if it is none."""
    text = text.strip()
    if match := _PERIOD.match(text):
        year, month, day = match.groups()
    elif match := _FRENCH_PERIOD.match(text):
        day, month, year = match.groups()
    else:
        return None
    if day and not month:
        return None
    try:
        start = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if start.year < 1000:
        return None
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return Period(text, start, period_end(start, precision), precision)


@dataclass(frozen=True)
class Chip:
    """An active filter above the results: its name, its value as a reader
    reads it, and the search without it."""

    name: str
    label: str
    removed: "SearchState"
    phrase: str = ""  # how a title names it: "Donald Trump", "depuis octobre 2018", "sans date"


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    sort: str = "newest"  # one of SORTS, the default for the query when none was given
    page: int = 1
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet, values) in the registry's order
    date_from: Period | None = None
    date_to: Period | None = None
    undated: bool = False
    stories: bool = False  # one result per wire story, with how many copies it stands for
    all_of: tuple[str, ...] = ()  # facets whose selected values must all be in an article (AND, not OR)
    notes: tuple[str, ...] = ()  # what was changed to run it (cut, capped, reordered)
    problems: tuple[str, ...] = ()  # what was ignored or refused (the API answers 400)
    refused: bool = False  # too costly to run: finds nothing, problems say why
    parsed: object = field(default=None, compare=False, repr=False)  # the query, parsed once

    @classmethod
    def from_query(cls, query) -> "SearchState":
        """The state a request's GET (or a plain dict) describes."""
        return _SearchForm(query).state()

    @classmethod
    def browse(cls, sort="newest", page=1, **filters) -> "SearchState":
        """A search without words, filtered on values our own code chose."""
        return cls(sort=sort, page=page).narrowed(**filters)

    # Reading --------------------------------------------------------------

    def values(self, facet: str) -> tuple[str, ...]:
        return dict(self.filters).get(facet, ())

    def combine(self, facet: str) -> str:
        """How the selected values of `facet` narrow the search: "OR" or "AND"."""
        return "AND" if facet in self.all_of else FACETS[facet].combine

    def may_require_all(self, facet: str) -> bool:
        """Whether a reader can ask for all the selected values of `facet`: it
        allows it and more than one is selected."""
        return FACETS[facet].all_of and len(self.values(facet)) > 1

    @property
    def selected(self) -> dict[str, tuple[str, ...]]:
        return dict(self.filters)

    @property
    def has_filters(self) -> bool:
        return bool(self.filters or self.date_from or self.date_to or self.undated)

    @property
    def default_sort(self) -> str:
        return "relevance" if self.q else "newest"

    @property
    def order_by(self) -> str | None:
        return SORTS[self.sort][1]

    def pairs(self, page=True) -> list[tuple[str, str]]:
        """The URL parameters of this state, in a fixed order, defaults left out."""
        pairs = [("q", self.q)] if self.q else []
        pairs += [(name, value) for name, values in self.filters for value in values]
        pairs += [("all", name) for name in self.all_of]
        pairs += [(name, str(getattr(self, name))) for name in ("date_from", "date_to") if getattr(self, name)]
        if self.undated:
            pairs.append(("undated", "1"))
        if self.stories:
            pairs.append(("stories", "1"))
        if self.sort != self.default_sort:
            pairs.append(("sort", self.sort))
        if page and self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def querystring(self, page=True) -> str:
        return urlencode(self.pairs(page))

    def description(self) -> dict:
        """The search as an export describes it: dates as typed, no page."""
        description = {"q": self.q, "sort": self.sort, **{name: list(values) for name, values in self.filters}}
        if self.all_of:
            description["all"] = list(self.all_of)
        for name in ("date_from", "date_to"):
            if bound := getattr(self, name):
                description[name] = str(bound)
        if self.undated:
            description["undated"] = True
        if self.stories:
            description["stories"] = True
        return description

    def words(self) -> list[str]:
        """The query and the filter values: what names an export file."""
        return [self.q, *(value for _, values in self.filters for value in values)]

    def chips(self, labels: dict[str, dict[str, str]] | None = None) -> list[Chip]:
        """Every active filter in the registry's order, then the dates. `labels`:
        {facet: {value: label}} already known (a results page's facets); the
        others are looked up."""
        labels = labels if labels is not None else labels_of(self.selected)
        # Filters the page does not count (a story's copies) are named here.
        unnamed = {name: values for name, values in self.filters if name not in labels}
        labels = {**labels, **labels_of(unnamed)} if unnamed else labels
        chips = [
            Chip(FACETS[name].label, label, self.toggled(name, value), phrase=label)
            for name, values in self.filters
            for value in values
            for label in [labels.get(name, {}).get(value, value)]
        ]
        for name, label in (("date_from", "Depuis"), ("date_to", "Jusqu'à")):
            if bound := getattr(self, name):
                shown = display_at_precision(bound.start, bound.precision)
                chips.append(Chip(label, shown, self.replace(**{name: None}), phrase=f"{label.lower()} {shown}"))
        if self.undated:
            chips.append(Chip("Date", "sans date", self.replace(undated=False), phrase="sans date"))
        return chips

    # Other states ---------------------------------------------------------

    def replace(self, **changes) -> "SearchState":
        """This state with `changes`, on its first page unless a page is given;
        a new query is checked and parsed."""
        changes.setdefault("page", 1)
        if "q" in changes and changes["q"] != self.q:
            check = check_query(changes["q"])
            changes.update(q=check.q, parsed=check.parsed, refused=bool(check.refusal))
        return dataclasses.replace(self, **changes)

    def toggled(self, facet: str, value: str) -> "SearchState":
        """With `value` of `facet` added, or removed if it was selected."""
        values = self.values(facet)
        values = tuple(v for v in values if v != value) if value in values else (*values, value)
        return self.narrowed(**{facet: values})

    def narrowed(self, **values_by_facet) -> "SearchState":
        """With the values of some facets replaced (our code's values, not a reader's)."""
        selected = {**self.selected, **{name: tuple(values) for name, values in values_by_facet.items()}}
        filters = tuple((name, selected[name]) for name in FACETS if selected.get(name))
        # Asking for all the values of a facet means something with two of them only.
        all_of = tuple(name for name in self.all_of if len(selected.get(name, ())) > 1)
        return self.replace(filters=filters, all_of=all_of)

    def requiring_all(self, facet: str, required: bool = True) -> "SearchState":
        """With the values of `facet` combined with AND (or OR again)."""
        all_of = {*self.all_of, facet} if required else set(self.all_of) - {facet}
        return self.replace(all_of=tuple(name for name in FACETS if name in all_of))

    def on_page(self, page: int) -> "SearchState":
        return self.replace(page=page)

    def in_period(self, period: str) -> "SearchState":
        """Only the articles of one month or year (a coverage chart's bar)."""
        bound = parse_period(period)
        return self.replace(date_from=bound, date_to=bound, undated=False)

    def undated_only(self) -> "SearchState":
        return self.replace(undated=True, date_from=None, date_to=None)

    def story_copies(self, story: str) -> "SearchState":
        """Every article of one wire story, whatever the search that found it."""
        return SearchState.browse(sort="oldest", story=(story,))


# Validation -------------------------------------------------------------------


class ValueListField(forms.Field):
    """Several values of one filter (`?source=afp&source=belga`), each checked."""

    widget = forms.MultipleHiddenInput

    def __init__(self, pattern, values=(), **kwargs):
        self.pattern, self.values = pattern, values
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))

    def validate(self, values):
        bad = [v for v in values if not self.pattern.match(v)]
        if bad and self.values:
            raise forms.ValidationError(
                f"valeur non reconnue : « {bad[0][:40]} » (valeurs possibles : {', '.join(self.values)})"
            )
        if bad:
            raise forms.ValidationError(f"valeur non reconnue : « {bad[0][:40]} »")


class PeriodField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=20, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        period = parse_period(text)
        if period is None:
            raise forms.ValidationError(
                f"« {text[:20]} » n'est pas une date : écrivez une année (2018), "
                "un mois (2018-10) ou un jour (2018-10-12)."
            )
        return period


def is_on(value) -> bool:
    """A switch: on for "1", "true", "on" or "oui" (a checkbox sends "1")."""
    return str(value or "").strip().lower() in {"1", "true", "on", "oui"}


class SwitchField(forms.Field):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return is_on(value)


class _SearchForm(forms.Form):
    """Checks a request's parameters; `state()` is what the rest of the code reads."""

    q = forms.CharField(required=False, label="Rechercher", strip=True)
    sort = forms.ChoiceField(required=False, label="Trier par", choices=[(k, label) for k, (label, _) in SORTS.items()])
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    date_from = PeriodField(label="Depuis")
    date_to = PeriodField(label="Jusqu'à")
    undated = SwitchField(label="Sans date")
    stories = SwitchField(label="Une ligne par dépêche")
    all = ValueListField(re.compile(r"^[a-z]{1,20}$"), label="Tous")

    def __init__(self, data=None):
        if data is not None and hasattr(data, "getlist"):
            data = {key: data.getlist(key) if key in FACETS or key == "all" else data.get(key) for key in data}
        super().__init__(data)
        for name, facet in FACETS.items():
            self.fields[name] = ValueListField(facet.pattern, facet.values, label=facet.label)
        self.notes = []
        self.check = None
        self.unknown = sorted(set(data or {}) - set(self.fields) - PASSED_THROUGH)

    def clean_q(self):
        # Control characters mean nothing in a query, and XML (the Atom feed's title) cannot hold them.
        q = " ".join(_CONTROL_CHARACTERS.sub(" ", self.cleaned_data["q"]).split())
        limit = settings.VIGIE_MAX_QUERY_LENGTH
        if len(q) > limit:
            q = q[:limit].rsplit(" ", 1)[0] if " " in q[:limit] else q[:limit]
            self.notes.append(
                f"Votre recherche était trop longue : seuls ses {limit} premiers caractères ont été pris."
            )
        self.check = check_query(q)
        self.notes += self.check.notes
        return self.check.q

    def clean_all(self):
        names = self.cleaned_data["all"]
        wrong = [name for name in names if name not in FACETS or not FACETS[name].all_of]
        if wrong:
            raise forms.ValidationError(
                f"« {wrong[0][:20]} » : seules les personnes, les lieux, les organisations et les thèmes "
                "peuvent être exigés tous ensemble."
            )
        return names

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start.start > end.end:
            data["date_from"], data["date_to"] = end, start
            self.notes.append("Les deux dates étaient inversées : la période a été remise dans l'ordre.")
        if data.get("undated") and (start or end):
            data["date_from"] = data["date_to"] = None
            self.notes.append(
                "« Sans date » ne garde que les articles dont la date est inconnue : la période est ignorée."
            )
        return data

    def state(self) -> SearchState:
        self.is_valid()
        data = self.cleaned_data
        check = self.check if "q" in data else check_query("")
        # A refused query stays in the box to be corrected, and runs nowhere.
        problems = [
            f"Paramètre « {self.fields[name].label or name} » ignoré : {' '.join(errors)}"
            for name, errors in self.errors.items()
        ]
        problems += [f"Paramètre inconnu ignoré : « {name[:40]} »" for name in self.unknown]
        if check.refusal:
            problems.append(check.refusal)
        q = data.get("q") or ""
        sort = data.get("sort") or ""
        return SearchState(
            q=q,
            sort=sort if sort in SORTS else "relevance" if q else "newest",
            page=data.get("page") or 1,
            filters=tuple((name, data[name]) for name in FACETS if data.get(name)),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            undated=bool(data.get("undated")),
            stories=bool(data.get("stories")),
            all_of=tuple(name for name in FACETS if name in (data.get("all") or ()) and len(data.get(name) or ()) > 1),
            notes=tuple(self.notes),
            problems=tuple(problems),
            refused=bool(check.refusal),
            parsed=check.parsed,
        )
