"""CSV and JSON exports of a search: every matching article, streamed."""

import logging

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from search.exports import csv_stream, export, export_filename, json_stream, read_export_request

log = logging.getLogger(__name__)

# The query parser accepts any text, so a failure here is the index's, not the reader's.
SEARCH_UNAVAILABLE = "La recherche est momentanément indisponible : réessayez dans quelques minutes."


@require_safe
def export_csv(request):
    wanted = read_export_request(request.GET)
    if wanted.problems:
        return HttpResponse("\n".join(wanted.problems) + "\n", status=400, content_type="text/plain; charset=utf-8")
    data = _export(request, wanted)
    if data is None:
        return HttpResponse(SEARCH_UNAVAILABLE + "\n", status=503, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(csv_stream(data, wanted.columns), content_type="text/csv; charset=utf-8")
    return _attachment(response, export_filename(wanted.params, "csv"))


@require_safe
def export_json(request):
    wanted = read_export_request(request.GET)
    if wanted.problems:
        return JsonResponse({"errors": wanted.problems}, status=400, json_dumps_params={"ensure_ascii": False})
    data = _export(request, wanted)
    if data is None:
        return JsonResponse({"errors": [SEARCH_UNAVAILABLE]}, status=503, json_dumps_params={"ensure_ascii": False})
    response = StreamingHttpResponse(json_stream(data, wanted.params), content_type="application/json")
    return _attachment(response, export_filename(wanted.params, "json"))


def _export(request, wanted):
    try:
        return export(wanted.params, request.build_absolute_uri, with_text=wanted.with_text)
    except Exception:
        log.warning("Export failed for %r", wanted.params, exc_info=True)
        return None


def _attachment(response, filename):
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
