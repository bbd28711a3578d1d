"""Run a search from validated parameters: one index query for the page of
results, their count and the facet counts; one database query for labels."""

import logging
import math
from dataclasses import dataclass, field

from django.conf import settings
from haystack.query import EmptySearchQuerySet, SearchQuerySet
from whoosh import query as wq

from archive.models import Article, DatePrecision
from search.backend import shared_query_masks
from search.facets import FACET_LIMIT, facet_labels, facet_lists
from search.forms import FACETS, SORTS
from search.highlighting import snippet
from search.indexing import backend
from search.suggestions import suggest
from search.timeline import build_timeline

log = logging.getLogger(__name__)


@dataclass
class Hit:
    """One result, built from stored index fields only."""

    slug: str
    ref: str
    title: str
    date: object
    date_precision: str
    source: str
    source_name: str
    url: str
    snippet: str


@dataclass
class SearchOutcome:
    params: dict
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    page: int = 1
    per_page: int = 20
    facets: dict = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    suggestion: str | None = None
    timeline: object = None

    @property
    def has_filters(self):
        return any(self.params.get(name) for name in (*FACETS, "date_from", "date_to", "undated"))

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def first_index(self):
        return (self.page - 1) * self.per_page + 1 if self.count else 0

    @property
    def last_index(self):
        return min(self.page * self.per_page, self.count)


def run_search(params: dict, multiselect: bool = True) -> SearchOutcome:
    """The page of results, count, facets, coverage chart and suggestion.

    With `multiselect`, a facet's counts leave its own selection out (choosing
    one person still counts the others: values of a facet combine with OR),
    at one more counting query per facet in use. Without it, every count is
    within the results (an entity page's co-mentions)."""
    outcome = SearchOutcome(params=params, page=params["page"], per_page=settings.VIGIE_RESULTS_PER_PAGE)
    if params.get("refused"):  # too costly: the form's problems() say why
        return outcome
    if params["q"] and _parses_to_nothing(params["q"]):
        outcome.messages.append(
            "Votre recherche ne contient aucun mot à chercher (seulement des signes ou des mots trop courants). "
            'Essayez par exemple : frontière, "Garde nationale", milit*.'
        )
        return outcome
    with shared_query_masks():
        return _run(outcome, params, multiselect)


def _run(outcome, params, multiselect):
    per_page = outcome.per_page
    own = [name for name in FACETS if params[name]] if multiselect else []
    sqs = search_queryset(params).highlight()
    for name in FACETS:
        if name not in own:
            sqs = _with_facet(sqs, name, params)
    sqs = sqs.facet("period")  # every month of the chart
    try:
        results = _page(sqs, outcome.page, per_page)
        if not results and outcome.page > 1 and sqs.count():
            # Past the last page: show the last one rather than nothing.
            outcome.page = math.ceil(sqs.count() / per_page)
            outcome.messages.append(f"Il n'y a que {outcome.page} page(s) de résultats : voici la dernière.")
            results = _page(sqs, outcome.page, per_page)
        outcome.count = sqs.count()
        counts = dict(sqs.facet_counts().get("fields", {}))
        for name in own:
            counts[name] = _facet_counts(_with_facet(search_queryset({**params, name: []}), name, params)).get(name, [])
    except Exception:
        log.warning("Search failed for %r", params, exc_info=True)
        outcome.messages.append(
            "Cette recherche n'a pas pu être comprise. Vérifiez les guillemets et les parenthèses, "
            "ou cherchez des mots simples."
        )
        return outcome
    labels = facet_labels(counts, [getattr(r, "source", "") for r in results])
    outcome.hits = [_hit(result, labels["source"]) for result in results]
    outcome.facets = facet_lists({name: counts.get(name, []) for name in FACETS}, params, labels)
    outcome.timeline = build_timeline(counts.get("period", []), outcome.count, params)
    if params["q"] and outcome.count < SUGGEST_BELOW:
        outcome.suggestion = suggest(params["q"], better_than=outcome.count, params=params)
    return outcome


SUGGEST_BELOW = 3  # a query finding fewer articles than this gets a "Vouliez-vous dire"


def _with_facet(sqs, name, params):
    # The most frequent values, and the selected ones whatever their rank.
    return sqs.facet(name, limit=FACET_LIMIT, keep=list(params[name]))


def _facet_counts(sqs) -> dict:
    """Facet counts without reading results (an unsliced queryset would ask
    the backend for a million of them)."""
    sqs.query.set_limits(0, 1)
    sqs.query.run()
    return sqs.query.get_facet_counts().get("fields", {})


def count_of(params) -> int:
    """How many articles a search finds, without facets or highlighting."""
    sqs = search_queryset(params)
    sqs.query.set_limits(0, 1)
    sqs.query.run()
    return sqs.query.get_count()


def _parses_to_nothing(q):
    try:
        return backend().parse(q) is wq.NullQuery
    except Exception:  # the search below reports it with a message
        return False


def search_queryset(params):
    """The articles matching validated `params` (SearchForm.params()), in the
    requested order, as a haystack SearchQuerySet: slice it to read results.
    Filters are written in the query syntax Whoosh, Solr and Elasticsearch share.
    A query refused as too costly (search/query_limits.py) finds nothing, for
    every caller (exports, feeds, neighbours) alike."""
    if params.get("refused"):
        return EmptySearchQuerySet()
    sqs = SearchQuerySet().models(Article)
    sqs = sqs.raw_search(params["q"]) if params["q"] else sqs.all()
    for name in FACETS:
        if params[name]:
            sqs = sqs.narrow("{}:({})".format(name, " OR ".join(f'"{value}"' for value in params[name])))
    if params.get("undated"):
        sqs = sqs.narrow(f"date_precision:{DatePrecision.UNKNOWN}")
    # An article dated "octobre 2018" overlaps a range from 2018-10-15: its
    # period starts before the range ends and ends after the range starts.
    if params.get("date_to"):
        sqs = sqs.narrow(f"oldest:[0 TO {date_key(params['date_to'].end)}]")
    if params.get("date_from"):
        sqs = sqs.narrow(f"until:[{date_key(params['date_from'].start)} TO 99999999]")
    order = SORTS[params["sort"]][1]
    if order:
        sqs = sqs.order_by(order)
    return sqs


def date_key(day) -> int:
    return int(day.strftime("%Y%m%d"))


def _page(sqs, page, per_page):
    start = (page - 1) * per_page
    return list(sqs[start : start + per_page])


def _hit(result, names) -> Hit:
    return Hit(
        slug=result.slug,
        ref=getattr(result, "ref", "") or "",
        title=result.title,
        date=result.date.date() if getattr(result, "date", None) else None,
        date_precision=result.date_precision,
        source=getattr(result, "source", "") or "",
        source_name=names.get(getattr(result, "source", ""), ""),
        url=getattr(result, "url", "") or "",
        snippet=_snippet(result),
    )


def _snippet(result):
    """The passage of the body our Whoosh backend highlighted. A server's own
    highlights are of the document field, as unescaped text with <em> tags
    (a list on Elasticsearch, nothing on Solr, which does not store that
    field): its results open with the start of the body instead."""
    highlighted = getattr(result, "highlighted", None)
    if isinstance(highlighted, dict) and highlighted.get("body"):
        return highlighted["body"][0]
    return snippet(getattr(result, "body", "") or "", frozenset())
