"""The home page: what the archive holds (its size, the span of its dates), its
newest articles and the people, places, organisations and themes it covers
most. Counts and newest articles come from one browse of the search index, so
they are the numbers the search itself shows; the rest is three small queries.
The browse counts the articles about the archive's subject unless the reader
asks for all of them (web/scope.py)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive.extraction.relevance import ON_TOPIC
from archive.models import Article, Source
from search.query.run import SearchOutcome, run_search
from search.query.state import SearchState
from web.scope import Scope, scope_of

TOP = 8  # entities and recent articles shown per list


@dataclass
class DatedArticle:
    day: object
    precision: str


@dataclass
class ArchiveOverview:
    articles: int
    sources: int
    undated: int
    on_topic: int  # articles about the archive's subject (core or related)
    first: DatedArticle | None
    last: DatedArticle | None
    recent: list = field(default_factory=list)
    people: list = field(default_factory=list)
    places: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    themes: list = field(default_factory=list)

    @property
    def dated(self):
        return self.articles - self.undated


@require_GET
def home(request):
    scope = scope_of(request)
    return render(request, "web/home.html", {"overview": archive_overview(scope), "scope": scope})


def archive_overview(scope: Scope | None = None) -> ArchiveOverview:
    """What the archive holds; its newest articles and most cited in `scope` (the subject by default)."""
    scope = scope or Scope(everything=False)
    browse = run_search(SearchState.browse(relevance=scope.relevance))
    totals = Article.objects.public().aggregate(
        articles=Count("pk"),
        undated=Count("pk", filter=Q(published_on=None)),
        on_topic=Count("pk", filter=Q(relevance__in=ON_TOPIC)),
    )
    return ArchiveOverview(
        articles=totals["articles"],
        sources=Source.objects.filter(articles__held=False).distinct().count(),
        undated=totals["undated"],
        on_topic=totals["on_topic"],
        first=_dated_end(Article.objects.public().order_by("published_on", "pk")),
        last=_dated_end(Article.objects.public().order_by("-published_on", "-pk")),
        recent=browse.hits[:TOP],
        **top_entities(browse, TOP),
        themes=browse.facets.get("theme", []),
    )


def top_entities(outcome: SearchOutcome, limit: int, leave_out: str = "") -> dict[str, list[dict]]:
    """{"people": [facet, …], "places": …, "organisations": …}: the most
    mentioned entities of a search's articles, from its facet counts."""

    def top(kind):
        return [facet for facet in outcome.facets.get(kind, []) if facet["value"] != leave_out][:limit]

    return {"people": top("person"), "places": top("place"), "organisations": top("organisation")}


def _dated_end(ordered):
    # The date and its precision, so "octobre 2018" is never shown as "1 octobre 2018".
    row = ordered.filter(published_on__isnull=False).values("published_on", "date_precision").first()
    return DatedArticle(row["published_on"], row["date_precision"]) if row else None
