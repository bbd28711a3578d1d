"""/entites/ and /entites/<slug>/: the most cited entities, and an entity's
page: its other spellings, and its articles, coverage over time and
co-mentioned entities from one search narrowed to it, so the page and the
filtered search always agree. Both count the articles about the archive's
subject unless the reader asks for all of them (web/scope.py)."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from archive.models import Entity, EntityKind, FormerSlug, Mention, Quote, Review
from search.query.run import SearchOutcome, run_search
from search.query.state import SearchState
from web.coverage_chart import coverage_chart
from web.home import top_entities
from web.scope import Scope, scope_of

CO_MENTIONED = 8  # entities shown per kind
QUOTES = 10  # an entity's latest quotes shown on its page
INDEX_SIZE = 60  # entities per kind on the list of entities


@require_GET
def entity_detail(request, slug):
    entity = shown_entities().with_review().filter(slug=slug).first()
    if entity is None:
        # A merged entity's address, cited or linked elsewhere: the entity kept, for good.
        former = get_object_or_404(FormerSlug.objects.select_related("entity"), slug=slug)
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return HttpResponsePermanentRedirect(former.entity.get_absolute_url() + query)
    scope = scope_of(request)
    page = entity_page(entity, request.GET.get("page"), scope)
    context = {"page": page, "entity": entity, "search": page.search, "chart": page.chart, "scope": scope}
    return render(request, "web/entity_detail.html", context)


def shown_entities():
    """Entities but those named only in held articles (Article.held), which
    readers must not learn of before an editor accepts them."""
    mentions = Mention.objects.filter(entity=OuterRef("pk"))
    return Entity.objects.filter(Exists(mentions.filter(article__held=False)) | ~Exists(mentions))


@require_GET
def entities(request):
    scope = scope_of(request)
    return render(request, "web/entity_index.html", {"lists": entity_index(scope=scope), "scope": scope})


@dataclass
class EntityPage:
    entity: Entity
    spellings: list[str]
    search: SearchOutcome
    co_mentioned: dict = field(default_factory=dict)
    chart: object = None
    quotes: list = field(default_factory=list)
    quote_count: int = 0

    @property
    def has_co_mentions(self):
        return any(self.co_mentioned.values())


def entity_page(entity: Entity, page, scope: Scope | None = None) -> EntityPage:
    """`page` is the raw `?page=` value: a bad one becomes page 1 and a message.
    The articles are those of `scope` (the subject's by default)."""
    scope = scope or Scope(everything=False)
    asked = SearchState.from_query({"sort": "newest", "page": page})
    # Narrowed after validation: the entity comes from the database, and a slug
    # a reader's parameter would refuse must never turn into a search of the whole archive.
    state = asked.narrowed(**{entity.kind: (entity.slug,)}, relevance=scope.relevance).on_page(asked.page)
    # Plain counts: co-mentions are counted within this entity's articles.
    search = run_search(state, multiselect=False)
    search.messages = [*scope.messages, *asked.problems, *search.messages]
    return EntityPage(
        entity=entity,
        spellings=other_spellings(entity),
        search=search,
        co_mentioned=top_entities(search, CO_MENTIONED, leave_out=entity.slug),
        chart=coverage_chart(search.periods, search.count),
        **quotes_of(entity, scope),
    )


def quotes_of(entity: Entity, scope: Scope, limit: int = QUOTES) -> dict:
    """The entity's latest quotes (it is their speaker) in the articles of
    `scope`, with how many there are: {"quotes": [...], "quote_count": n}."""
    quotes = Quote.objects.filter(speaker_entity=entity, article__held=False).exclude(review=Review.REJECTED)
    if scope.relevance:
        quotes = quotes.filter(article__relevance__in=scope.relevance)
    latest = quotes.select_related("article").order_by(F("article__published_on").desc(nulls_last=True), "pk")
    return {"quotes": list(latest[:limit]), "quote_count": quotes.count()}


def other_spellings(entity: Entity) -> list[str]:
    """The spellings found in texts or merged in, the entity's own name left out."""
    names = {entity.name.casefold()}
    spellings = []
    for name in entity.aliases.values_list("name", flat=True):
        if name.casefold() not in names:
            names.add(name.casefold())
            spellings.append(name)
    return spellings


def entity_index(limit: int = INDEX_SIZE, scope: Scope | None = None) -> dict[str, list[dict]]:
    """{"people": [{"value", "label", "count"}, …], …}: per kind, the entities
    named in the most articles of `scope` (the subject's by default). From the
    database rather than the index, whose facets stop at 20 values; a mention
    is unique per article, so counting the shown mentions counts the articles,
    as the index does."""
    scope = scope or Scope(everything=False)
    counted = ~Q(mentions__review=Review.REJECTED) & Q(mentions__article__held=False)
    if scope.relevance:
        counted &= Q(mentions__article__relevance__in=scope.relevance)
    shown = Count("mentions", filter=counted)
    lists = {}
    for key, kind in (
        ("people", EntityKind.PERSON),
        ("places", EntityKind.PLACE),
        ("organisations", EntityKind.ORGANISATION),
    ):
        rows = (
            Entity.objects.filter(kind=kind)
            .annotate(articles=shown)
            .filter(articles__gt=0)
            .order_by("-articles", "name")
            .values_list("slug", "name", "articles")[:limit]
        )
        lists[key] = [{"value": slug, "label": name, "count": count} for slug, name, count in rows]
    return lists
