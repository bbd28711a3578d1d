"""What the archive announces to whoever keeps a copy of its articles (the
search index, search/upkeep/signals.py). The archive never calls them: saves
and deletions send Django's own model signals; these cover the rest."""

from contextlib import contextmanager

from django.dispatch import Signal

# Articles whose searchable content changed without a save of their own: a merge
# moves mentions and spellings with update(), which sends no model signal.
# Sent with `article_ids`.
articles_changed = Signal()

# A batch of changes (an import, a re-extraction) begins and ends: a listener may
# gather its work and do it once, at the end.
batch_started = Signal()
batch_finished = Signal()


@contextmanager
def batch_of_changes():
    batch_started.send(sender=None)
    try:
        yield
    finally:
        batch_finished.send(sender=None)
