"""The articles before and after an article in the search it was opened from.

A result link carries the search's parameters and `rang`, the result's
1-based position. The article page runs the same search again and reads the
results around that position; if the index changed since and the article moved,
it is looked for a little further around, and the navigation is left out if it
is not found."""

import logging
import math
from dataclasses import dataclass

from django.conf import settings

from search.query.run import search_queryset
from search.query.state import MAX_PAGE, SearchState

log = logging.getLogger(__name__)

RANK_PARAMETER = "rang"
# How far from the expected position a moved article is still looked for.
NEARBY = 10


@dataclass(frozen=True)
class Neighbour:
    slug: str
    title: str
    rank: int


@dataclass(frozen=True)
class SearchNeighbours:
    rank: int
    count: int
    previous: Neighbour | None
    next: Neighbour | None


def rank_from(query) -> int | None:
    """The valid `rang` of a request's parameters, or None."""
    value = (query.get(RANK_PARAMETER) or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    rank = int(value)
    return rank if 1 <= rank <= max_rank() else None


def max_rank() -> int:
    return MAX_PAGE * settings.VIGIE_RESULTS_PER_PAGE


def results_page(state: SearchState, rank: int | None) -> SearchState:
    """The search on the results page that shows `rank` (or on its own page)."""
    if not rank:
        return state
    return state.on_page(math.ceil(rank / settings.VIGIE_RESULTS_PER_PAGE))


def search_neighbours(state: SearchState, rank: int | None, slug: str) -> SearchNeighbours | None:
    """Previous and next articles around `slug` in the search `state`, or None
    when there is no rank or the article is no longer where the rank says."""
    if rank is None:
        return None
    try:
        sqs = search_queryset(state)
        found = _locate(sqs, slug, rank)
    except Exception:
        # A query the index cannot run only costs the navigation.
        log.warning("Search neighbours failed for %r", state, exc_info=True)
        return None
    if found is None:
        return None
    rank, window, start = found
    index = rank - 1 - start

    def neighbour(at):
        if not 0 <= at < len(window) or window[at] is None:
            return None
        result = window[at]
        return Neighbour(result.slug, result.title, start + at + 1)

    return SearchNeighbours(rank=rank, count=sqs.count(), previous=neighbour(index - 1), next=neighbour(index + 1))


def _locate(sqs, slug, rank):
    """(actual rank, results, offset of the first result): the results just
    around the article, first where the rank says, then a little around it."""
    for reach in (1, NEARBY):
        start = max(rank - 1 - reach, 0)
        window = _results(sqs, start, rank + reach)
        slugs = [getattr(result, "slug", None) for result in window]
        if slug in slugs:
            # The nearest occurrence to the expected position.
            at = min((i for i, s in enumerate(slugs) if s == slug), key=lambda i: abs(start + i + 1 - rank))
            return start + at + 1, window, start
    return None


def _results(sqs, start, stop):
    """Results `start` to `stop` (0-based, stop excluded): any slice, the
    backend reads hits start…stop (search/engine/backend.py)."""
    return list(sqs[start:stop])
