"""An article's extracted facts as readers see them: rejected items left out,
a fixed number of queries whatever the article holds."""

from dataclasses import dataclass

from archive.models import Article, EntityKind, Review


@dataclass
class ArticleFacts:
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
        by_kind[mention.entity.kind].append(mention.entity)
    duplicates = article.near_duplicates.select_related("source").order_by("published_on", "pk")
    return ArticleFacts(
        people=by_kind[EntityKind.PERSON],
        places=by_kind[EntityKind.PLACE],
        organisations=by_kind[EntityKind.ORGANISATION],
        figures=list(article.figures.exclude(review=Review.REJECTED)),
        quotes=list(article.quotes.exclude(review=Review.REJECTED).select_related("speaker_entity")),
        themes=list(article.themes.all()),
        near_duplicates=list(duplicates),
    )


def facts_json(facts: ArticleFacts) -> dict:
    return {
        "people": [e.name for e in facts.people],
        "places": [e.name for e in facts.places],
        "organisations": [e.name for e in facts.organisations],
        "figures": [
            {
                "count": f.count,
                "qualifier": f.qualifier or None,
                "unit": f.unit,
                "force": f.force or None,
                "sentence": f.sentence,
            }
            for f in facts.figures
        ],  # fmt: skip
        "quotes": [
            {
                "speaker": q.speaker or None,
                "text": q.text,
                "speaker_entity": q.speaker_entity.slug if q.speaker_entity else None,
            }
            for q in facts.quotes
        ],
        "themes": [t.name for t in facts.themes],
        "near_duplicates": [a.slug for a in facts.near_duplicates],
    }
