"""Write extracted articles through the ORM: one transaction per article, with
its entities, figures, quotes, themes and fingerprint; the same text twice is
one article. Articles go through in batches so that the entity recogniser
reads many texts per pass."""

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from archive.curation import apply_extraction, given_metadata, known_organisations, lexicons
from archive.extraction import parallel
from archive.extraction.batch import Task, extract_batch
from archive.extraction.pipeline import Extracted, Facts, RawArticle
from archive.extraction.text import normalise
from archive.models import Article, Source
from archive.readers import web_url


class Outcome(StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"


class ArticleRefused(Exception):
    """The record was read but holds no article."""


EMPTY = "aucun texte d'article après nettoyage"


def content_hash(text: str) -> str:
    """Fingerprint of a raw text, blind to spacing and line endings."""
    return hashlib.sha256(" ".join(normalise(text).split()).encode()).hexdigest()


def article_slug(title: str, digest: str) -> str:
    """Readable and stable: the title's words, then the fingerprint's start so
    two articles with one title never collide."""
    words = slugify(title)[:72].rstrip("-") or "article"
    return f"{words}-{digest[:8]}"


def import_article(raw: RawArticle) -> tuple[Outcome, Article, list[str]]:
    """Import one article; raises ArticleRefused."""
    outcome, article, notes = import_batch([raw])[0]
    if isinstance(outcome, ArticleRefused):
        raise outcome
    return outcome, article, notes


def import_batch(raws: list[RawArticle], lexicon=None) -> list[tuple[Outcome | ArticleRefused, Article | None, list]]:
    """Import `raws`, in order: (Outcome or the refusal, article, notes) for each.
    Texts already in the archive are skipped before any extraction work."""
    return next(import_batches([raws], lexicon))[1]


def import_batches(
    batches: Iterable[list[RawArticle]], lexicon=None, processes: int = 1
) -> Iterator[tuple[list[RawArticle], list[tuple[Outcome | ArticleRefused, Article | None, list]]]]:
    """Import each batch of `batches`, in order, and yield it with its results
    (as import_batch's). Extraction runs in `processes` worker processes
    (archive/extraction/parallel.py) a few batches ahead, while this process
    writes each article in its own transaction, in the order read."""
    lexicon = lexicon if lexicon is not None else lexicons()
    in_flight = set()  # fingerprints of the texts sent to extraction and not written yet

    def sent():
        for raws in batches:
            batch = _Batch(raws, in_flight)
            in_flight.update(batch.todo_digests())
            tasks = [Task(batch.raws[i]) for i in batch.todo]
            yield batch, (tasks, lexicon, known_organisations(), True)

    for batch, extracted in parallel.ordered_map(extract_batch, sent(), processes):
        yield batch.given, batch.write(extracted)
        in_flight.difference_update(batch.todo_digests())


class _Batch:
    """A batch of raw articles as read, the archive asked which it already holds."""

    def __init__(self, raws: list[RawArticle], in_flight: set[str]):
        self.given = raws
        self.raws = [_without_nul(raw) for raw in raws]
        self.digests = [content_hash(raw.text) for raw in self.raws]
        known = {a.content_hash: a for a in Article.objects.filter(content_hash__in=self.digests)}
        self.results, self.todo, seen = [None] * len(raws), [], set()
        for i, digest in enumerate(self.digests):
            if digest in known:
                self.results[i] = (Outcome.UNCHANGED, known[digest], [])
            elif digest not in seen and digest not in in_flight:
                seen.add(digest)  # the same text twice is extracted once; the repeat is resolved once written
                self.todo.append(i)

    def todo_digests(self) -> list[str]:
        return [self.digests[i] for i in self.todo]

    def write(self, extracted: list[tuple[Extracted, Facts | None]]) -> list:
        for i, (fields, facts) in zip(self.todo, extracted, strict=True):
            raw, digest = self.raws[i], self.digests[i]
            if facts is None:
                self.results[i] = (ArticleRefused(EMPTY), None, [])
                continue
            try:
                with transaction.atomic():
                    article = Article.objects.create(**_fields(fields, raw, digest))
                    apply_extraction(article, fields, facts)
            except IntegrityError:
                # Another import wrote the same text meanwhile.
                self.results[i] = (Outcome.UNCHANGED, Article.objects.get(content_hash=digest), [])
                continue
            self.results[i] = (Outcome.IMPORTED, article, fields.notes)
        for i, result in enumerate(self.results):
            if result is None:  # a repeat of a text read earlier, written (or refused) by now
                article = Article.objects.filter(content_hash=self.digests[i]).first()
                self.results[i] = (Outcome.UNCHANGED, article, []) if article else (ArticleRefused(EMPTY), None, [])
        return self.results


def _without_nul(raw: RawArticle) -> RawArticle:
    """`raw` without NUL characters: PostgreSQL refuses them in text and JSON
    (SQLite keeps them), and the raw text and metadata are stored as given. The
    extraction drops them anyway, so the fingerprint stays the same."""
    cleaned = {name: value.replace("\x00", "") for name, value in vars(raw).items() if isinstance(value, str)}
    cleaned["authors"] = tuple(name.replace("\x00", "") for name in raw.authors)
    return dataclasses.replace(raw, **cleaned)


def _fields(extracted: Extracted, raw: RawArticle, digest: str) -> dict:
    return {
        "slug": article_slug(extracted.title, digest),
        "title": extracted.title,
        "title_generated": extracted.title_generated,
        "lead": extracted.lead,
        "body": extracted.body,
        "raw_text": raw.text,
        "published_on": extracted.published_on,
        "date_precision": extracted.date_precision,
        "date_found_by": extracted.date_source,
        "source": Source.for_name(extracted.source_name),
        "authors": extracted.authors,
        "url": web_url(raw.url),  # whatever the caller passed: only http(s) may become a link
        "language": extracted.language,
        "word_count": extracted.word_count,
        "content_hash": digest,
        "ref": raw.ref[:500],
        "given": given_metadata(raw),
        "date_evidence": extracted.date_evidence,
        **_capture_fields(raw),
    }


def _capture_fields(raw: RawArticle) -> dict:
    capture = raw.capture
    if capture is None:
        return {}
    return {
        "captured_at": capture.captured_at,
        "capture_file": capture.file,
        "capture_offset": capture.offset,
        "capture_record_id": capture.record_id[:100],
    }
