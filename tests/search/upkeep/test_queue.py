"""Index writes that cannot take Whoosh's writer lock wait in a queue and are
written later, never dropped (search/upkeep/queue.py). Another writer is played
by holding the index's real lock file, as a second process would."""

import io
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from whoosh.filedb.filestore import FileStorage

from archive.models import Article
from search.models import PendingIndexUpdate
from search.query.run import run_search
from search.query.state import SearchState
from search.upkeep import queue
from search.upkeep.signals import deferred_indexing
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(queue, "REQUEST_LOCK_WAIT", 0.2)
    monkeypatch.setattr(queue, "BATCH_LOCK_WAIT", 0.5)
    monkeypatch.setattr(queue, "RETRY_DELAYS", (0.05, 0.1, 0.2))


@contextmanager
def another_writer():
    """Whoosh's writer lock, held as another process would hold it."""
    lock = FileStorage(settings.HAYSTACK_CONNECTIONS["default"]["PATH"]).lock("MAIN_WRITELOCK")
    assert lock.acquire(blocking=False)
    try:
        yield
    finally:
        lock.release()


def found(query):
    return [hit.slug for hit in run_search(SearchState.from_query({"q": query})).hits]


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def article(empty_index):
    call_command("import_articles", str(SEEDS / "000_7ff54b0001d3a4b4.txt"), stdout=io.StringIO())
    return Article.objects.get()


def retitle(article, title):
    with transaction.atomic():
        article.title = title
        article.save()


def test_an_edit_is_indexed_on_commit_and_leaves_no_queue(article):
    retitle(article, "Quetzalbrume sur la frontière")

    assert found("quetzalbrume") == [article.slug]
    assert not PendingIndexUpdate.objects.exists()


def test_an_edit_saved_while_another_process_writes_is_queued_then_indexed(article):
    with another_writer():
        started = time.monotonic()
        retitle(article, "Quetzalbrume sur la frontière")
        waited = time.monotonic() - started

        # The save returned after the short wait, its article queued, not written.
        assert waited < 5
        assert list(PendingIndexUpdate.objects.values_list("article_id", flat=True)) == [article.pk]
        assert found("quetzalbrume") == []
        time.sleep(0.5)  # retries meet the lock meanwhile: the row stays
        assert PendingIndexUpdate.objects.exists()

    # Released: the background retry writes it without anyone saving again.
    assert wait_for(lambda: found("quetzalbrume") == [article.slug])
    assert wait_for(lambda: not PendingIndexUpdate.objects.exists())


def test_a_save_writes_its_own_article_at_once_and_leaves_a_backlog_to_the_background(article, monkeypatch):
    # Rows some other process left (a killed import): a request must not write thousands of them.
    other = Article.objects.create(slug="autre", title="Un autre article", body="Texte.", content_hash="x" * 64)
    retries = []
    monkeypatch.setattr(queue, "retry_in_background", lambda: retries.append(1))
    with another_writer():
        retitle(other, "Zanzibarite au désert")
    assert PendingIndexUpdate.objects.count() == 1 and len(retries) == 1

    retitle(article, "Quetzalbrume et Sonora")

    assert found("quetzalbrume sonora") == [article.slug]
    assert found("zanzibarite") == []  # not in this request…
    assert list(PendingIndexUpdate.objects.values_list("article_id", flat=True)) == [other.pk]
    assert len(retries) == 2  # …but handed to the background thread
    monkeypatch.undo()
    queue.retry_in_background()
    assert wait_for(lambda: found("zanzibarite") == ["autre"])
    assert wait_for(lambda: not PendingIndexUpdate.objects.exists())


def test_a_deletion_waits_in_the_queue_too(article):
    with another_writer():
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).delete()
        assert found("frontière") != []  # still in the index while the lock is held
    assert wait_for(lambda: found("frontière") == [])
    assert wait_for(lambda: not PendingIndexUpdate.objects.exists())


def queued_articles():
    return len(set(PendingIndexUpdate.objects.values_list("article_id", flat=True)))


def test_a_bulk_import_waits_for_the_lock_and_writes_at_the_end(empty_index, monkeypatch):
    with another_writer():
        with deferred_indexing():
            call_command("import_articles", str(SEEDS), stdout=io.StringIO())
            # Each committed article is queued as it is imported (seed 001 again when
            # seed 002 joins its wire story): a kill now loses nothing.
            assert queued_articles() == 5
            monkeypatch.setattr("search.upkeep.signals.DEFERRED_PATIENCE", 0.3)
    # The lock outlasted the import's patience: the rows stay for the next write.
    assert queued_articles() == 5
    assert found("frontière") == []

    assert queue.drain() == 5
    assert len(found("frontière")) >= 3
    assert not PendingIndexUpdate.objects.exists()


def test_check_index_repair_writes_the_queue(article, monkeypatch):
    monkeypatch.setattr(queue, "retry_in_background", lambda: None)
    with another_writer():
        retitle(article, "Quetzalbrume sur la frontière")
    out = io.StringIO()

    call_command("check_index", "--repair", stdout=out)

    assert "1 écriture(s) en attente" in out.getvalue()
    assert "Index conforme" in out.getvalue()
    assert found("quetzalbrume") == [article.slug]
    assert not PendingIndexUpdate.objects.exists()


def test_during_an_import_an_article_is_queued_in_its_own_transaction(article):
    # A kill between an article's commit and the on-commit hook must leave its row:
    # the rerun takes the article as already present and would never index it.
    with deferred_indexing():
        with transaction.atomic():
            retitle(article, "Titre changé pendant un import")
            assert list(PendingIndexUpdate.objects.values_list("article_id", flat=True)) == [article.pk]
    assert not PendingIndexUpdate.objects.exists()  # written at the end of the import
    assert found("changé") == [article.slug]


def test_an_import_transaction_rolled_back_queues_nothing(article):
    with deferred_indexing():
        with pytest.raises(RuntimeError), transaction.atomic():
            retitle(article, "Titre abandonné")
            raise RuntimeError
        assert not PendingIndexUpdate.objects.exists()
