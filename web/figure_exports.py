"""/chiffres/export.csv and .json: the figures /chiffres/ shows with the same
filters, every page of them, streamed a chunk of rows at a time, one query per
chunk (their article and its source come in the same query)."""

import csv
import io
import json

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from archive.dates import iso_at_precision
from archive.models import Review
from web.export_rows import SLUG_PLACEHOLDER, csv_cell
from web.figures import filtered_figures, shown_figures
from web.figures_filters import FigureFilters
from web.scope import scope_of
from web.throttle import rate_limited

CHUNK = 2000
COLUMNS = [
    "title",
    "date",
    "source",
    "article_url",
    "count",
    "qualifier",
    "unit",
    "force",
    "announcer",
    "announcer_kind",
    "sentence",
    "checked",
]


@require_safe
@rate_limited("export")
def figures_csv(request):
    filters = _filters(request)
    if filters.problems:
        return HttpResponse("\n".join(filters.problems) + "\n", status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        _csv(rows(filters, request.build_absolute_uri)), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, filters, "csv")


@require_safe
@rate_limited("export")
def figures_json(request):
    filters = _filters(request)
    if filters.problems:
        return JsonResponse({"errors": list(filters.problems)}, status=400, json_dumps_params={"ensure_ascii": False})
    head = {
        "filters": filters.description(),
        "count": filtered_figures(filters).count(),
        "exported_at": timezone.now().isoformat(),
    }
    response = StreamingHttpResponse(
        _json(head, rows(filters, request.build_absolute_uri)), content_type="application/json"
    )
    return _attachment(response, filters, "json")


def _filters(request):
    scope = scope_of(request)
    return FigureFilters.from_query(request.GET, scope, shown_figures(scope))


def rows(filters, absolute_uri):
    """One dict per figure, in the page's order."""
    # One reverse() for all rows: it costs more than the rest of a row.
    url_pattern = absolute_uri(reverse("article", args=[SLUG_PLACEHOLDER]))
    for figure in filtered_figures(filters).iterator(chunk_size=CHUNK):
        article = figure.article
        yield {
            "title": article.title,
            "date": iso_at_precision(article.published_on, article.date_precision),
            "source": article.source.name if article.source else None,
            "article_url": url_pattern.replace(SLUG_PLACEHOLDER, article.slug),
            "count": figure.count,
            "qualifier": figure.qualifier or None,
            "unit": figure.unit,
            "force": figure.force or None,
            "announcer": figure.announcer or None,
            "announcer_kind": figure.announcer_kind or None,  # person or organisation
            "sentence": figure.sentence,
            "checked": figure.review == Review.ACCEPTED,
        }


def _csv(rows):
    # A byte order mark first, as the search's export: Excel then reads UTF-8 as UTF-8.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(COLUMNS)
    for n, row in enumerate(rows, 1):
        writer.writerow([_cell(row[name]) for name in COLUMNS])
        if n % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value):
    if isinstance(value, bool):
        return "oui" if value else "non"
    return csv_cell(value)


def _json(head, rows):
    """{"filters": {...}, "count": N, "exported_at": "...", "results": [{...}, ...]}"""
    yield _dumps(head)[:-1] + ', "results": ['
    separator = "\n"
    for row in rows:
        yield separator + _dumps(row)
        separator = ",\n"
    yield "\n]}\n"


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)


def _attachment(response, filters, extension):
    """vigie-chiffres-garde-nationale-2025-01-31.csv: the filters' values, and the day."""
    words = [value for name, value in filters.pairs(page=False) if name != "sujet"]
    name = slugify(" ".join(["chiffres", *words]))[:60].strip("-")
    filename = f"vigie-{name}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
