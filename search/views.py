from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive.dates import iso_at_precision
from search.facets import selected_filters
from search.forms import FACETS, SearchForm, querystring
from search.help import EXAMPLES
from search.query import run_search


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    params = form.params()
    search = run_search(params)
    search.messages = form.notes + form.problems() + search.messages
    context = {
        "form": form,
        "search": search,
        "chips": selected_filters(params, search.facets),
        "state": querystring(params, page=None),
        "kept_filters": [(name, value) for name in FACETS for value in params[name]],
        "suggestion_url": search.suggestion and "?" + querystring(params, q=search.suggestion, page=None),
    }
    return render(request, "search/search.html", context)


@require_GET
def help_page(request):
    return render(request, "search/help.html", {"examples": EXAMPLES})


@require_GET
def search_api(request):
    form = SearchForm(request.GET)
    problems = form.problems()
    if problems:
        return JsonResponse({"errors": problems}, status=400)
    search = run_search(form.params())
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
            "timeline": timeline_json(search.timeline),
            "messages": form.notes + search.messages,
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
    }


def timeline_json(timeline):
    if timeline is None:
        return None
    return {
        "unit": "month" if timeline.unit == "mois" else "year",
        "periods": [{"label": bar.label, "count": bar.count} for bar in timeline.bars],
        "undated": timeline.undated,
    }
