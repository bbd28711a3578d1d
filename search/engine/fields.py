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


class SearchedTextField(indexes.CharField):
    """French-analysed text searched but not shown: names and spellings (field
    queries such as `personne:`), the lead (scored above the body)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("stored", False)
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)


class PairsField(indexes.CharField):
    """Each two neighbouring words of the text, stemmed ("gard national"): a
    two-word phrase or words side by side found as one indexed term, without
    reading positions."""

    field_type = "pairs"

    def __init__(self, **kwargs):
        kwargs.setdefault("stored", False)
        super().__init__(**kwargs)


class VocabularyField(indexes.CharField):
    """The words of the text as written (accents kept, not stemmed), indexed
    for spelling suggestions only (search/query/suggestions.py)."""

    field_type = "vocabulary"

    def __init__(self, **kwargs):
        kwargs.setdefault("stored", False)
        super().__init__(**kwargs)
