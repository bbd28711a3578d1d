from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from archive.dates import iso_at_precision
from archive.facts import facts_json, facts_of
from archive.models import Article
from search.highlighting import highlight_paragraph
from search.indexing import backend


@require_GET
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.for_display(), slug=slug)
    query = " ".join(request.GET.get("q", "").split())[:400]
    terms = highlight_terms(query)
    paragraphs = [highlight_paragraph(p, terms) for p in article.paragraphs]
    matched = any("<mark>" in p for p in paragraphs)
    return render(
        request,
        "archive/article_detail.html",
        {"article": article, "paragraphs": paragraphs, "query": query, "matched": matched, "facts": facts_of(article)},
    )


def highlight_terms(query):
    """The indexed words the reader's query matches; none for a query that does not parse."""
    if not query:
        return frozenset()
    try:
        return backend().highlight_terms(backend().parse(query))
    except Exception:
        return frozenset()


@require_GET
def article_api(request, slug):
    article = get_object_or_404(Article.objects.for_display(), slug=slug)
    return JsonResponse(article_json(article), json_dumps_params={"ensure_ascii": False})


def article_json(article):
    return {
        "slug": article.slug,
        "ref": article.ref,
        "title": article.title,
        "title_generated": article.title_generated,
        "date": iso_at_precision(article.published_on, article.date_precision),
        "date_precision": article.date_precision,
        "date_found_by": article.date_found_by or None,
        "date_source": article.date_found_by or None,
        "date_evidence": article.date_evidence or None,
        "source": article.source.name if article.source else None,
        "url": article.url or None,
        "language": article.language,
        "word_count": article.word_count,
        "lead": article.lead,
        "text": article.body,
        "raw_text": article.raw_text,
        "content_hash": article.content_hash,
        "verified": article.verified,
        "edited_fields": article.edited_fields,
        **facts_json(facts_of(article)),
        "imported_at": article.imported_at.isoformat(),
        "updated_at": article.updated_at.isoformat(),
    }
