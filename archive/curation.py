"""Extraction written through the ORM without losing an editor's work.

A field an editor corrected (Article.edited_fields) is never overwritten; a
mention, figure or quote an editor rejected stays rejected and is not added
again; one an editor accepted or added stays even if extraction no longer finds
it. Everything else follows the latest extraction. Each article is written in
its own transaction; the index follows on commit (search/upkeep/signals.py).
"""

from collections.abc import Callable, Iterable
from itertools import islice

from django.db import transaction
from django.utils import timezone

from archive.duplicates import record_signature
from archive.entities import entity_for
from archive.extraction import batch, parallel
from archive.extraction.entities import FoundEntity
from archive.extraction.organisations import KnownOrganisation, parse_spellings
from archive.extraction.pipeline import Extracted, Facts, RawArticle
from archive.extraction.salience import salient
from archive.extraction.themes import Lexicon, parse_keywords
from archive.models import (
    Article,
    ExtractedField,
    Figure,
    Mention,
    OrganisationPattern,
    Origin,
    Quote,
    Relevance,
    Review,
    Source,
    Theme,
)
from archive.relevance import apply_relevance

BATCH = 32  # articles per pass of the entity recogniser


def given_metadata(raw: RawArticle) -> dict:
    """What came with the file, kept so that re-extraction starts from it."""
    given = {"title": raw.title, "source": raw.source, "url": raw.url, "language": raw.language}
    given["authors"] = list(raw.authors)
    if raw.date not in (None, ""):
        given["date"] = str(raw.date)
    return {key: value for key, value in given.items() if value}


def raw_of(article: Article) -> RawArticle:
    given = article.given or {}
    return RawArticle(
        text=article.raw_text,
        ref=article.ref,
        title=given.get("title", ""),
        date=given.get("date"),
        source=given.get("source", ""),
        url=given.get("url", ""),
        language=given.get("language", ""),
        authors=tuple(given.get("authors") or ()),
    )


def lexicons() -> list[Lexicon]:
    return [Lexicon(theme.slug, parse_keywords(theme.keywords)) for theme in Theme.objects.all()]


def known_organisations() -> tuple[KnownOrganisation, ...]:
    """The editors' list of known organisations (admin → Organisations connues),
    as its rows: one query per batch, so that an editor's change applies from the
    next batch; extraction compiles it once per distinct list
    (archive.extraction.organisations.compiled)."""
    rows = OrganisationPattern.objects.order_by("pk").values_list("name", "patterns")
    return tuple(KnownOrganisation(name, parse_spellings(patterns)) for name, patterns in rows)


def extract_articles(
    articles: Iterable[Article], progress: Callable[[int, int], None] | None = None, processes: int = 1
) -> int:
    """Re-extract `articles` from their raw text, batch by batch, the recogniser
    in `processes` worker processes (1: in this one). Returns how many changed;
    `progress(done, changed)` is called after each batch."""
    lexicon, done, changed = lexicons(), 0, 0
    sent = (
        (articles, ([_task(a) for a in articles], lexicon, known_organisations()))
        for articles in batched(articles, BATCH)
    )
    for articles, results in parallel.ordered_map(batch.extract_batch, sent, processes):
        for article, (fields, facts) in zip(articles, results, strict=True):
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=article.pk)
                changed += apply_extraction(article, fields, facts)
        done += len(articles)
        if progress:
            progress(done, changed)
    return changed


def batched(items: Iterable, size: int):
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def _task(article: Article) -> batch.Task:
    # Facts come from the article as it is shown: the editor's text if they corrected it.
    return batch.Task(
        raw_of(article),
        title=article.title if article.is_edited(ExtractedField.TITLE) else None,
        body=article.body if article.is_edited(ExtractedField.BODY) else None,
        authors=article.authors if article.is_edited(ExtractedField.AUTHORS) else None,
        source=article.source.name if article.source_id else None,
    )


def apply_extraction(article: Article, extracted: Extracted, facts: Facts) -> bool:
    """Write an extraction into a saved article, respecting the editor's work.
    Returns whether anything changed. Call inside a transaction."""
    changed = _apply_fields(article, extracted)
    changed |= apply_relevance(article)  # from the title and text as shown, the editor's if corrected
    entities = facts.entities
    if article.relevance == Relevance.OFF_TOPIC:
        entities = salient(entities, facts.lead_end)
    stored = _stored_entities(entities)
    changed |= _sync_mentions(article, entities, stored)
    changed |= _sync(article, Figure, _figure_rows(facts))
    changed |= _sync(article, Quote, _quote_rows(facts, stored))
    changed |= _apply_themes(article, facts)
    changed |= _apply_agencies(article, extracted)
    changed |= record_signature(article, facts.signature)
    article.extracted_at = timezone.now()
    article.save()  # also schedules the article's reindexing on commit
    return changed


