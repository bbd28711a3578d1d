"""The home page: what the archive holds (its size, the span of its dates), its
newest articles and the people, places, organisations and themes it covers
most. Counts and newest articles come from one browse of the search index, so
they are the numbers the search itself shows; the rest is three small queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive.models import Article, Source
from search.query.run import SearchOutcome, run_search
from search.query.state import SearchState

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
    return render(request, "web/home.html", {"overview": archive_overview()})


def archive_overview() -> ArchiveOverview:
    browse = run_search(SearchState.browse())
    totals = Article.objects.aggregate(articles=Count("pk"), undated=Count("pk", filter=Q(published_on=None)))
    return ArchiveOverview(
        articles=totals["articles"],
        sources=Source.objects.filter(articles__isnull=False).distinct().count(),
        undated=totals["undated"],
        first=_dated_end(Article.objects.order_by("published_on", "pk")),
        last=_dated_end(Article.objects.order_by("-published_on", "-pk")),
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
