"""The search parameters, shared by the page and the API. Anything malformed
becomes a message and a default, never an error page."""

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.urls import get_script_prefix

from archive.dates import period_end
from archive.models import DatePrecision
from search.query_limits import check_query

SORTS = {
    "relevance": ("pertinence", None),
    "newest": ("plus récents", "-newest"),
    "oldest": ("plus anciens", "oldest"),
}
FACETS = {
    "year": "Année",
    "source": "Source",
    "person": "Personne",
    "place": "Lieu",
    "organisation": "Organisation",
    "theme": "Thème",
}
# Parameters other pages add to a search URL (the rank of an article opened
# from the results, the export's full-text switch): known, not search filters.
PASSED_THROUGH = {"rang", "texte"}
MAX_PAGE = 10_000
_SLUG = re.compile(r"^[-a-z0-9_]{1,220}$")  # entity slugs reach 220
_YEAR = re.compile(r"^\d{4}$")


class ValueListField(forms.Field):
    """Several values of one filter (`?source=afp&source=belga`), each checked."""

    widget = forms.MultipleHiddenInput

    def __init__(self, pattern, **kwargs):
        self.pattern = pattern
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))

    def validate(self, values):
        bad = [v for v in values if not self.pattern.match(v)]
        if bad:
            raise forms.ValidationError(f"valeur non reconnue : « {bad[0][:40]} »")


@dataclass(frozen=True)
class Period:
    """A date bound as typed: "2018", "2018-10" or "2018-10-12", with the first
    and last day it covers."""

    text: str
    start: datetime.date
    end: datetime.date
    precision: str


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


class SwitchField(forms.Field):
    """On for "1", "true", "on" or "oui" (a checkbox sends "1"); off for anything else."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return str(value or "").strip().lower() in {"1", "true", "on", "oui"}


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Rechercher", strip=True)
    sort = forms.ChoiceField(
        required=False, label="Trier par", choices=[(key, label) for key, (label, _) in SORTS.items()]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    year = ValueListField(_YEAR, label="Année")
    source = ValueListField(_SLUG, label="Source")
    person = ValueListField(_SLUG, label="Personne")
    place = ValueListField(_SLUG, label="Lieu")
    organisation = ValueListField(_SLUG, label="Organisation")
    theme = ValueListField(_SLUG, label="Thème")
    date_from = PeriodField(label="Depuis")
    date_to = PeriodField(label="Jusqu'à")
    undated = SwitchField(label="Sans date")

    def __init__(self, data=None):
        if data is not None and hasattr(data, "getlist"):
            data = {key: data.getlist(key) if key in FACETS else data.get(key) for key in data}
        super().__init__(data)
        self.notes = []
        self.refusal = None  # why the query is too costly to run (search/query_limits.py)
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
        check = check_query(q)
        self.notes += check.notes
        # A refused query stays in the box to be corrected, and runs nowhere:
        # params() marks it, problems() says why (the API answers 400).
        self.refusal = check.refusal
        return check.q

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

    def params(self) -> dict:
        """The search to run: the valid parameters, defaults for the others."""
        self.is_valid()
        data = {"q": "", "sort": "", "page": 1, "date_from": None, "date_to": None, "undated": False}
        data.update({name: [] for name in FACETS})
        data.update({k: v for k, v in self.cleaned_data.items() if v not in (None, "")})
        data["refused"] = bool(self.refusal)
        if data["sort"] not in SORTS:
            data["sort"] = "relevance" if data["q"] else "newest"
        return data

    def problems(self) -> list[str]:
        """One sentence per parameter that was ignored."""
        self.is_valid()
        messages = [
            f"Paramètre « {self.fields[name].label or name} » ignoré : {' '.join(errors)}"
            for name, errors in self.errors.items()
        ]
        messages += [f"Paramètre inconnu ignoré : « {name[:40]} »" for name in self.unknown]
        if self.refusal:
            messages.append(self.refusal)
        return messages


def search_url(params: dict, **changes) -> str:
    """The search page's address for `params` with `changes`, on its first page:
    what facet values, chips and chart bars link to. Built from validated
    parameters, so a malformed one the page ignored is not carried along."""
    return _search_path(get_script_prefix()) + "?" + querystring(params, **{"page": None, **changes})


@lru_cache(maxsize=8)
def _search_path(script_prefix: str) -> str:
    # A result page links to the search some 150 times (facet values, chips,
    # chart bars): the path is worked out once per script prefix.
    from django.urls import reverse

    return reverse("search:search")


def querystring(params: dict, **changes) -> str:
    """The URL query of a search (SearchForm.params()), with `changes` applied
    (None drops a parameter): what links that narrow or move a search build on."""
    state = {**params, **changes}
    pairs = []
    if state.get("q"):
        pairs.append(("q", state["q"]))
    for name in FACETS:
        pairs += [(name, value) for value in state.get(name) or ()]
    for name in ("date_from", "date_to"):
        value = state.get(name)
        if value:
            pairs.append((name, value.text if isinstance(value, Period) else str(value)))
    if state.get("undated"):
        pairs.append(("undated", "1"))
    default_sort = "relevance" if state.get("q") else "newest"
    if state.get("sort") and state["sort"] != default_sort:
        pairs.append(("sort", state["sort"]))
    if state.get("page") and state["page"] != 1:
        pairs.append(("page", str(state["page"])))
    return urlencode(pairs)
