"""An article's entities (with every spelling), themes and agencies, as its search
document needs them, loaded for many articles at once.

Django's nested prefetch (`mentions__entity__aliases`) builds a model instance
per mention and a queryset per entity, which made preparing documents cost
more than writing them (60 % of a rebuild). Here a chunk of articles costs
four flat queries and no model instances.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models.query import ModelIterable

from archive.models import Alias, Article, Mention, NearDuplicate, Quote, Review

CHUNK = 500  # articles per load: four queries, well under SQLite's limit on query parameters


@dataclass
class IndexFacts:
    # (slug, kind, names: the entity's name then its other spellings), in order of first mention
    entities: list[tuple[str, str, list[str]]] = field(default_factory=list)
    themes: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    story: str = ""  # the slug of the first article of its wire story (itself when none was republished)
    agencies: list[tuple[str, str]] = field(default_factory=list)  # (slug, name) of the sources supplying its copy
    speakers: list[str] = field(default_factory=list)  # slugs of the entities quoted, in order of first quote

    def slugs(self, kind) -> list[str]:
        return [slug for slug, entity_kind, _names in self.entities if entity_kind == kind]

    def names(self, kind) -> list[str]:
        names = {}
        for _slug, entity_kind, spellings in self.entities:
            if entity_kind == kind:
                names.update(dict.fromkeys(spellings))
        return list(names)


def load_facts(articles) -> None:
    """Attach `index_facts` to each article. Rejected mentions are left out."""
    by_id = {article.pk: article for article in articles}
    if not by_id:
        return
    for article in by_id.values():
        article.index_facts = IndexFacts()
    mentions = (
        Mention.objects.filter(article_id__in=by_id)
        .exclude(review=Review.REJECTED)
        # Mentions added by hand all start at position 0: the pk breaks ties, so
        # a document comes out the same every time (and so does its fingerprint).
        .order_by("first_position", "pk")
        .values_list("article_id", "entity_id", "entity__slug", "entity__kind", "entity__name")
    )
    rows = list(mentions)
    spellings = defaultdict(list)
    aliases = Alias.objects.filter(entity_id__in={row[1] for row in rows})
    for entity_id, name in aliases.values_list("entity_id", "name"):
        spellings[entity_id].append(name)
    for article_id, entity_id, slug, kind, name in rows:
        by_id[article_id].index_facts.entities.append((slug, kind, [name, *spellings[entity_id]]))
    quoted = (
        Quote.objects.filter(article_id__in=by_id, speaker_entity__isnull=False)
        .exclude(review=Review.REJECTED)
        .order_by("position", "pk")
        .values_list("article_id", "speaker_entity__slug")
    )
    for article_id, slug in quoted:
        if slug not in by_id[article_id].index_facts.speakers:
            by_id[article_id].index_facts.speakers.append(slug)
    themes = Article.themes.through.objects.filter(article_id__in=by_id).order_by("theme__name")
    for article_id, slug, name in themes.values_list("article_id", "theme__slug", "theme__name"):
        by_id[article_id].index_facts.themes.append((slug, name))
    agencies = Article.agencies.through.objects.filter(article_id__in=by_id).order_by("source__name")
    for article_id, slug, name in agencies.values_list("article_id", "source__slug", "source__name"):
        by_id[article_id].index_facts.agencies.append((slug, name))
    for article_id, slug in stories_of(by_id).items():
        by_id[article_id].index_facts.story = slug


def stories_of(articles: dict) -> dict[int, str]:
    """{article id: slug of its story's first article}. A story is the articles
    linked by near-duplicate links, followed from one to the next (a wire copy
    of an update of the story is still the story): a query per step, two or
    three for a chunk."""
    parent = {pk: pk for pk in articles}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    frontier = set(articles)
    while frontier:
        # A held article (archive Article.held) is in no public story: readers must not meet its address.
        links = NearDuplicate.objects.filter(from_article_id__in=frontier, to_article__held=False).values_list(
            "from_article_id", "to_article_id"
        )
        frontier = set()
        for first, second in links:
            if second not in parent:
                parent[second] = second
                frontier.add(second)
            low, high = sorted((root(first), root(second)))
            parent[high] = low  # the story is named by its first article (lowest id)
    roots = {pk: root(pk) for pk in articles}
    slugs = {pk: article.slug for pk, article in articles.items()}
    missing = set(roots.values()) - set(slugs)
    slugs |= dict(Article.objects.filter(pk__in=missing).values_list("pk", "slug"))
    return {pk: slugs[story] for pk, story in roots.items()}


def index_facts_of(article) -> IndexFacts:
    """The article's facts, loaded now if it came from elsewhere than the index's queryset."""
    if not hasattr(article, "index_facts"):
        load_facts([article])
    return article.index_facts


class ArticlesWithFacts(ModelIterable):
    """Articles of a queryset, each with its `index_facts`, loaded chunk by chunk
    whether the queryset is listed or iterated."""

    def __iter__(self):
        chunk = []
        for article in super().__iter__():
            chunk.append(article)
            if len(chunk) == CHUNK:
                load_facts(chunk)
                yield from chunk
                chunk = []
        load_facts(chunk)
        yield from chunk
