"""Run a search from validated parameters: one index query for the page of
results, their count and the facet counts; one database query for labels."""

import logging
import math
from dataclasses import dataclass, field

from django.conf import settings
from haystack.query import SearchQuerySet
from whoosh import query as wq

from archive.models import Article
from search.facets import facet_labels, facet_lists
from search.forms import FACETS, SORTS
from search.indexing import backend

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

    @property
    def has_filters(self):
        return any(self.params.get(name) for name in FACETS)

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


def run_search(params: dict) -> SearchOutcome:
    per_page = settings.VIGIE_RESULTS_PER_PAGE
    outcome = SearchOutcome(params=params, page=params["page"], per_page=per_page)
    if params["q"] and _parses_to_nothing(params["q"]):
        outcome.messages.append(
            "Votre recherche ne contient aucun mot à chercher (seulement des signes ou des mots trop courants). "
            'Essayez par exemple : frontière, "Garde nationale", milit*.'
        )
        return outcome
    sqs = search_queryset(params).highlight()
    for name in FACETS:
        sqs = sqs.facet(name)
    try:
        results = _page(sqs, outcome.page, per_page)
        if not results and outcome.page > 1 and sqs.count():
            # Past the last page: show the last one rather than nothing.
            outcome.page = math.ceil(sqs.count() / per_page)
            outcome.messages.append(f"Il n'y a que {outcome.page} page(s) de résultats : voici la dernière.")
            results = _page(sqs, outcome.page, per_page)
        outcome.count = sqs.count()
        counts = sqs.facet_counts().get("fields", {})
    except Exception:
        log.warning("Search failed for %r", params, exc_info=True)
        outcome.messages.append(
            "Cette recherche n'a pas pu être comprise. Vérifiez les guillemets et les parenthèses, "
            "ou cherchez des mots simples."
        )
        return outcome
    labels = facet_labels(counts, [getattr(r, "source", "") for r in results])
    outcome.hits = [_hit(result, labels["source"]) for result in results]
    outcome.facets = facet_lists(counts, params, labels)
    return outcome


def _parses_to_nothing(q):
    try:
        return backend().parse(q) is wq.NullQuery
    except Exception:  # the search below reports it with a message
        return False


def search_queryset(params):
    """The articles matching validated `params` (SearchForm.params()), in the
    requested order, as a haystack SearchQuerySet: slice it to read results."""
    sqs = SearchQuerySet().models(Article)
    sqs = sqs.raw_search(params["q"]) if params["q"] else sqs.all()
    for name in FACETS:
        if params[name]:
            sqs = sqs.narrow("{}:({})".format(name, " OR ".join(f'"{value}"' for value in params[name])))
    order = SORTS[params["sort"]][1]
    if order:
        sqs = sqs.order_by(order)
    return sqs


def _page(sqs, page, per_page):
    start = (page - 1) * per_page
    return list(sqs[start : start + per_page])


def _hit(result, names) -> Hit:
    highlighted = getattr(result, "highlighted", None) or {}
    snippet = (highlighted.get("body") or [""])[0]
    return Hit(
        slug=result.slug,
        ref=getattr(result, "ref", "") or "",
        title=result.title,
        date=result.date.date() if getattr(result, "date", None) else None,
        date_precision=result.date_precision,
        source=getattr(result, "source", "") or "",
        source_name=names.get(getattr(result, "source", ""), ""),
        url=getattr(result, "url", "") or "",
        snippet=snippet,
    )
