"""On Elasticsearch or Solr (SEARCH_URL), what only Whoosh can do degrades
instead of failing: no "Vouliez-vous dire", a schema assumed current, result
snippets from the start of the body; facet options reach the server in its own
words. No search server runs here: the backends are built from SEARCH_URL as
settings would, any attempt to open a connection is recorded and refused, and
what they would send or receive is checked instead."""

import socket

import pysolr
import pytest
from django.conf import settings
from django.http import QueryDict
from django.utils.module_loading import import_string
from haystack import connections
from whoosh import fields, index

from config.search_url import haystack_connection
from search.query.facets import FACET_LIMIT
from search.query.run import _hit, _with_facet, search_queryset
from search.query.state import SearchState
from search.query.suggestions import suggest
from search.upkeep import indexing

SERVERS = {
    "elasticsearch": "elasticsearch://localhost:9200/vigie",
    "solr": "solr://localhost:8983/solr/vigie",
}


@pytest.fixture
def connection_attempts(monkeypatch):
    """Every address a socket tries to reach, each refused."""
    attempts = []

    def refuse(sock, address):
        attempts.append(address)
        raise OSError("pas de réseau dans les tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture(params=sorted(SERVERS))
def server(request, connection_attempts):
    """haystack's default connection switched to a search server, as settings
    build it from SEARCH_URL; the Whoosh connection comes back afterwards."""
    kept = settings.HAYSTACK_CONNECTIONS["default"]
    settings.HAYSTACK_CONNECTIONS["default"] = haystack_connection(SERVERS[request.param], kept["PATH"])
    connections.reload("default")
    try:
        yield request.param
    finally:
        settings.HAYSTACK_CONNECTIONS["default"] = kept
        connections.reload("default")


def server_backend(name):
    """The backend SEARCH_URL names; building it opens no connection."""
    connection = haystack_connection(SERVERS[name], "/unused")
    return import_string(connection["ENGINE"]).backend("default", **connection)


def search_params(query_string):
    return SearchState.from_query(QueryDict(query_string))


# Suggestions and schema --------------------------------------------------------------


def test_a_server_gives_no_suggestion_and_asks_it_nothing(server, connection_attempts):
    assert suggest("fontiere", lambda words: True) is None
    assert connection_attempts == []


def test_a_servers_schema_is_taken_as_current_without_asking_it(server, connection_attempts):
    assert indexing.schema_is_current() is True
    assert connection_attempts == []


def test_the_whoosh_index_built_by_this_code_is_current(empty_index):
    assert indexing.schema_is_current() is True


def test_a_whoosh_index_built_with_other_fields_is_not_current(tmp_path):
    index.create_in(tmp_path, fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT()))
    connection = settings.HAYSTACK_CONNECTIONS["default"]
    kept = connection["PATH"]
    connection["PATH"] = str(tmp_path)
    connections.reload("default")
    try:
        assert indexing.schema_is_current() is False
    finally:
        connection["PATH"] = kept
        connections.reload("default")


# Facets --------------------------------------------------------------------------------


def request_of(sqs):
    """What haystack's backend would send the server for the queryset `sqs`."""
    query = sqs.query
    return query.backend.build_search_kwargs(query.build_query(), **query.build_params())


def test_elasticsearch_counts_as_many_facet_values_as_whoosh():
    backend = server_backend("elasticsearch")
    request = backend.build_search_kwargs("armée", facets={"person": {"limit": 40, "keep": ["x"]}, "period": {}})
    assert request["aggs"]["person"]["terms"] == {"field": "person", "size": 40}
    # Without a limit, every value (the coverage chart's months), not Elasticsearch's 10.
    assert request["aggs"]["period"]["terms"]["size"] >= 10_000


def test_solr_counts_as_many_facet_values_as_whoosh_and_only_those_found():
    backend = server_backend("solr")
    request = backend.build_search_kwargs("armée", facets={"person": {"limit": 40, "keep": ["x"]}, "period": {}})
    assert request["f.person.facet.limit"] == "40"
    assert request["f.period.facet.limit"] == "-1"
    assert request["f.person.facet.mincount"] == request["f.period.facet.mincount"] == "1"
    assert not [name for name in request if name.endswith(".keep")]


def test_the_search_pages_facets_reach_the_server_with_their_limit(server, connection_attempts):
    params = search_params("q=frontière&person=donald-trump")
    request = request_of(_with_facet(search_queryset(params), "person", params))
    if server == "elasticsearch":
        assert request["aggs"]["person"]["terms"] == {"field": "person", "size": FACET_LIMIT}
    else:
        assert request["f.person.facet.limit"] == str(FACET_LIMIT)
        assert "f.person.facet.keep" not in request
    assert connection_attempts == []


# Result snippets -----------------------------------------------------------------------

BODY = "Les <b>soldats</b> arrivent à la frontière.\n\nLa suite de l'article."
STORED = {
    "id": "archive.article.1",
    "django_ct": "archive.article",
    "django_id": "1",
    "slug": "soldats-frontiere",
    "title": "Soldats à la frontière",
    "date_precision": "unknown",
    "body": BODY,
}


def test_an_elasticsearch_result_shows_the_start_of_its_body_escaped():
    raw = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_id": STORED["id"],
                    "_score": 1.5,
                    "_source": STORED,
                    # Elasticsearch highlights the document field, as a list of unescaped text.
                    "highlight": {"text": ["Les <b><em>soldats</em></b> arrivent"]},
                }
            ],
        }
    }
    result = server_backend("elasticsearch")._process_results(raw, highlight=True)["results"][0]
    assert _hit(result, {}).snippet == "Les &lt;b&gt;soldats&lt;/b&gt; arrivent à la frontière."


def test_a_solr_result_shows_the_start_of_its_body_escaped():
    # Solr cannot highlight the document field, which it does not store.
    response = {"docs": [{**STORED, "score": 1.5}], "numFound": 1}
    raw = pysolr.Results({"response": response, "highlighting": {STORED["id"]: {}}})
    result = server_backend("solr")._process_results(raw, highlight=True)["results"][0]
    assert _hit(result, {}).snippet == "Les &lt;b&gt;soldats&lt;/b&gt; arrivent à la frontière."
