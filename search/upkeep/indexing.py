"""Keep the Whoosh index in step with the database."""

from archive.models import Article
from search.engine.connection import article_index, backend, identifier_for
from search.upkeep.documents import chunked, prepared_documents


def update_articles(pks, lock_wait=None) -> int:
    """Reindex the articles `pks` as they are now in the database; those that
    no longer exist, or are held for an editor, leave the index. `lock_wait`: seconds to wait for another
    writer (the backend's default when None)."""
    pks = set(pks)
    if not pks:
        return 0
    present = set()
    for chunk in chunked(sorted(pks)):
        present.update(Article.objects.public().filter(pk__in=chunk).values_list("pk", flat=True))
    removed = [identifier_for(pk) for pk in pks - present]
    return _write(sorted(present), removed, lock_wait)


def rebuild() -> int:
    """Empty the index and index every article, with one writer and one commit
    (committing every 1,000 documents turns into repeated segment merges)."""
    engine = backend()
    engine.clear(commit=True)
    return _write(list(article_index().index_queryset().values_list("pk", flat=True)))


def _write(pks, removed=(), lock_wait=None) -> int:
    engine = backend()
    if hasattr(engine, "apply_documents"):
        # Whoosh: documents prepared by a second process while this one writes.
        return engine.apply_documents(prepared_documents(pks), removed_ids=removed, lock_wait=lock_wait)
    index = article_index()
    articles = (article for chunk in chunked(pks) for article in index.index_queryset().filter(pk__in=chunk))
    return engine.apply(index, articles, removed_ids=removed)


def document_count() -> int:
    return backend().searcher().doc_count()


def schema_is_current() -> bool:
    """Whether the index has the fields the code now indexes (an index built by
    an older version must be rebuilt); each backend knows how to tell."""
    return backend().schema_is_current()
