"""Index field types that haystack lacks."""

from haystack import indexes


class KeywordField(indexes.CharField):
    """An exact, unanalysed value (a slug, a year) to filter, facet and sort on."""

    field_type = "keyword"


class MultiKeywordField(indexes.MultiValueField):
    """Several exact values (entity slugs): Whoosh stores them comma-separated,
    which is why we facet on slugs, never on display names."""

    field_type = "keyword"


class StoredField(indexes.CharField):
    """Kept in the index to render results without the database; not searchable."""

    field_type = "stored"

    def __init__(self, **kwargs):
        kwargs.setdefault("indexed", False)
        super().__init__(**kwargs)