def _apply_fields(article: Article, extracted: Extracted) -> bool:
    values = {}
    if not article.is_edited(ExtractedField.TITLE):
        values |= {"title": extracted.title, "title_generated": extracted.title_generated}
    if not article.is_edited(ExtractedField.LEAD):
        values["lead"] = extracted.lead
    if not article.is_edited(ExtractedField.BODY):
        values |= {"body": extracted.body, "word_count": extracted.word_count}
    if not article.is_edited(ExtractedField.DATE):
        values |= {
            "published_on": extracted.published_on,
            "date_precision": extracted.date_precision,
            "date_found_by": extracted.date_source,
            "date_evidence": extracted.date_evidence,
        }
    if not article.is_edited(ExtractedField.LANGUAGE):
        values["language"] = extracted.language
    if not article.is_edited(ExtractedField.SOURCE):
        values["source"] = Source.for_name(extracted.source_name)
    if not article.is_edited(ExtractedField.AUTHORS):
        values["authors"] = extracted.authors
    return article.assign(values)


def _apply_agencies(article: Article, extracted: Extracted) -> bool:
    if article.is_edited(ExtractedField.AGENCIES):
        return False
    wanted = [Source.for_name(name) for name in extracted.agencies]
    if {s.pk for s in wanted} == set(article.agencies.values_list("pk", flat=True)):
        return False
    article.agencies.set(wanted)
    return True


def _stored_entities(entities: list[FoundEntity]) -> dict:
    """The archive's entity id of each entity found, by (kind, key)."""
    return {(entity.kind, entity.key): entity_for(entity).pk for entity in entities}


def _sync_mentions(article: Article, entities: list[FoundEntity], stored: dict) -> bool:
    found = {}
    for entity in entities:
        pk = stored[entity.kind, entity.key]
        count, position = found.get(pk, (0, entity.first_position))
        found[pk] = (count + entity.count, min(position, entity.first_position))
    rows = {pk: {"count": count, "first_position": position} for pk, (count, position) in found.items()}
    existing = {m.entity_id: m for m in Mention.objects.filter(article=article)}
    return _reconcile(article, Mention, existing, rows, key_field="entity_id")


def _figure_rows(facts: Facts) -> dict:
    rows = {}
    for figure in facts.figures:
        key = Figure.key_for(figure.count, figure.unit, figure.sentence)
        rows.setdefault(key, {
            "count": figure.count, "qualifier": figure.qualifier[:40], "unit": figure.unit[:120],
            "force": figure.force[:120], "sentence": figure.sentence, "position": figure.position,
            "announcer": figure.announcer[:200], "announcer_kind": figure.announcer_kind,
        })  # fmt: skip
    return rows


def _quote_rows(facts: Facts, stored: dict) -> dict:
    rows = {}
    for quote in facts.quotes:
        rows.setdefault(Quote.key_for(quote.text), {
            "text": quote.text, "speaker": quote.speaker[:200], "position": quote.position,
            "speaker_entity_id": stored.get((quote.speaker_kind, quote.speaker_key)),
        })  # fmt: skip
    return rows


def _sync(article: Article, model, rows: dict) -> bool:
    existing = {row.key: row for row in model.objects.filter(article=article)}
    return _reconcile(article, model, existing, rows, key_field="key")


def _reconcile(article, model, existing: dict, rows: dict, key_field: str) -> bool:
    """Make the extracted rows of `article` those in `rows` (key -> values),
    leaving alone what an editor decided or added."""
    changed = False
    for key, values in rows.items():
        row = existing.get(key)
        if row is None:
            model.objects.create(article=article, **{key_field: key}, **values)
            changed = True
        elif row.origin == Origin.EXTRACTED and row.review == Review.PENDING:
            differing = {name: value for name, value in values.items() if getattr(row, name) != value}
            if differing:
                model.objects.filter(pk=row.pk).update(**differing)
                changed = True
    stale = [
        row.pk for key, row in existing.items()
        if key not in rows and row.origin == Origin.EXTRACTED and row.review == Review.PENDING
    ]  # fmt: skip
    if stale:
        model.objects.filter(pk__in=stale).delete()
        changed = True
    return changed


def _apply_themes(article: Article, facts: Facts) -> bool:
    if article.is_edited(ExtractedField.THEMES):
        return False
    wanted = set(Theme.objects.filter(slug__in=[slug for slug, _ in facts.themes]).values_list("pk", flat=True))
    current = set(article.themes.values_list("pk", flat=True))
    if wanted == current:
        return False
    article.themes.set(wanted)
    return True
