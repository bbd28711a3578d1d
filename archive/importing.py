"""Write extracted articles through the ORM: one transaction per article, the
same text twice is one article."""

import hashlib
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from archive.extraction import Extracted, RawArticle, extract
from archive.extraction.text import normalise
from archive.models import Article, Source


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
    digest = content_hash(raw.text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing:
        return Outcome.UNCHANGED, existing, []
    extracted = extract(raw)
    if not extracted.body:
        raise ArticleRefused("aucun texte d'article après nettoyage")
    try:
        with transaction.atomic():
            article = Article.objects.create(**_fields(extracted, raw, digest))
    except IntegrityError:
        # Another import wrote the same text meanwhile.
        return Outcome.UNCHANGED, Article.objects.get(content_hash=digest), []
    return Outcome.IMPORTED, article, extracted.notes


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
        "url": raw.url,
        "language": extracted.language,
        "word_count": extracted.word_count,
        "content_hash": digest,
        "ref": raw.ref[:500],
    }
