"""/recherche/export.csv and .json: every article of a search, streamed
(rows in web/export_rows.py)."""

import logging

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from web.export_rows import csv_stream, export, export_filename, json_stream, read_export_request
from web.throttle import rate_limited

log = logging.getLogger(__name__)

# The query parser accepts any text, so a failure here is the index's, not the reader's.
SEARCH_UNAVAILABLE = "La recherche est momentanément indisponible : réessayez dans quelques minutes."


@require_safe
@rate_limited("export")
def export_csv(request):
    wanted = read_export_request(request.GET)
    if wanted.state.problems:
        return HttpResponse(
            "\n".join(wanted.state.problems) + "\n", status=400, content_type="text/plain; charset=utf-8"
        )
    data = _export(request, wanted)
    if data is None:
        return HttpResponse(SEARCH_UNAVAILABLE + "\n", status=503, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(csv_stream(data, wanted.columns), content_type="text/csv; charset=utf-8")
    return _attachment(response, export_filename(wanted.state, "csv"))


@require_safe
@rate_limited("export")
def export_json(request):
    wanted = read_export_request(request.GET)
    if wanted.state.problems:
        return JsonResponse(
            {"errors": list(wanted.state.problems)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    data = _export(request, wanted)
    if data is None:
        return JsonResponse({"errors": [SEARCH_UNAVAILABLE]}, status=503, json_dumps_params={"ensure_ascii": False})
    response = StreamingHttpResponse(json_stream(data, wanted.state), content_type="application/json")
    return _attachment(response, export_filename(wanted.state, "json"))


def _export(request, wanted):
    try:
        return export(wanted.state, request.build_absolute_uri, with_text=wanted.with_text)
    except Exception:
        log.warning("Export failed for %r", wanted.state, exc_info=True)
        return None


def _attachment(response, filename):
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
