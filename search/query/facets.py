"""The facet registry: what a facet is, in one place.

A facet is a URL parameter, an index field of the same name, a label for
readers, a way to name its values (slugs in the index, names on the page), an
order and how several of its values combine. Adding a facet is one entry here
plus its field in search/search_indexes.py; the search state, the query, the
page, the API, the exports and the chips all read this registry.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from archive.models import Article, Entity, Relevance, Source, Theme

SLUG = re.compile(r"^[-a-z0-9_]{1,220}$")  # entity slugs reach 220 characters
YEAR = re.compile(r"^\d{4}$")
FACET_LIMIT = 40  # values counted per facet; selected values are always kept


def names_from(model) -> Callable[[set[str]], dict[str, str]]:
    """Labels of slugs looked up in `model` (one query for all the slugs)."""

    def lookup(slugs: set[str]) -> dict[str, str]:
        if not slugs:
            return {}
        return dict(model.objects.filter(slug__in=slugs).values_list("slug", "name"))

    lookup.model = model  # facets naming their values from one model share a query
    return lookup


def as_written(values: set[str]) -> dict[str, str]:
    return {value: value for value in values}


def choices_of(choices) -> Callable[[set[str]], dict[str, str]]:
    """Labels of a fixed set of values (a model's choices)."""
    names = dict(choices)

    def lookup(values: set[str]) -> dict[str, str]:
        return {value: names.get(value, value) for value in values}

    return lookup


def article_titles(slugs: set[str]) -> dict[str, str]:
    """A story is named by the title of its first article (one query)."""
    if not slugs:
        return {}
    return dict(Article.objects.filter(slug__in=slugs).values_list("slug", "title"))


def one_of(choices) -> re.Pattern:
    return re.compile("^(?:" + "|".join(re.escape(value) for value, _ in choices) + ")$")


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter, index field, API key
    label: str  # heading and chip name
    pattern: re.Pattern  # what a valid value looks like
    labels: Callable[[set[str]], dict[str, str]] = as_written
    order: str = "count"  # "count": most frequent first; "value": in the values' order (years: chronological)
    combine: str = "OR"  # how several selected values of this facet narrow a search
    all_of: bool = False  # a reader may ask for articles with all the selected values instead (`all=person`)
    values: tuple[str, ...] = ()  # the only values there are, in their order (order="listed"), named in errors
    counted: bool = True  # listed with its counts beside the results; else only a filter (a story's copies)

    def sorted(self, pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
        if self.order == "value":
            return sorted(pairs)
        if self.order == "listed":
            rank = {value: i for i, value in enumerate(self.values)}
            return sorted(pairs, key=lambda pair: (rank.get(pair[0], len(rank)), pair[0]))
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in (
        # The article's relevance to the archive's subject (archive/relevance.py): first, a
        # reader narrows a search to the subject before anything else.
        Facet(
            "relevance",
            "Sujet de l'archive",
            one_of(Relevance.choices),
            choices_of(Relevance.choices),
            order="listed",
            values=tuple(Relevance.values),
        ),
        Facet("year", "Année", YEAR, order="value"),
        # The publisher (Orange Actu), and the agencies whose copy it runs (AFP): sources both.
        Facet("source", "Source", SLUG, names_from(Source)),
        Facet("agency", "Agence", SLUG, names_from(Source)),
        Facet("person", "Personne", SLUG, names_from(Entity), all_of=True),
        Facet("place", "Lieu", SLUG, names_from(Entity), all_of=True),
        Facet("organisation", "Organisation", SLUG, names_from(Entity), all_of=True),
        Facet("theme", "Thème", SLUG, names_from(Theme), all_of=True),
        # The copies of one wire story (search/search_indexes.py, `story`): what
        # « N reprises » opens. A filter, not a list of values beside the results.
        Facet("story", "Reprises de", SLUG, article_titles, counted=False),
        # Who is quoted in the article: a person or an institution (archive Quote.speaker_entity).
        Facet("speaker", "Cité (locuteur)", SLUG, names_from(Entity)),
    )
}
COUNTED = [name for name, facet in FACETS.items() if facet.counted]


def labels_of(values_by_facet: dict[str, Iterable[str]]) -> dict[str, dict[str, str]]:
    """{facet: {value: label}}: one lookup per kind of label (sources,
    entities, themes) for all the values given."""
    groups: dict[object, tuple[Callable, set[str]]] = {}
    for name, values in values_by_facet.items():
        lookup = FACETS[name].labels
        groups.setdefault(_kind(lookup), (lookup, set()))[1].update(v for v in values if v)
    found = {kind: lookup(values) for kind, (lookup, values) in groups.items()}
    return {name: found[_kind(FACETS[name].labels)] for name in values_by_facet}


def _kind(lookup):
    return getattr(lookup, "model", lookup)


def facet_lists(counts: dict, selected: dict[str, tuple[str, ...]], labels: dict) -> dict[str, list[dict]]:
    """{"year": [{"value", "label", "count", "selected"}, …], …} in each facet's
    order. Articles without a value (no date, no source) are not a facet value;
    at most FACET_LIMIT values, and the selected ones wherever they rank."""
    lists = {}
    for name, facet in FACETS.items():
        if not facet.counted:
            continue
        names, chosen = labels.get(name, {}), set(selected.get(name, ()))
        pairs = [pair for pair in counts.get(name, []) if pair[0] not in (None, "")]
        by_count = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
        kept = {pair for i, pair in enumerate(by_count) if i < FACET_LIMIT or pair[0] in chosen}
        lists[name] = [
            {"value": value, "label": names.get(value, value), "count": count, "selected": value in chosen}
            for value, count in facet.sorted(kept)
        ]
    return lists
