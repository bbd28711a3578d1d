from django.db import models


class PendingIndexUpdate(models.Model):
    """An article whose document must be written again (or removed, when the
    article is gone). Rows outlive the process that wrote them: an index write
    that could not take Whoosh's one writer lock waits here until some process
    can (search/upkeep/queue.py). No foreign key: a deleted article's row is
    what removes its document."""

    article_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "article à réindexer"
        verbose_name_plural = "articles à réindexer"

    def __str__(self):
        return f"article {self.article_id}"
