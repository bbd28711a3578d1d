"""Articles scored against the archive's subject (the `Subject` editors keep in
the admin), under the curation rules: the score and its evidence always follow
the text and the definition; the level (core, related, off topic) stays the
editor's once they set it (`Article.edited_fields`).

Scoring reads only the article's title, lead and body: no model, a few
milliseconds an article. It runs at import and at every re-extraction
(archive/curation.py), when an editor saves an article, and on its own
(`extract_metadata --relevance-only`, or the job the admin queues when the
definition changes).
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from archive.entities import drop_orphans
from archive.extraction import relevance as scoring
from archive.extraction.salience import SALIENT_COUNT, lead_end
from archive.models import Article, ExtractedField, Mention, Origin, Relevance, Review, Subject

FIELDS = ["relevance", "relevance_score", "relevance_evidence"]
CHUNK = 200  # articles re-scored per transaction


def subject_definition() -> scoring.Definition:
    subject = Subject.current()
    return _parsed(subject.places, subject.topics, subject.core_threshold, subject.related_threshold)


@functools.lru_cache(maxsize=4)
def _parsed(places, topics, core, related) -> scoring.Definition:
    try:
        return scoring.definition(places, topics, core=core, related=related)
    except scoring.TermsError:
        # Written around the admin's checks (a shell, an old backup): the lines
        # that read are kept rather than scoring nothing.
        return scoring.Definition(_readable(places), _readable(topics), core=core, related=related)


def _readable(text):
    terms = []
    for line in text.splitlines():
        try:
            terms.extend(scoring.parse_terms(line))
        except scoring.TermsError:
            continue
    return tuple(terms)


def apply_relevance(article: Article, subject: scoring.Definition | None = None) -> bool:
    """Score `article` as it stands (not saved here). Returns whether a field changed."""
    found = scoring.score(article.title, article.lead, article.body, subject or subject_definition())
    values = {"relevance_score": found.score, "relevance_evidence": found.evidence}
    if not article.is_edited(ExtractedField.RELEVANCE):
        values["relevance"] = found.level
    return article.assign(values)


@dataclass
class Rescored:
    changed: int = 0  # articles whose score, evidence or level changed
    # Articles that came back on the subject: the names they cite in passing were
    # left out while they were off it (`drop_passing_mentions`), so they need a
    # full re-extraction (archive.curation.extract_articles).
    to_extract: list[int] = field(default_factory=list)


def rescore(article_ids: Iterable[int], progress: Callable[[int, int], None] | None = None) -> Rescored:
    """Score the articles `article_ids` again, CHUNK per transaction; each
    changed article is saved (and reindexed when its transaction commits).
    `progress(done, changed)` after each chunk."""
    subject = subject_definition()
    done, result = 0, Rescored()
    ids = list(article_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            # Read under lock: an editor's decision saved meanwhile is not overwritten.
            articles = Article.objects.select_for_update().filter(pk__in=chunk)
            for article in articles.only("pk", "title", "lead", "body", "edited_fields", *FIELDS):
                # Never scored (a backup from before relevance): nothing was left out.
                was = article.relevance if article.relevance_score is not None else None
                if apply_relevance(article, subject):
                    article.save(update_fields=[*FIELDS, "updated_at"])
                    result.changed += 1
                    if follow_relevance(article, was):
                        result.to_extract.append(article.pk)
        done += len(chunk)
        if progress:
            progress(done, result.changed)
    drop_orphans()
    return result


def follow_relevance(article: Article, was: str | None) -> bool:
    """Make the article's entities follow a change of its level from `was` (None:
    never scored): off the subject, it keeps only the names it is about
    (archive.extraction.pipeline.salient). Returns whether it came back on the
    subject and needs its entities found again."""
    if was is None or article.relevance == was:
        return False
    if article.relevance == Relevance.OFF_TOPIC:
        drop_passing_mentions(article)
        return False
    return was == Relevance.OFF_TOPIC


def drop_passing_mentions(article: Article) -> int:
    """Delete the extracted, unreviewed mentions of `article` named once, after
    its title and lead: what `salient` leaves out of an off-topic article."""
    # The rule of archive.extraction.pipeline.salient, on the stored mentions.
    end = lead_end(article.title, article.lead)
    passing = Mention.objects.filter(
        article=article,
        origin=Origin.EXTRACTED,
        review=Review.PENDING,
        count__lt=SALIENT_COUNT,
        first_position__gte=end,
    )
    deleted, _ = passing.delete()
    return deleted


def score_unscored() -> int:
    """Score the articles never scored (restored from a backup made before
    relevance existed), without signals: the caller rebuilds the index."""
    subject = subject_definition()
    articles = Article.objects.filter(relevance_score__isnull=True)
    articles = articles.only("pk", "title", "lead", "body", "edited_fields", *FIELDS).order_by("pk")
    batch, count = [], 0
    for article in articles.iterator(chunk_size=CHUNK):
        apply_relevance(article, subject)
        batch.append(article)
        if len(batch) == CHUNK:
            count += len(batch)
            Article.objects.bulk_update(batch, FIELDS)
            batch = []
    if batch:
        count += len(batch)
        Article.objects.bulk_update(batch, FIELDS)
    return count
