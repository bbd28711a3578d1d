"""/articles/<slug>/ (and its citation, original text and JSON): an article with
its extracted facts, the reader's query highlighted, its place in the search it
was opened from and its related articles."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_safe

from archive.citation import bibtex, citation_meta, plain_citation
from archive.dates import iso_at_precision
from archive.facts import copies_with_differences, facts_json, facts_of
from archive.models import Article
from search.engine.connection import backend
from search.engine.highlighting import highlight_paragraph
from search.query.neighbours import rank_from, results_page, search_neighbours
from search.query.related import related_articles
from search.query.state import SearchState


@require_GET
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.public().for_display(), slug=slug)
    # Opened from a search: the same state, its words highlighted, its neighbours linked.
    state = SearchState.from_query(request.GET) if request.GET else None
    rank = rank_from(request.GET)
    query = state.q if state else ""
    terms = highlight_terms(state)
    paragraphs = [highlight_paragraph(p, terms) for p in article.paragraphs]
    facts = facts_of(article)
    url = request.build_absolute_uri(article.get_absolute_url())
    capture_url = request.build_absolute_uri(article.get_capture_url()) if article.capture_file else ""
    return render(
        request,
        "web/article_detail.html",
        {
            "article": article,
            "state": state,
            "paragraphs": paragraphs,
            "query": query,
            "matched": any("<mark>" in p for p in paragraphs),
            "facts": facts,
            "copies": copies_with_differences(article, facts.near_duplicates),
            "back": results_page(state, rank) if state else None,
            "neighbours": search_neighbours(state, rank, article.slug) if state else None,
            "related": related_articles(article, exclude=facts.near_duplicates),
            "citation": plain_citation(article, url),
            "bibtex": bibtex(article, url),
            "citation_meta": citation_meta(article, url, capture_url),
            "capture_url": capture_url,
        },
    )


@require_safe
def article_bibtex(request, slug):
    article = get_object_or_404(Article.objects.public().for_display(), slug=slug)
    response = HttpResponse(
        bibtex(article, request.build_absolute_uri(article.get_absolute_url())),
        content_type="text/x-bibtex; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{article.slug}.bib"'
    return response


@require_safe
def article_original(request, slug):
    """The text exactly as imported. Served as plain text the browser must not
    second-guess, and sandboxed: an imported page with markup stays inert."""
    article = get_object_or_404(Article, slug=slug)
    response = HttpResponse(article.raw_text, content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = f'inline; filename="{article.slug}.txt"'
    return response


def highlight_terms(state):
    """The indexed words the reader's query matches; none for a query that does not parse."""
    if state is None or state.parsed is None or state.refused:
        return frozenset()
    try:
        return backend().highlight_terms(state.parsed)
    except Exception:
        return frozenset()


@require_GET
def article_api(request, slug):
    article = get_object_or_404(Article.objects.public().for_display(), slug=slug)
    capture_url = request.build_absolute_uri(article.get_capture_url()) if article.capture_file else None
    return JsonResponse(article_json(article, capture_url), json_dumps_params={"ensure_ascii": False})


def article_json(article, capture_url=None):
    return {
        "slug": article.slug,
        "ref": article.ref,
        "title": article.title,
        "title_generated": article.title_generated,
        # For a title or date Vigie found itself: whether an editor checked it (null otherwise).
        "title_checked": article.title_checked,
        "date": iso_at_precision(article.published_on, article.date_precision),
        "date_precision": article.date_precision,
        "date_found_by": article.date_found_by or None,
        "date_source": article.date_found_by or None,
        "date_evidence": article.date_evidence or None,
        "date_checked": article.date_checked,
        "source": article.source.name if article.source else None,
        "publisher": article.source.name if article.source else None,
        "agencies": [agency.name for agency in article.agencies.all()],
        "authors": article.authors,
        "url": article.url or None,
        "language": article.language,
        "word_count": article.word_count,
        "lead": article.lead,
        "text": article.body,
        "raw_text": article.raw_text,
        "content_hash": article.content_hash,
        "verified": article.verified,
        "edited_fields": article.edited_fields,
        # The article's relevance to the archive's subject, its score and the terms that decided.
        "relevance": article.relevance,
        "relevance_score": article.relevance_score,
        "relevance_evidence": [
            {key: item.get(key) for key in ("term", "count", "in_title", "weight")}
            for item in article.relevance_evidence
        ],
        **facts_json(facts_of(article)),
        # When the page was fetched from the web (never its publication date), and its archived copy.
        "captured_at": article.captured_at.isoformat() if article.captured_at else None,
        "capture_url": capture_url,
        "capture_record_id": article.capture_record_id or None,
        "imported_at": article.imported_at.isoformat(),
        "updated_at": article.updated_at.isoformat(),
    }
