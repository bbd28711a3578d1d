"""An article's extracted facts as readers see them: rejected items left out,
each with whether an editor checked it, a fixed number of queries whatever the
article holds."""

from dataclasses import dataclass

from archive.extraction.wire_copies import differences
from archive.models import Article, EntityKind, NearDuplicate, Review


@dataclass
class ArticleFacts:
    # Mentions (their entity selected): a mention carries the editor's review.
    people: list
    places: list
    organisations: list
    figures: list
    quotes: list
    themes: list
    near_duplicates: list

    @property
    def entities(self):
        return self.people + self.places + self.organisations


def facts_of(article: Article) -> ArticleFacts:
    mentions = (
        article.mentions.exclude(review=Review.REJECTED).select_related("entity").order_by("-count", "entity__name")
    )
    by_kind = {kind: [] for kind in EntityKind.values}
    for mention in mentions:
        by_kind[mention.entity.kind].append(mention)
    links = (
        NearDuplicate.objects.filter(from_article=article, to_article__held=False)
        .select_related("to_article__source")
        .order_by("to_article__published_on", "to_article_id")
    )
    duplicates = []
    for link in links:
        link.to_article.similarity = link.similarity  # the share of text in common, on the article's own text
        duplicates.append(link.to_article)
    return ArticleFacts(
        people=by_kind[EntityKind.PERSON],
        places=by_kind[EntityKind.PLACE],
        organisations=by_kind[EntityKind.ORGANISATION],
        figures=list(article.figures.exclude(review=Review.REJECTED)),
        quotes=list(article.quotes.exclude(review=Review.REJECTED).select_related("speaker_entity")),
        themes=list(article.themes.all()),
        near_duplicates=list(duplicates),
    )


def review_json(item) -> dict:
    """Whether an editor checked a fact: `review` is « pending » for what extraction
    found and nobody looked at, « accepted » once an editor did (or added it)."""
    return {"review": item.review, "checked": item.checked}


def facts_json(facts: ArticleFacts) -> dict:
    return {
        "people": [m.entity.name for m in facts.people],
        "places": [m.entity.name for m in facts.places],
        "organisations": [m.entity.name for m in facts.organisations],
        "entities": [
            {"name": m.entity.name, "kind": m.entity.kind, "slug": m.entity.slug, **review_json(m)}
            for m in facts.entities
        ],
        "figures": [
            {
                "count": f.count,
                "qualifier": f.qualifier or None,
                "unit": f.unit,
                "force": f.force or None,
                "announcer": f.announcer or None,
                "announcer_kind": f.announcer_kind or None,
                "sentence": f.sentence,
                **review_json(f),
            }
            for f in facts.figures
        ],  # fmt: skip
        "quotes": [
            {
                "speaker": q.speaker or None,
                "text": q.text,
                "speaker_entity": q.speaker_entity.slug if q.speaker_entity else None,
                **review_json(q),
            }
            for q in facts.quotes
        ],
        "themes": [t.name for t in facts.themes],
        "near_duplicates": [a.slug for a in facts.near_duplicates],
        "near_duplicate_similarity": {a.slug: round(a.similarity, 3) for a in facts.near_duplicates},
    }


MAX_CHANGES = 12  # runs of differing paragraphs shown per copy: a compact comparison, the texts are a click away


def copies_with_differences(article: Article, copies: list) -> list[tuple]:
    """(copy, its differences from `article`, whether more were left out) for
    the article page: computed on reading, from texts already loaded."""
    compared = []
    for copy in copies:
        changes = differences(article.body, copy.body)
        compared.append((copy, changes[:MAX_CHANGES], len(changes) > MAX_CHANGES))
    return compared
