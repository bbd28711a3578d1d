"""/recherche/ and /api/search/: a search's results, facets, coverage chart and
suggestion, as a page or as JSON. Both read one SearchState."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive.dates import iso_at_precision
from search.query.run import run_search
from search.query.state import SORTS, SearchState
from web.coverage_chart import coverage_chart
from web.throttle import rate_limited


@require_GET
@rate_limited("search", answer="html")
def search_page(request):
    state = SearchState.from_query(request.GET)
    search = run_search(state)
    search.messages = [*state.notes, *state.problems, *search.messages]
    context = {
        "state": state,
        "search": search,
        "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        # What the reader typed in the date boxes, even if it was refused, to correct it.
        "typed": {name: request.GET.get(name, "") for name in ("date_from", "date_to")},
        "chips": state.chips(search.labels),
        "chart": coverage_chart(search.periods, search.count),
        "suggested": search.suggestion and state.replace(q=search.suggestion),
    }
    return render(request, "web/search.html", context)


@require_GET
@rate_limited("search", answer="json")
def search_api(request):
    state = SearchState.from_query(request.GET)
    if state.problems:
        return JsonResponse({"errors": list(state.problems)}, status=400, json_dumps_params={"ensure_ascii": False})
    search = run_search(state)
    return JsonResponse(
        {
            "count": search.count,
            "page": search.page,
            "num_pages": search.num_pages,
            "results": [hit_json(hit) for hit in search.hits],
            "facets": {
                name: [{k: v[k] for k in ("value", "label", "count")} for v in values]
                for name, values in search.facets.items()
            },
            "suggestion": search.suggestion,
            "timeline": timeline_json(coverage_chart(search.periods, search.count)),
            "messages": [*state.notes, *search.messages],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def hit_json(hit):
    return {
        "slug": hit.slug,
        "ref": hit.ref,
        "title": hit.title,
        "date": iso_at_precision(hit.date, hit.date_precision),
        "date_precision": hit.date_precision,
        "source": hit.source_name or None,
        "url": hit.url or None,
        "snippet": str(hit.snippet),
        "relevance": hit.relevance or None,
        # The wire story the article belongs to (its first article's slug); with
        # `stories=1`, how many other articles of the search are its copies
        # (see them with `story=<slug>`), else null.
        "story": hit.story or None,
        "copies": hit.copies,
    }


def timeline_json(chart):
    if chart is None:
        return None
    return {
        "unit": "month" if chart.unit == "mois" else "year",
        "periods": [{"label": bar.label, "count": bar.count} for bar in chart.bars],
        "undated": chart.undated,
    }
