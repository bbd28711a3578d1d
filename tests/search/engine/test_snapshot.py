"""Facet counts, filters and date sorts read from arrays (search/engine/snapshot.py)
give what Whoosh itself gives, and follow the index when it changes."""

import pytest
from django.db import transaction
from whoosh import query as wq
from whoosh.sorting import Count, FieldFacet

from archive.models import Article, Source, Theme
from search.engine.connection import backend
from search.upkeep.indexing import update_articles

FACET_FIELDS = ("year", "source", "person", "place", "organisation", "theme", "period")


def whoosh_counts(parsed, filters, name):
    """Counts as Whoosh's own facet collector makes them, by reading each hit."""
    engine = backend()
    searcher = engine.searcher()
    facet = FieldFacet(name, maptype=Count, allow_overlap=name in ("person", "place", "organisation", "theme"))
    results = searcher.search(parsed, limit=None, groupedby={name: facet}, filter=wq.And(filters) if filters else None)
    return {value: count for value, count in results.groups(name).items() if value not in (None, "")}


def ours(query_string, narrow=(), name=None, **kwargs):
    facets = {name: {}} if name else {n: {} for n in FACET_FIELDS}
    return backend().search(query_string, facets=facets, narrow_queries=set(narrow), **kwargs)


@pytest.fixture
def archive(seeds, make_article):
    make_article(
        "Trump envoie la Garde nationale à la frontière avec le Mexique, à Tijuana et El Paso.",
        title="Garde nationale à la frontière",
        date="2018-10-12",
        source="AFP",
    )
    make_article("Les migrants de la caravane attendent à Tijuana.", title="Caravane", date="2018-11", source="AFP")
    make_article("Un texte sans date sur la frontière et le mur.", title="Sans date", source="Le Monde")
    return Article.objects.all()


QUERIES = ["", "frontière", "mur OR garde", "milit*", "trump AND NOT caravane", '"garde nationale"']
FILTERS = [
    (),
    ('source:("afp")',),
    ('source:("afp" OR "le-monde")', "year:2018"),
    ("until:[20181101 TO 99999999]",),
    ("oldest:[0 TO 20181031]", "until:[20181001 TO 99999999]"),
    ("date_precision:unknown",),
]


@pytest.mark.parametrize("query_string", QUERIES)
@pytest.mark.parametrize("narrow", FILTERS)
def test_counts_and_totals_are_whoosh_own(archive, query_string, narrow):
    engine = backend()
    parsed = engine.parse(query_string)
    filters = [engine.filter_parser.parse(n) for n in narrow]
    found = ours(query_string, narrow)
    expected_total = len(engine.searcher().search(parsed, limit=None, filter=wq.And(filters) if filters else None))
    assert found["hits"] == expected_total
    for name in FACET_FIELDS:
        assert dict(found["facets"]["fields"][name]) == whoosh_counts(parsed, filters, name), name


def test_there_is_something_to_compare(archive):
    found = ours("frontière")
    assert found["hits"] >= 4
    assert all(found["facets"]["fields"][name] for name in ("person", "place", "source", "year"))


@pytest.mark.parametrize("order", ["-newest", "oldest"])
def test_date_order_is_whoosh_own(archive, order):
    engine = backend()
    expected = [
        hit["slug"]
        for hit in engine.searcher().search(
            wq.Every(), limit=None, sortedby=order.lstrip("-"), reverse=order.startswith("-")
        )
    ]
    found = ours("", sort_by=[order])
    assert [result.slug for result in found["results"]] == expected
    # Any slice of it, not only pages aligned on their length.
    assert [r.slug for r in ours("", sort_by=[order], start_offset=2, end_offset=5)["results"]] == expected[2:5]


def test_relevance_order_under_a_filter_is_whoosh_own(archive):
    engine = backend()
    parsed, narrow = engine.parse("frontière"), 'source:("afp")'
    expected = [hit["slug"] for hit in engine.searcher().search(parsed, filter=engine.filter_parser.parse(narrow))]
    assert [r.slug for r in ours("frontière", [narrow])["results"]] == expected


def test_a_limited_facet_keeps_the_selected_values_whatever_their_rank(archive):
    counts = dict(ours("", name="place")["facets"]["fields"]["place"])
    rarest = min(counts, key=lambda value: (counts[value], value))
    limited = backend().search("", facets={"place": {"limit": 1, "keep": [rarest]}})["facets"]["fields"]["place"]
    assert len(limited) == 2 and limited[-1] == (rarest, counts[rarest])


def test_counts_follow_the_index_when_an_article_changes(archive, django_capture_on_commit_callbacks):
    before = dict(ours("")["facets"]["fields"]["source"])
    article = Article.objects.filter(source__slug="afp").first()
    other = Source.for_name("La Jornada")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            article.source = other
            article.save()
    after = dict(ours("")["facets"]["fields"]["source"])
    assert after["la-jornada"] == 1
    assert after["afp"] == before["afp"] - 1
    assert ours("", ['source:("la-jornada")'])["hits"] == 1


def test_browse_counts_are_remembered_only_for_one_version_of_the_index(archive):
    engine = backend()
    first = ours("")["facets"]["fields"]["theme"]
    snapshot = engine.snapshots.of(engine.searcher())
    assert any(key[0] == "browse-counts" for key in snapshot.memo)
    theme = Theme.objects.create(name="Drones", slug="drones", keywords="drone")
    article = Article.objects.first()
    article.themes.add(theme)
    update_articles([article.pk])
    assert engine.snapshots.of(engine.searcher()) is not snapshot
    assert ("drones", 1) in ours("")["facets"]["fields"]["theme"]
    assert ("drones", 1) not in first


def test_deleted_documents_are_neither_counted_nor_listed(archive):
    article = Article.objects.get(title="Caravane")
    total, with_word = ours("")["hits"], ours("caravane")["hits"]
    Article.objects.filter(pk=article.pk).delete()
    update_articles([article.pk])
    found = ours("", sort_by=["-newest"])
    assert found["hits"] == total - 1
    assert article.slug not in [r.slug for r in found["results"]]
    assert ours("caravane")["hits"] == with_word - 1
