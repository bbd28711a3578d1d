"""Write extracted articles through the ORM: one transaction per article, with
its entities, figures, quotes, themes and fingerprint; the same text twice is
one article. Articles go through in batches so that the entity recogniser
reads many texts per pass."""

import dataclasses
import hashlib
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from archive.curation import analyse, apply_extraction, given_metadata, lexicons
from archive.extraction.pipeline import Extracted, RawArticle, extract, publisher_names
from archive.extraction.text import normalise
from archive.models import Article, Source
from archive.readers import web_url


class Outcome(StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"


class ArticleRefused(Exception):
    """The record was read but holds no article."""


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
    raws = [_without_nul(raw) for raw in raws]
    digests = [content_hash(raw.text) for raw in raws]
    known = {a.content_hash: a for a in Article.objects.filter(content_hash__in=digests)}
    results, todo = [None] * len(raws), []
    for i, (raw, digest) in enumerate(zip(raws, digests, strict=True)):
        if digest in known:
            results[i] = (Outcome.UNCHANGED, known[digest], [])
            continue
        extracted = extract(raw)
        if not extracted.body:
            results[i] = (ArticleRefused("aucun texte d'article après nettoyage"), None, [])
            continue
        known[digest] = None  # the same text twice in one batch is imported once
        todo.append((i, extracted))
    facts = analyse(
        [(e.title, e.body) for _, e in todo],
        lexicon if lexicon is not None else lexicons(),
        [e.authors + publisher_names(e.source_name) for _, e in todo],
    )
    for (i, extracted), found in zip(todo, facts, strict=True):
        raw, digest = raws[i], digests[i]
        try:
            with transaction.atomic():
                article = Article.objects.create(**_fields(extracted, raw, digest))
                apply_extraction(article, extracted, found)
        except IntegrityError:
            # Another import wrote the same text meanwhile.
            results[i] = (Outcome.UNCHANGED, Article.objects.get(content_hash=digest), [])
            continue
        results[i] = (Outcome.IMPORTED, article, extracted.notes)
    for i, result in enumerate(results):
        if result is None:  # a repeat of a text earlier in this batch
            results[i] = (Outcome.UNCHANGED, Article.objects.get(content_hash=digests[i]), [])
    return results


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
    }
