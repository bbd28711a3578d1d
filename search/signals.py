"""Index articles once their transaction commits.

haystack's RealtimeSignalProcessor indexes inside the save, before the admin has
saved related objects and even when the transaction later rolls back. Here a
save or delete only records the article's id; the index is updated on commit,
from what the database then holds, once per article however many times it was
saved. During a bulk import (`deferred_indexing()`), ids are gathered and
indexed in one writer at the end.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

log = logging.getLogger(__name__)
_local = threading.local()


def _state():
    if not hasattr(_local, "pending"):
        _local.pending, _local.deferred = set(), 0
    return _local


def schedule(*pks):
    state = _state()
    state.pending.update(pk for pk in pks if pk is not None)
    if not state.deferred:
        transaction.on_commit(flush)


def flush():
    """Index what is pending. Several on-commit callbacks of one transaction
    share the pending set: the first indexes it, the others find it empty."""
    from search.indexing import update_articles

    state = _state()
    pending, state.pending = state.pending, set()
    if not pending:
        return
    try:
        update_articles(pending)
    except Exception:
        # The edit is committed; the index is behind and `check_index --repair`
        # (or the next save) brings it back. A user must not see an error page
        # for a saved edit.
        log.exception("Indexing %d article(s) failed", len(pending))
        state.pending |= pending


@contextmanager
def deferred_indexing():
    """Gather index updates and apply them in one batch when the block ends."""
    state = _state()
    state.deferred += 1
    try:
        yield
    finally:
        state.deferred -= 1
        if not state.deferred:
            flush()


class OnCommitSignalProcessor(BaseSignalProcessor):
    # The index holds each article's entities, themes and their names (for
    # `personne:` or `source:` queries): a mention saved in an admin inline, a
    # theme added, an entity, spelling or source renamed changes documents too.
    def _connections(self):
        from archive.models import Alias, Article, Entity, Mention, Source, Theme

        return [
            (signals.post_save, self.handle_article, Article),
            (signals.post_delete, self.handle_article, Article),
            (signals.post_save, self.handle_mention, Mention),
            (signals.post_delete, self.handle_mention, Mention),
            (signals.m2m_changed, self.handle_themes, Article.themes.through),
            (signals.post_save, self.handle_entity, Entity),
            (signals.post_save, self.handle_alias, Alias),
            (signals.post_delete, self.handle_alias, Alias),
            (signals.post_save, self.handle_named, Source),
            (signals.post_save, self.handle_named, Theme),
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
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                schedule(instance.pk)
        elif action in ("post_add", "post_remove"):  # theme.articles.add(...): pk_set holds articles
            schedule(*pk_set)
        elif action == "pre_clear":  # theme.articles.clear(): the articles, while they are linked
            schedule(*sender.objects.filter(theme=instance).values_list("article_id", flat=True))

    def handle_entity(self, sender, instance, created=False, **kwargs):
        if not created:
            schedule(*instance.mentions.values_list("article_id", flat=True))

    def handle_alias(self, sender, instance, **kwargs):
        from archive.models import Mention

        schedule(*Mention.objects.filter(entity_id=instance.entity_id).values_list("article_id", flat=True))

    def handle_named(self, sender, instance, created=False, **kwargs):
        if not created:
            schedule(*instance.articles.values_list("pk", flat=True))

    def handle_article(self, sender, instance, **kwargs):
        schedule(instance.pk)
