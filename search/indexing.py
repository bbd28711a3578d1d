"""Keep the Whoosh index in step with the database."""

from haystack import connections
from haystack.utils import get_identifier

from archive.models import Article


def backend():
    return connections["default"].get_backend()


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def update_articles(pks) -> int:
    """Reindex the articles `pks` as they are now in the database; those that
    no longer exist leave the index."""
    pks = set(pks)
    if not pks:
        return 0
    index = article_index()
    articles = list(index.index_queryset().filter(pk__in=pks))
    gone = pks - {article.pk for article in articles}
    removed = [get_identifier_for(pk) for pk in gone]
    return backend().apply(index, articles, removed_ids=removed)


def rebuild() -> int:
    """Empty the index and index every article, with one writer and one commit
    (committing every 1,000 documents turns into repeated segment merges)."""
    engine = backend()
    engine.clear(commit=True)
    index = article_index()
    return engine.apply(index, index.index_queryset().iterator(chunk_size=500))


def document_count() -> int:
    return backend().searcher().doc_count()


def get_identifier_for(pk) -> str:
    return get_identifier(Article(pk=pk))


def schema_is_current() -> bool:
    """Whether the index has the fields the code now indexes (an index built by
    an older version must be rebuilt); each backend knows how to tell."""
    return backend().schema_is_current()
