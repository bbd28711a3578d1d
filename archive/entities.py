"""Entities shared across the archive: finding the one an extracted name refers
to, creating it on first sight, and merging two entities an editor says are one."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from archive.extraction.entities import FoundEntity, entity_key
from archive.extraction.text import capital_accents
from archive.models import Alias, Entity, FormerSlug, Mention, Quote, Review
from archive.signals import articles_changed


def entity_for(found: FoundEntity) -> Entity:
    """The archive's entity for a name found in an article, created if new."""
    spellings = {entity_key(name): name for name in sorted(found.aliases | {found.name}) if entity_key(name)}
    keys = [found.key, *sorted(set(spellings) - {found.key})]
    known = {a.key: a for a in Alias.objects.filter(kind=found.kind, key__in=keys).select_related("entity")}
    entity = next((known[k].entity for k in keys if k in known), None)
    if entity is None:
        entity = _create(found.kind, found.name)
    elif found.canonical and not entity.name_edited and entity.name != found.name:
        _rename(entity, found.name)  # the name the list of known organisations gives it
    elif not entity.name_edited and _better_spelling(found.name, entity.name):
        # "Etats-Unis" seen first, "États-Unis" now: show the accented spelling.
        Entity.objects.filter(pk=entity.pk).update(name=found.name)
        entity.name = found.name
    new = [Alias(entity=entity, kind=entity.kind, key=key, name=name[:200]) for key, name in spellings.items()
           if key not in known]  # fmt: skip
    # A spelling another import claimed meanwhile stays with its entity.
    Alias.objects.bulk_create(new, ignore_conflicts=True)
    return entity


def _rename(entity: Entity, name: str) -> None:
    """Rename without a save signal: the documents of the entity's articles show
    its name, so they are announced to the index (rewritten on commit)."""
    Entity.objects.filter(pk=entity.pk).update(name=name)
    entity.name = name
    articles = Mention.objects.filter(entity=entity).values_list("article_id", flat=True)
    articles_changed.send(sender=Entity, article_ids=sorted(set(articles)))


def _better_spelling(new: str, current: str) -> bool:
    """Whether an article's spelling should rename the archive's entity: the same
    name with more accents on its capitals ("États-Unis" for "Etats-Unis"). Not
    one with more accents on small letters: one article's "Mâli" renamed Mali in
    328 articles of the whole corpus."""
    return entity_key(new) == entity_key(current) and capital_accents(new) > capital_accents(current)


def _create(kind: str, name: str) -> Entity:
    base = slugify(name)[:200] or kind
    for attempt in range(20):
        slug = base if attempt == 0 else f"{base}-{kind}" if attempt == 1 else f"{base}-{attempt}"
        if FormerSlug.objects.filter(slug=slug).exists():
            continue  # the address of a merged entity keeps leading to the one kept
        try:
            with transaction.atomic():
                return Entity.objects.create(kind=kind, name=name, slug=slug)
        except IntegrityError:
            continue
    raise IntegrityError(f"no free slug for {name!r}")


def add_alias(entity: Entity, name: str) -> None:
    """Remember a spelling of `entity`; a spelling another entity owns stays its own."""
    key = entity_key(name)
    if not key:
        return
    Alias.objects.bulk_create(
        [Alias(entity=entity, kind=entity.kind, key=key, name=name[:200])], ignore_conflicts=True
    )  # a spelling another entity owns stays its own


@transaction.atomic
def merge_entities(target: Entity, others) -> list[int]:
    """Merge `others` into `target`: their names and aliases become the target's
    aliases, their mentions move to it, their page addresses lead to it. Returns the ids of the articles whose
    documents change, announced to the search index (archive/signals.py), which
    rewrites them when the transaction commits: those
    that mentioned `others`, and every article of `target`, whose documents
    carry its spellings (`personne:"Biden"` finds Trump's articles after a merge).
    Aliases move by `update()` and `bulk_create`, which send no signal."""
    touched = set()
    for other in others:
        if other.pk == target.pk:
            continue
        # The spellings keep the kind the recogniser gives them: a "person"
        # Washington merged into the place still finds the place next time.
        Alias.objects.filter(entity=other).update(entity=target)
        add_alias(target, other.name)
        touched.update(Quote.objects.filter(speaker_entity=other).values_list("article_id", flat=True))
        Quote.objects.filter(speaker_entity=other).update(speaker_entity=target)
        for mention in Mention.objects.filter(entity=other):
            touched.add(mention.article_id)
            existing = Mention.objects.filter(article_id=mention.article_id, entity=target).first()
            if existing is None:
                mention.entity = target
                mention.save(update_fields=["entity"])
                continue
            existing.count += mention.count
            existing.first_position = min(existing.first_position, mention.first_position)
            if existing.review == Review.PENDING:
                existing.review = mention.review  # an editor's decision on either stands
            existing.save(update_fields=["count", "first_position", "review"])
            mention.delete()
        # The merged entity's page, and the pages merged into it before, lead to the one kept.
        FormerSlug.objects.filter(entity=other).update(entity=target)
        FormerSlug.objects.update_or_create(slug=other.slug, defaults={"entity": target})
        other.delete()
    touched.update(Mention.objects.filter(entity=target).values_list("article_id", flat=True))
    articles_changed.send(sender=Entity, article_ids=sorted(touched))
    return sorted(touched)


def drop_orphans() -> int:
    """Delete the entities no article mentions any more, unless an editor named them."""
    deleted, _ = Entity.objects.filter(mentions__isnull=True, name_edited=False).delete()
    return deleted
