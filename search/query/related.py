"""Articles about the same thing as a given article ("more like this"), read
from the index: the article's most distinctive words, weighed against the whole
archive, searched as one query. One index search and one database query (for
source names), however many articles come back."""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from haystack.constants import ID
from whoosh import query as wq

from archive.models import Article, Source
from search.engine.connection import backend, identifier_for

log = logging.getLogger(__name__)

# Enough distinctive words to describe an article; more makes the query slower
# and drifts towards general news vocabulary.
KEY_TERMS = 12
MAX_DOC_FREQUENCY = 200


@dataclass(frozen=True)
class RelatedArticle:
    slug: str
    title: str
    date: date | None
    date_precision: str
    source_name: str


def related_articles(article: Article, limit: int = 5, exclude=None) -> list[RelatedArticle]:
    """Up to `limit` articles most like `article`, best first, leaving out the
    article itself and its near-duplicates (`exclude`, the articles already
    shown as "also published"; read from the database when not given).
    Nothing when the article is not in the index yet: never an error."""
    if exclude is None:
        exclude = list(article.near_duplicates.all())
    try:
        fields = _similar_stored_fields(article, [other.pk for other in exclude], limit)
    except Exception:
        # A missing or locked index must not take the article page down.
        log.warning("Related articles failed for %s", article.slug, exc_info=True)
        return []
    names = _source_names(fields)
    return [
        RelatedArticle(
            slug=stored["slug"],
            title=stored.get("title") or stored["slug"],
            date=_as_date(stored.get("date")),
            date_precision=stored.get("date_precision") or "unknown",
            source_name=names.get(stored.get("source") or "", ""),
        )
        for stored in fields
    ]


def _similar_stored_fields(article, excluded_pks, limit):
    engine = backend()
    searcher = engine.searcher()
    docnum = searcher.document_number(**{ID: identifier_for(article.pk)})
    if docnum is None:
        return []
    field = engine.content_field_name
    # The document field is analysed but not stored: its words come from the
    # same title and body the index template joins.
    candidates = searcher.key_terms_from_text(field, f"{article.title}\n\n{article.body}", numterms=3 * KEY_TERMS)
    # A word found in hundreds of articles says little about what one is
    # about, and reading its postings is what made this search grow with the
    # archive: the most distinctive words among the rarer, so the
    # search reads at most KEY_TERMS × MAX_DOC_FREQUENCY postings at any size.
    terms = [(word, weight) for word, weight in candidates if searcher.doc_frequency(field, word) <= MAX_DOC_FREQUENCY]
    terms = terms[:KEY_TERMS]
    if not terms:
        return []
    mask = {docnum}
    for pk in excluded_pks:
        other = searcher.document_number(**{ID: identifier_for(pk)})
        if other is not None:
            mask.add(other)
    similar = wq.Or([wq.Term(field, word, boost=weight) for word, weight in terms])
    return [hit.fields() for hit in searcher.search(similar, limit=limit, mask=mask)]


def _source_names(fields) -> dict:
    slugs = {stored.get("source") for stored in fields} - {None, ""}
    if not slugs:
        return {}
    return dict(Source.objects.filter(slug__in=slugs).values_list("slug", "name"))


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value
