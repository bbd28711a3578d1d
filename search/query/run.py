"""Run a search state: one index query for the page of results, their count and
the facet counts; one database query per kind of label. Returns data only:
pages build their links from the state (web/templatetags/links.py)."""

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from haystack.query import EmptySearchQuerySet, SearchQuerySet
from whoosh import query as wq

from archive.models import Article, DatePrecision
from search.engine.backend import collapsed_by, parsed_as, shared_query_masks
from search.engine.highlighting import snippet
from search.engine.ranking import Passage
from search.query.facets import COUNTED, FACET_LIMIT, facet_lists, labels_of
from search.query.state import SearchState
from search.query.suggestions import suggest

log = logging.getLogger(__name__)

SUGGEST_BELOW = 3  # a query finding fewer articles than this gets a "Vouliez-vous dire"


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
    relevance: str = ""  # core, related or off_topic
    story: str = ""  # slug of its wire story's first article
    copies: int | None = None  # one result per story: how many other articles of the search are its copies


@dataclass
class SearchOutcome:
    state: SearchState
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    page: int = 1
    per_page: int = 20
    facets: dict = field(default_factory=dict)  # facet_lists(): {name: [{"value", "label", "count", "selected"}]}
    messages: list[str] = field(default_factory=list)
    suggestion: str | None = None
    periods: list = field(default_factory=list)  # [("2018-10", count), ("2019", count)…]: the coverage chart's data

    @property
    def labels(self) -> dict[str, dict[str, str]]:
        """{facet: {value: label}} of the values this page names."""
        return {name: {value["value"]: value["label"] for value in values} for name, values in self.facets.items()}

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


def run_search(state: SearchState, multiselect: bool = True) -> SearchOutcome:
    """The page of results, count, facets, coverage counts and suggestion.

    With `multiselect`, a facet's counts leave its own selection out (choosing
    one person still counts the others: values of a facet combine with OR),
    at one more counting query per facet in use. Without it, every count is
    within the results (an entity page's co-mentions)."""
    outcome = SearchOutcome(state=state, page=state.page, per_page=settings.VIGIE_RESULTS_PER_PAGE)
    if state.refused:  # too costly: the state's problems say why
        return outcome
    if state.q and state.parsed is wq.NullQuery:
        outcome.messages.append(
            "Votre recherche ne contient aucun mot à chercher (seulement des signes ou des mots trop courants). "
            'Essayez par exemple : frontière, "Garde nationale", milit*.'
        )
        return outcome
    if isinstance(state.parsed, Passage):
        outcome.messages.append(
            "Texte collé : il est cherché par ses mots les plus rares, et l'article d'où il vient passe en tête."
        )
    with shared_query_masks():
        return _run(outcome, state, multiselect)


def _run(outcome, state, multiselect):
    per_page = outcome.per_page
    # A facet's counts leave its own selection out when its values combine with
    # OR; with AND (`all`), they count within the results, as other facets do.
    own = [name for name, _ in state.filters if state.combine(name) == "OR" and name in COUNTED] if multiselect else []
    sqs = search_queryset(state).highlight()
    for name in COUNTED:
        if name not in own:
            sqs = _with_facet(sqs, name, state)
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
            without_own = search_queryset(state.narrowed(**{name: ()}))
            counts[name] = _facet_counts(_with_facet(without_own, name, state)).get(name, [])
    except Exception:
        log.warning("Search failed for %r", state, exc_info=True)
        outcome.messages.append(
            "Cette recherche n'a pas pu être comprise. Vérifiez les guillemets et les parenthèses, "
            "ou cherchez des mots simples."
        )
        return outcome
    named = {name: [value for value, _ in counts.get(name, [])] for name in COUNTED}
    named["source"] += [getattr(result, "source", "") for result in results]
    labels = labels_of(named)
    outcome.hits = [_hit(result, labels["source"]) for result in results]
    outcome.facets = facet_lists(counts, state.selected, labels)
    outcome.periods = counts.get("period", [])
    # A pasted passage is corrected by nobody: its unknown words are names and typos of its own.
    if state.q and outcome.count < SUGGEST_BELOW and not isinstance(state.parsed, Passage):
        outcome.suggestion = suggest(state.q, lambda words: count_of(state.replace(q=words)) > outcome.count)
    return outcome


def _with_facet(sqs, name, state):
    # The most frequent values, and the selected ones whatever their rank.
    return sqs.facet(name, limit=FACET_LIMIT, keep=list(state.values(name)))


def _facet_counts(sqs) -> dict:
    """Facet counts without reading results (an unsliced queryset would ask
    the backend for a million of them)."""
    sqs.query.set_limits(0, 1)
    sqs.query.run()
    return sqs.query.get_facet_counts().get("fields", {})


def count_of(state: SearchState) -> int:
    """How many articles a search finds, without facets or highlighting."""
    sqs = search_queryset(state)
    sqs.query.set_limits(0, 1)
    sqs.query.run()
    return sqs.query.get_count()


def search_queryset(state: SearchState):
    """The articles matching `state`, in its order, as a haystack SearchQuerySet:
    slice it to read results. Filters are written in the query syntax Whoosh,
    Solr and Elasticsearch share. A query refused as too costly
    (search/query/limits.py) finds nothing, for every caller (exports, feeds,
    neighbours) alike."""
    if state.refused:
        return EmptySearchQuerySet()
    sqs = SearchQuerySet().models(Article)
    if state.q:
        # Whoosh runs the query the state parsed; a search server parses the text.
        sqs = parsed_as(sqs.raw_search(state.q), state.parsed)
    else:
        sqs = sqs.all()
    for name, values in state.filters:
        joined = f" {state.combine(name)} ".join(f'"{value}"' for value in values)
        sqs = sqs.narrow(f"{name}:({joined})")
    if state.undated:
        sqs = sqs.narrow(f"date_precision:{DatePrecision.UNKNOWN}")
    # An article dated "octobre 2018" overlaps a range from 2018-10-15: its
    # period starts before the range ends and ends after the range starts.
    if state.date_to:
        sqs = sqs.narrow(f"oldest:[0 TO {date_key(state.date_to.end)}]")
    if state.date_from:
        sqs = sqs.narrow(f"until:[{date_key(state.date_from.start)} TO 99999999]")
    if state.order_by:
        sqs = sqs.order_by(state.order_by)
    if state.stories:
        sqs = collapsed_by(sqs, "story")
    return sqs


def date_key(day) -> int:
    return int(day.strftime("%Y%m%d"))


class ResultChunk(list):
    count = 0  # how many articles the whole search finds


def result_chunks(state: SearchState, size: int) -> Iterator[ResultChunk]:
    """Every result of the search, in order, as lists of `size` SearchResults
    (no highlighting, no facets). Each chunk reads from a fresh queryset:
    haystack keeps every result it has read in its queryset's cache, which
    would hold the whole archive in memory by the end."""
    start = 0
    while True:
        sqs = search_queryset(state)
        results = ResultChunk(sqs[start : start + size])
        if not results:
            return
        results.count = sqs.count()
        yield results
        if len(results) < size:
            return
        start += size


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
        relevance=getattr(result, "relevance", "") or "",
        story=getattr(result, "story", "") or "",
        copies=getattr(result, "collapsed", None),
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
