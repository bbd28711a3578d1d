"""Sources an editor says are one: « Orange Actu (AFP) » merged into « Orange
Actu » hands over its articles, its agency links and its spellings, and its name
becomes a spelling of the kept source, so that later imports land there."""

from django.db import transaction

from archive.models import Article, Source, SourceAlias, source_key
from archive.signals import articles_changed


def add_source_alias(source: Source, name: str) -> None:
    """Remember a spelling of `source`; a spelling another source owns stays its own."""
    key = source_key(name)
    if key:
        SourceAlias.objects.bulk_create([SourceAlias(source=source, name=name[:200], key=key)], ignore_conflicts=True)


@transaction.atomic
def merge_sources(target: Source, others) -> list[int]:
    """Merge `others` into `target`; returns the ids of the articles whose
    documents change, announced to the search index (rewritten on commit).
    Articles move by update(), which sends no signal of its own."""
    touched = set()
    through = Article.agencies.through
    for other in others:
        if other.pk == target.pk:
            continue
        published = list(Article.objects.filter(source=other).values_list("pk", flat=True))
        Article.objects.filter(pk__in=published).update(source=target)
        supplied = set(through.objects.filter(source=other).values_list("article_id", flat=True))
        # An article crediting both keeps one link, to the target.
        through.objects.filter(source=other, article__agencies=target).delete()
        through.objects.filter(source=other).update(source=target)
        touched |= set(published) | supplied
        SourceAlias.objects.filter(source=other).update(source=target)
        other_name, other_slug = other.name, other.slug
        other.delete()  # first: its slug is free to become a spelling of the target
        add_source_alias(target, other_name)
        if other_slug != source_key(other_name):
            add_source_alias(target, other_slug)
    articles_changed.send(sender=Source, article_ids=sorted(touched))
    return sorted(touched)
