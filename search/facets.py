"""Facet counts as plain lists of dicts, with labels looked up once per page,
and the active filters as removable chips."""

from archive.dates import display_at_precision
from archive.models import Entity, Source, Theme
from search.forms import FACETS, search_url

ENTITY_FACETS = ("person", "place", "organisation")


def facet_labels(counts: dict, result_sources) -> dict[str, dict[str, str]]:
    """{facet: {slug: label}} for the slugs on this page: one query per kind of
    label (sources, entities, themes), only when there are slugs to name."""

    def slugs(*fields):
        return {value for f in fields for value, _ in counts.get(f, []) if value}

    labels = {"source": _names(Source, slugs("source") | {s for s in result_sources if s})}
    entity_names = _names(Entity, slugs(*ENTITY_FACETS))
    labels.update(dict.fromkeys(ENTITY_FACETS, entity_names))
    labels["theme"] = _names(Theme, slugs("theme"))
    return labels


def _names(model, slugs) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(model.objects.filter(slug__in=slugs).values_list("slug", "name"))


FACET_LIMIT = 40  # values per facet; selected values are always kept


def facet_lists(counts: dict, selected: dict, labels: dict) -> dict[str, list[dict]]:
    """{"year": [{"value", "label", "count", "selected"}, …], …}, most frequent first.
    Articles without a value (no date, no source) are not a facet value."""
    lists = {}
    for field, pairs in counts.items():
        names, chosen = labels.get(field, {}), set(selected.get(field, ()))
        pairs = sorted((p for p in pairs if p[0] not in (None, "")), key=lambda p: (-p[1], p[0]))
        kept = [p for i, p in enumerate(pairs) if i < FACET_LIMIT or p[0] in chosen]
        lists[field] = [
            {
                "value": value,
                "label": names.get(value, value),
                "count": count,
                "selected": value in chosen,
                # Choosing a value adds it to the facet's others (OR); choosing it again removes it.
                "href": search_url(selected, **{field: _toggled(selected.get(field, []), value)}),
            }
            for value, count in kept
        ]
    return lists


def _toggled(values, value):
    return [v for v in values if v != value] if value in values else [*values, value]


def selected_filters(params: dict, facets: dict) -> list[dict]:
    """[{"name", "label", "remove"}] for every active filter, in the order of
    the facets, then the dates: what the chips above the results show."""
    chips = []
    for name, label in FACETS.items():
        names = {value["value"]: value["label"] for value in facets.get(name, [])}
        for value in params.get(name) or ():
            remove = search_url(params, **{name: _toggled(params[name], value)})
            chips.append({"name": label, "label": names.get(value, value), "remove": remove})
    for name, label in (("date_from", "Depuis"), ("date_to", "Jusqu'à")):
        if period := params.get(name):
            shown = display_at_precision(period.start, period.precision)
            chips.append({"name": label, "label": shown, "remove": search_url(params, **{name: None})})
    if params.get("undated"):
        chips.append({"name": "Date", "label": "sans date", "remove": search_url(params, undated=None)})
    return chips
