"""Index writes wait their turn; none is dropped.

Whoosh lets one process write at a time. An editor who saves while an import
writes its batch cannot take the writer lock, and must neither wait a minute
nor see an error. So every index update goes through a table: the ids of
committed articles are queued (`enqueue`), then written by whoever can take
the writer (`drain`). A web request waits a moment for the lock and writes its
own articles; if it cannot, or if other rows wait too, a background thread of
that process writes the queue, retrying until it is written. The end of an
import and `check_index --repair` write the whole queue too, so rows left by a
process that died are written by the next one.

A row is deleted only after the articles it names were read from the database
and written: whatever was committed before a row was queued is in the index
once the row is gone.
"""

import logging
import threading
import time
from itertools import chain, repeat

from django.db import close_old_connections, connections
from whoosh.index import LockError

from search.models import PendingIndexUpdate
from search.upkeep.documents import chunked
from search.upkeep.indexing import update_articles

log = logging.getLogger(__name__)

REQUEST_LOCK_WAIT = 1  # seconds a request's index write waits for another writer (a save takes ~0.1 s)
BATCH_LOCK_WAIT = 60  # seconds a background or command write waits, per attempt
RETRY_DELAYS = (1, 2, 5, 10, 30)  # then every 30 s, until the write goes through


def enqueue(pks) -> None:
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(article_id=pk) for pk in sorted(set(pks))], batch_size=500
    )


def pending() -> int:
    return PendingIndexUpdate.objects.count()


def drain(lock_wait=None, articles=None) -> int:
    """Write the queued articles (all, or those of `articles`) to the index and
    forget the rows that were written. Raises what the index raises (whoosh's
    LockError when another process holds the writer for `lock_wait` seconds);
    the rows then stay."""
    rows = PendingIndexUpdate.objects.order_by()
    if articles is not None:
        rows = rows.filter(article_id__in=list(articles))
    rows = list(rows.values_list("pk", "article_id"))
    if not rows:
        return 0
    written = {article for _, article in rows}
    update_articles(written, lock_wait=BATCH_LOCK_WAIT if lock_wait is None else lock_wait)
    for chunk in chunked([row for row, _ in rows]):
        PendingIndexUpdate.objects.filter(pk__in=chunk).delete()
    return len(written)


def write(pks) -> None:
    """Queue `pks` and write them now; if the index cannot be written, or other
    rows wait too (left by a killed import, say: thousands, which must not hold
    up a request), a background thread writes the rest."""
    pks = set(pks)
    enqueue(pks)
    try:
        drain(REQUEST_LOCK_WAIT, articles=pks)
    except Exception as error:
        log.warning("Index write postponed (%s); %d article(s) queued", _describe(error), pending())
        retry_in_background()
        return
    if pending():
        retry_in_background()


def drain_patiently(patience: float) -> int:
    """Drain, retrying for up to `patience` seconds while another process holds
    the writer; returns how many rows are still queued (0 when all was written).
    Any other failure (an unreadable index) is not worth waiting for."""
    deadline = time.monotonic() + patience
    for delay in chain(RETRY_DELAYS, repeat(RETRY_DELAYS[-1])):
        try:
            drain(min(BATCH_LOCK_WAIT, max(1, deadline - time.monotonic())))
            return 0
        except LockError:
            log.warning("The search index is locked by another writer; retrying")
        except Exception:
            log.exception("Index write failed")
            return pending()
        if time.monotonic() + delay > deadline:
            return pending()
        time.sleep(delay)
    raise AssertionError("unreachable")


class _Retrier:
    """One background thread per process, started on the first postponed
    write; it drains until a drain succeeds with no new postponement meanwhile."""

    def __init__(self):
        self._mutex = threading.Lock()
        self._running = False
        self._wanted = False

    def request(self):
        with self._mutex:
            self._wanted = True
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, name="vigie-index-retry", daemon=True).start()

    def _run(self):
        try:
            while True:
                with self._mutex:
                    if not self._wanted:
                        self._running = False
                        return
                    self._wanted = False
                self._drain_until_written()
        except BaseException:
            with self._mutex:
                self._running = False  # the thread died: the next postponement starts another
            raise
        finally:
            connections.close_all()  # this thread's own connections

    @staticmethod
    def _drain_until_written():
        for delay in chain(RETRY_DELAYS, repeat(RETRY_DELAYS[-1])):
            time.sleep(delay)
            close_old_connections()
            try:
                written = drain(BATCH_LOCK_WAIT)
            except Exception as error:
                log.warning("Index write still postponed (%s)", _describe(error))
                continue
            log.info("Postponed index write done: %d article(s)", written)
            return


_retrier = _Retrier()
retry_in_background = _retrier.request


def _describe(error) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
