"""haystack's Elasticsearch 7 and Solr backends with Vigie's French analysis,
for archives that outgrow one machine (SEARCH_URL, config/search_url.py).

Both index the fields of search/search_indexes.py with the mapping and schema
of search/server_schema.py, and take over the part of search/backend.py's
interface that the app uses to write and count documents (`apply`,
`document_ids`, `searcher().doc_count()`, `searcher().all_stored_fields()`), done
with plain haystack and client calls. What reads Whoosh's own objects
(query parsing, highlight terms, suggestions, related articles, schema check)
remains Whoosh-only: the README lists it.
"""

from itertools import islice

from elasticsearch import NotFoundError
from elasticsearch.helpers import scan
from haystack.backends import BaseEngine
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchQuery
from haystack.backends.solr_backend import SolrSearchBackend, SolrSearchQuery
from haystack.constants import ID

from search.server_schema import elasticsearch_analysis, elasticsearch_mapping, solr_fields

APPLY_BATCH = 500  # documents sent per request while indexing
SOLR_PAGE = 1000  # documents read per request when listing the index


class StoredDocuments:
    """The part of a Whoosh Searcher that counting and checking the index read."""

    def __init__(self, backend):
        self.backend = backend

    def doc_count(self) -> int:
        return self.backend.document_count()

    def all_stored_fields(self):
        return self.backend.stored_documents()


class ServerBackendMixin:
    def apply(self, index, objects, removed_ids=()):
        """Index `objects` and remove the documents `removed_ids`, made visible
        to searches once at the end (search/backend.py's apply, for a server)."""
        for identifier in removed_ids:
            self.remove(identifier, commit=False)
        count = 0
        objects = iter(objects)
        while batch := list(islice(objects, APPLY_BATCH)):
            self.update(index, batch, commit=False)
            count += len(batch)
        self.commit()
        return count

    def searcher(self):
        return StoredDocuments(self)

    def document_ids(self):
        """Identifiers of every indexed document (to compare with the database)."""
        return {document[ID] for document in self.stored_documents(fields=[ID])}


class FrenchElasticsearchSearchBackend(ServerBackendMixin, Elasticsearch7SearchBackend):
    # Created with the index (haystack's setup); haystack's own n-gram
    # analyzers are left out: no Vigie field uses them.
    DEFAULT_SETTINGS = {"settings": {"analysis": elasticsearch_analysis()}}

    def build_schema(self, fields):
        return elasticsearch_mapping(fields)

    def commit(self):
        self.conn.indices.refresh(index=self.index_name)

    def document_count(self) -> int:
        try:
            return self.conn.count(index=self.index_name)["count"]
        except NotFoundError:  # not created yet: the first write creates it
            return 0

    def stored_documents(self, fields=None):
        query = {"query": {"match_all": {}}, "_source": fields if fields is not None else True}
        try:
            for hit in scan(self.conn, query=query, index=self.index_name):
                yield hit["_source"]
        except NotFoundError:
            return


class FrenchSolrSearchBackend(ServerBackendMixin, SolrSearchBackend):
    def build_schema(self, fields):
        # The core's schema comes from `manage.py search_schema --engine solr`;
        # haystack's build_solr_schema template does not know Vigie's types.
        return solr_fields(fields)

    def commit(self):
        self.conn.commit()

    def document_count(self) -> int:
        return self.conn.search("*:*", rows=0).hits

    def stored_documents(self, fields=None):
        # A cursor (sorted on the unique key) reads any number of documents;
        # pysolr follows it from page to page.
        fl = ",".join(fields) if fields else "*"
        yield from self.conn.search("*:*", fl=fl, sort=f"{ID} asc", rows=SOLR_PAGE, cursorMark="*")


class FrenchElasticsearchEngine(BaseEngine):
    backend = FrenchElasticsearchSearchBackend
    query = Elasticsearch7SearchQuery


class FrenchSolrEngine(BaseEngine):
    backend = FrenchSolrSearchBackend
    query = SolrSearchQuery
