"""Facet counts as plain lists of dicts, with labels looked up once per page."""

from archive.models import Source


def source_names(slugs) -> dict[str, str]:
    slugs = {slug for slug in slugs if slug}
    if not slugs:
        return {}
    return dict(Source.objects.filter(slug__in=slugs).values_list("slug", "name"))


def facet_lists(counts: dict, selected: dict, names: dict) -> dict[str, list[dict]]:
    """{"year": [{"value", "label", "count", "selected"}, …], …}, most frequent first.
    Articles without a value (no date, no source) are not a facet value."""
    lists = {}
    for field, pairs in counts.items():
        values = [(value, count) for value, count in pairs if value not in (None, "")]
        lists[field] = [
            {
                "value": value,
                "label": names.get(value, value) if field == "source" else value,
                "count": count,
                "selected": value in selected.get(field, ()),
            }
            for value, count in values
        ]
    return lists
