"""Index articles once their transaction commits.

haystack's RealtimeSignalProcessor indexes inside the save, before the admin has
saved related objects and even when the transaction later rolls back. Here a
save or delete only records the article's id; once the transaction commits, the
ids are queued in the database and written to the index from what the database
then holds, once per article however many times it was saved
(search/upkeep/queue.py: a write that cannot take the index's lock is retried,
never dropped). During a bulk import (`deferred_indexing()`), each transaction
queues its ids before it commits, and the queue is written in one writer at the
end; an import killed at any point leaves them queued for the next write.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive import signals as archive_signals
from archive.models import Alias, Article, Entity, Mention, NearDuplicate, Source, Theme
from search.upkeep import queue

log = logging.getLogger(__name__)
_local = threading.local()


def _state():
    if not hasattr(_local, "pending"):
        _local.pending, _local.deferred = set(), 0
    return _local


def schedule(*pks):
    state = _state()
    new = {pk for pk in pks if pk is not None} - state.pending
    if new and state.deferred and transaction.get_connection().in_atomic_block:
        # During an import, queue the rows inside the article's own transaction: an
        # import killed between its commit and the on-commit hook would otherwise
        # leave a committed article no row names, which its rerun skips as « déjà
        # présent » and never indexes. (The hook queues the ids again: a second row
        # per article is harmless, and covers ids whose first rows a rollback took.)
        queue.enqueue(new)
    state.pending |= new
    transaction.on_commit(flush)


def flush():
    """Queue what is pending and, outside a bulk import, write it. Several
    on-commit callbacks of one transaction share the pending set: the first
    takes it, the others find it empty."""
    state = _state()
    pending, state.pending = state.pending, set()
    if not pending:
        return
    try:
        if state.deferred:
            queue.enqueue(pending)
        else:
            queue.write(pending)
    except Exception:
        # The edit is committed and the queue could not be written either (the
        # database went away): keep the ids for this process's next flush;
        # `check_index --repair` finds the article meanwhile. A user must not
        # see an error page for a saved edit.
        log.exception("Queuing %d article(s) for indexing failed", len(pending))
        state.pending |= pending


# An import that cannot take the index's lock within this time leaves its rows
# queued for the next write (logged), rather than waiting for ever.
DEFERRED_PATIENCE = 600


@contextmanager
def deferred_indexing():
    """Gather index updates and write them in one batch when the block ends."""
    defer()
    try:
        yield
    finally:
        resume()


def defer(**kwargs):
    _state().deferred += 1


def resume(**kwargs):
    state = _state()
    state.deferred -= 1
    if state.deferred:
        return
    flush()
    left = queue.drain_patiently(DEFERRED_PATIENCE)
    if left:
        log.error(
            "The search index stayed locked: %d article(s) remain queued for the next index write "
            "(or `manage.py check_index --repair`)",
            left,
        )


def listen_to_the_archive():
    """Follow what the archive announces beyond model saves (archive/signals.py):
    its batches of changes, and articles changed without a save."""
    archive_signals.batch_started.connect(defer, dispatch_uid="search-defer")
    archive_signals.batch_finished.connect(resume, dispatch_uid="search-resume")
    archive_signals.articles_changed.connect(
        lambda article_ids, **kwargs: schedule(*article_ids), weak=False, dispatch_uid="search-changed"
    )


class OnCommitSignalProcessor(BaseSignalProcessor):
    # The index holds each article's entities, themes and their names (for
    # `personne:` or `source:` queries): a mention saved in an admin inline, a
    # theme added, an entity, spelling or source renamed changes documents too.
    def _connections(self):
        return [
            (signals.post_save, self.handle_article, Article),
            (signals.post_delete, self.handle_article, Article),
            (signals.post_save, self.handle_mention, Mention),
            (signals.post_delete, self.handle_mention, Mention),
            (signals.m2m_changed, self.handle_themes, Article.themes.through),
            (signals.m2m_changed, self.handle_agencies, Article.agencies.through),
            (signals.post_save, self.handle_entity, Entity),
            (signals.post_save, self.handle_alias, Alias),
            (signals.post_delete, self.handle_alias, Alias),
            (signals.post_save, self.handle_named, Source),
            (signals.post_save, self.handle_named, Theme),
            # A theme's or an agency's links to its articles go with it, through a cascade that sends no m2m signal.
            (signals.pre_delete, self.handle_theme_deleted, Theme),
            # Both articles of a wire-copy link found or dropped change story (the `story` field).
            (signals.post_save, self.handle_near_duplicate, NearDuplicate),
            (signals.post_delete, self.handle_near_duplicate, NearDuplicate),
            (signals.pre_delete, self.handle_agency_deleted, Source),
        ]

    def setup(self):
        for signal, handler, sender in self._connections():
            signal.connect(handler, sender=sender)

    def teardown(self):
        for signal, handler, sender in self._connections():
            signal.disconnect(handler, sender=sender)

    def handle_mention(self, sender, instance, **kwargs):
        schedule(instance.article_id)

    def handle_themes(self, sender, instance, action, reverse, pk_set, **kwargs):
        _schedule_links(sender, instance, action, reverse, pk_set, "theme")

    def handle_agencies(self, sender, instance, action, reverse, pk_set, **kwargs):
        _schedule_links(sender, instance, action, reverse, pk_set, "source")

    def handle_entity(self, sender, instance, created=False, **kwargs):
        if not created:
            schedule(*instance.mentions.values_list("article_id", flat=True))

    def handle_alias(self, sender, instance, **kwargs):
        schedule(*Mention.objects.filter(entity_id=instance.entity_id).values_list("article_id", flat=True))

    def handle_named(self, sender, instance, created=False, **kwargs):
        if not created:
            schedule(*instance.articles.values_list("pk", flat=True))
            if sender is Source:  # an agency's name is in the documents of the articles running its copy
                schedule(*instance.agency_articles.values_list("pk", flat=True))

    def handle_theme_deleted(self, sender, instance, **kwargs):
        schedule(*instance.articles.values_list("pk", flat=True))

    def handle_near_duplicate(self, sender, instance, **kwargs):
        schedule(instance.from_article_id, instance.to_article_id)

    def handle_agency_deleted(self, sender, instance, **kwargs):
        schedule(*instance.agency_articles.values_list("pk", flat=True))

    def handle_article(self, sender, instance, **kwargs):
        schedule(instance.pk)
        if getattr(instance, "held", False):
            # Its copies' documents name their story by its first article: not a held one.
            links = NearDuplicate.objects.filter(from_article_id=instance.pk).values_list("to_article_id", flat=True)
            schedule(*links)


def _schedule_links(through, instance, action, reverse, pk_set, column):
    """Index the articles whose links to themes or agencies (`column` of the
    `through` table) changed, from either side."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            schedule(instance.pk)
    elif action in ("post_add", "post_remove"):  # theme.articles.add(...): pk_set holds articles
        schedule(*pk_set)
    elif action == "pre_clear":  # theme.articles.clear(): the articles, while they are linked
        schedule(*through.objects.filter(**{column: instance}).values_list("article_id", flat=True))
