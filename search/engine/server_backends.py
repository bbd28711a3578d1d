"""haystack's Elasticsearch 7 and Solr backends with Vigie's French analysis,
for archives that outgrow one machine (SEARCH_URL, config/search_url.py).

Both index the fields of search/search_indexes.py with the mapping and schema
of search/engine/server_schema.py, and take over the part of search/engine/backend.py's
interface that the app uses to write and count documents (`apply`,
`document_ids`, `searcher().doc_count()`, `searcher().all_stored_fields()`), done
with plain haystack and client calls. What reads Whoosh's own objects has
no server version and degrades: suggestions and the schema check ask the
backend (here: none; assumed current), result snippets fall back to the
article's opening (search/query/run.py), query parsing, highlight terms and related
articles fail and are caught where they are used. The README lists it.
"""

from itertools import islice

from elasticsearch import NotFoundError
from elasticsearch.helpers import scan
from haystack.backends import BaseEngine
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchQuery
from haystack.backends.solr_backend import SolrSearchBackend, SolrSearchQuery
from haystack.constants import ID

from search.engine.server_schema import elasticsearch_analysis, elasticsearch_mapping, solr_fields

APPLY_BATCH = 500  # documents sent per request while indexing
SOLR_PAGE = 1000  # documents read per request when listing the index
# A facet asked for without a limit (the coverage chart's months) counts every
# value on Whoosh; Elasticsearch needs a number (its default is 10), Solr takes -1.
ELASTICSEARCH_EVERY_VALUE = 10_000
SOLR_EVERY_VALUE = -1


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
        to searches once at the end (search/engine/backend.py's apply, for a server)."""
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

    def vocabulary_reader(self):
        # "Vouliez-vous dire" walks the index's words one by one, which a
        # server does not expose: no suggestion, and no request spent on it.
        return None

    def schema_is_current(self) -> bool:
        # A server's mapping or schema is not read back: `manage.py
        # search_schema` writes it and `reindex` (Elasticsearch) or the core's
        # reload (Solr) applies it, so prepare_archive only compares counts.
        return True

    @staticmethod
    def facet_options(facets, limit_key, every_value, **fixed):
        """Vigie's facet options (search/query/run.py) in the server's words: `limit`
        becomes its number of values. `keep` (selected values counted wherever
        they rank) has no counterpart in a terms aggregation or facet.field and
        is dropped: a selected value beyond the first `limit` loses its count in
        the list, its filter chip above the results still shows and removes it."""
        if facets is None:
            return None
        return {
            name: {limit_key: (options or {}).get("limit") or every_value, **fixed} for name, options in facets.items()
        }


class FrenchElasticsearchSearchBackend(ServerBackendMixin, Elasticsearch7SearchBackend):
    # Created with the index (haystack's setup); haystack's own n-gram
    # analyzers are left out: no Vigie field uses them.
    DEFAULT_SETTINGS = {"settings": {"analysis": elasticsearch_analysis()}}

    def build_schema(self, fields):
        return elasticsearch_mapping(fields)

    def build_search_kwargs(self, query_string, facets=None, **kwargs):
        # haystack copies a facet's options into its terms aggregation, where
        # `limit` and `keep` are unknown and make Elasticsearch refuse the search.
        facets = self.facet_options(facets, "size", ELASTICSEARCH_EVERY_VALUE)
        return super().build_search_kwargs(query_string, facets=facets, **kwargs)

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

    def build_search_kwargs(self, query_string, facets=None, **kwargs):
        # haystack sends a facet's options as f.<field>.facet.<option>; Solr's
        # default mincount of 0 would list values no result has, which Whoosh never does.
        facets = self.facet_options(facets, "limit", SOLR_EVERY_VALUE, mincount=1)
        return super().build_search_kwargs(query_string, facets=facets, **kwargs)

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
