"""/articles/<slug>/capture/: the page as Vigie captured it, under a banner that
says where and when it was fetched. The captured HTML is served by its own
address into a sandboxed frame, with a policy that lets no script run and
nothing load from the web: a copy to read, not a site to run."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from archive.capture.store import captures_folder, read_record
from archive.models import Article

# Inline styles only: no script, no request to the captured site (images and
# fonts would tell it who reads the copy), no form, no plugin.
CAPTURED_PAGE_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)


def _captured(slug):
    article = get_object_or_404(Article.objects.public().exclude(capture_file=""), slug=slug)
    page = read_record(
        captures_folder(), article.capture_file, article.capture_offset or 0, settings.VIGIE_CAPTURE_MAX_BYTES
    )
    return article, page


@require_safe
def article_capture(request, slug):
    article, page = _captured(slug)
    return render(
        request,
        "web/article_capture.html",
        {"article": article, "page": page},
        status=200 if page else 404,
    )


@require_safe
@xframe_options_sameorigin
def article_capture_page(request, slug):
    _article, page = _captured(slug)
    if page is None:
        response = HttpResponse("Copie archivée introuvable.", content_type="text/plain; charset=utf-8", status=404)
    else:
        # The captured bytes as they came, in the charset the site declared.
        response = HttpResponse(page.body, content_type=_html_type(page.content_type))
    response["Content-Security-Policy"] = CAPTURED_PAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _html_type(content_type: str) -> str:
    """The record's text/html type with its charset; never another type, so
    the browser cannot be told to treat the copy as something else."""
    charset = next(
        (part.split("=", 1)[1].strip() for part in content_type.split(";")[1:] if "charset=" in part.lower()), ""
    )
    safe = "".join(char for char in charset if char.isalnum() or char in "-_")[:40]
    return f"text/html; charset={safe}" if safe else "text/html"
