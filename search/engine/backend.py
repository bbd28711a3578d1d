"""haystack's Whoosh backend, made French and fit for an archive.

What changes from haystack's WhooshSearchBackend, and why:
- Schema: every text field is analysed by the French chain (search/engine/analysis.py)
  instead of the hard-wired English StemmingAnalyzer; exact fields (slugs, years)
  are sortable columns; stored-only fields hold what a result page shows.
- Queries: Whoosh syntax (phrases, AND/OR/NOT, +/-, prefix*, fuzzy~, field:)
  parsed with the French analysis; prefixes are folded but not stemmed.
- One searcher per process (and thread), refreshed only when the index changed:
  haystack opens new searchers for every query, which costs more than the query
  at archive scale.
- Filters are Whoosh queries passed as `filter`, not extra full searches.
- Snippets highlight with the French analyzer and escape the article text.
- Writes go through one writer per batch that waits for the lock.
"""

import dataclasses
import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np
from django.utils.encoding import force_str
from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DEFAULT_ALIAS, DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_identifier
from whoosh import query as wq
from whoosh.collectors import ScoredCollector
from whoosh.columns import VarBytesColumn, WrappedColumn, WrappedColumnReader, WrappedColumnWriter
from whoosh.fields import BOOLEAN, DATETIME, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, OperatorsPlugin, QueryParser

from search.engine.analysis import french_analyzer, normalise_term, pairs_analyzer, vocabulary_analyzer
from search.engine.highlighting import snippet
from search.engine.ranking import (
    EXACT,
    RESCORED,
    Passage,
    bonus_scores,
    bonuses,
    is_passage,
    passage_query,
    with_cheap_phrases,
)
from search.engine.snapshot import Snapshots
from search.engine.vocabulary import with_fast_fuzzy_terms
from search.engine.weighting import CachedLengthsBM25F

log = logging.getLogger(__name__)

# The field names readers type (the help page, web/help.py, lists them):
# `titre:frontière`, `personne:trump`, `lieu:"Ciudad Juárez"`, `source:afp`.
# Names are searched as words, so `personne:trump` finds "Donald Trump"; the
# slug fields keep their own names for filters, which never go through aliases.
FIELD_ALIASES = {
    "title": ["titre"],
    "person_name": ["personne", "person"],
    "place_name": ["lieu", "place"],
    "organisation_name": ["organisation", "org"],
    "source_name": ["source", "media", "média"],
    "theme_name": ["theme", "thème"],
    "year": ["annee", "année"],
}
WRITER_LOCK_TIMEOUT = 60  # seconds an index write waits for another writer to finish
# Postings a writer sorts in memory before spilling them to disk: with Whoosh's
# default (128) a rebuild pickles its postings in many small runs; more memory
# for the one writer of a rebuild makes it markedly faster (make bench measures it).
WRITER_MEMORY_MB = 1024


class FrenchQueryParser(QueryParser):
    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        # Whoosh would stem the text of `milit*` into `mil*`; indexed words are
        # stems, so a prefix is only folded and lowercased.
        field = self.schema[fieldname] if fieldname in self.schema else None
        if termclass in (wq.Prefix, wq.Wildcard) and isinstance(field, TEXT):
            return termclass(fieldname, normalise_term(text), boost=boost)
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def _searchable(schema):
    # Parsers know only searchable fields: `body:x` on a stored-only field
    # would make Whoosh raise; unknown field names are read as plain words.
    return Schema(**{name: field for name, field in schema.items() if field.format is not None})


def build_filter_parser(content_field, schema):
    """Filters (`source:("afp" OR "belga")`, `oldest:[0 TO 20181231]`) are
    written by our code on the real field names: no aliases, no French operators."""
    return QueryParser(content_field, schema=_searchable(schema))


def build_parser(content_field, schema):
    parser = FrenchQueryParser(content_field, schema=_searchable(schema))
    parser.add_plugins([FuzzyTermPlugin(), FieldAliasPlugin(FIELD_ALIASES)])
    # Operators in English or French; `-mot` excludes a word, but only at the
    # start of a word, so "Etats-Unis" and "sud-ouest" stay words.
    parser.replace_plugin(
        OperatorsPlugin(
            And=r"(?<=\s)(AND|ET)(?=\s)",
            Or=r"(?<=\s)(OR|OU)(?=\s)",
            Not=r"(^|(?<=(\s|[()])))((NOT|SAUF)(?=\s)|-(?=[^\s\-]))",
        )
    )
    return parser


UNSLICED_LIMIT = 1_000_000


class SlugListColumn(WrappedColumn):
    """A document's slugs as one column value, so counting a facet over
    entities reads each hit's list instead of walking every slug's postings
    for every search (which Whoosh does for fields without a column: 0.27 s
    for 4,000 entity slugs on 460 articles)."""

    def __init__(self):
        super().__init__(VarBytesColumn())

    def stores_lists(self):
        return True

    class Writer(WrappedColumnWriter):
        def add(self, docnum, value):
            self._child.add(docnum, "\x1f".join(value).encode())

    class Reader(WrappedColumnReader):
        def __getitem__(self, docnum):
            return self._split(self._child[docnum])

        def __iter__(self):
            return map(self._split, self._child)

        @staticmethod
        def _split(value):
            return value.decode().split("\x1f") if value else []


class SlugList(KEYWORD):
    """Multi-valued slugs (comma-separated by haystack), searchable and countable."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.column_type = SlugListColumn()

    def to_column_value(self, value):
        values = value if isinstance(value, (list, tuple)) else str(value).split(",")
        return [v.strip().lower() for v in values if v and v.strip()]


class DocumentsPage:
    """Stored fields of documents `docnums`, in the shape haystack reads results in."""

    def __init__(self, searcher, docnums, scores, total):
        self.searcher, self.docnums, self.scores, self.total = searcher, docnums, scores, total

    def __len__(self):
        return self.total

    def __iter__(self):
        return (self.searcher.stored_fields(docnum) for docnum in self.docnums)

    def score(self, offset):
        return self.scores[offset]


@dataclass
class Hits:
    """The documents a query matches: a mask over the index and, for a scored
    query, each hit's number and score."""

    mask: np.ndarray
    docs: np.ndarray | None = None
    scores: np.ndarray | None = None
    bonuses: list = dataclasses.field(default_factory=list)  # what orders the first hits (engine/ranking.py)


class EveryHitCollector(ScoredCollector):
    """Scores every hit and keeps all (number, score) pairs, where Whoosh's top
    collector keeps the best N: ranking, filters and counts are then array work."""

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.docnums, self.scores = [], []

    def _collect(self, global_docnum, score):
        self.docnums.append(global_docnum)
        self.scores.append(score)
        return 0

    def results(self):
        return None


# The filters our code writes (search/query/run.py): a field's values, or a range.
_FILTER_CHOICE = re.compile(r'^(?P<field>\w+):(?:\((?P<values>(?:"[^"]*"(?: OR )?)+)\)|(?P<bare>[\w-]+))$')
_FILTER_ALL = re.compile(r'^(?P<field>\w+):\((?P<values>"[^"]*"(?: AND "[^"]*")+)\)$')
_FILTER_VALUE = re.compile(r'"([^"]*)"')
_FILTER_RANGE = re.compile(r"^(?P<field>\w+):\[(?P<low>-?\d+) TO (?P<high>-?\d+)\]$")
_query_masks = ContextVar("query_masks", default=None)


@contextmanager
def shared_query_masks():
    """Within the block, a query's documents are found once however many
    searches repeat it (the counts of each facet in use)."""
    token = _query_masks.set({})
    try:
        yield
    finally:
        _query_masks.reset(token)


class FrenchWhooshSearchBackend(WhooshSearchBackend):
    def setup(self):
        super().setup()
        self.parser = build_parser(self.content_field_name, self.schema)
        self.exact_parser = build_parser(EXACT, self.schema) if EXACT in self.schema else None
        self.filter_parser = build_filter_parser(self.content_field_name, self.schema)
        self._searcher = None
        self.snapshots = Snapshots()

    def build_schema(self, fields):
        schema = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field = ""
        for field in fields.values():
            schema[field.index_fieldname] = self._whoosh_field(field)
            if field.document:
                content_field = field.index_fieldname
        return content_field, Schema(**schema)

    @staticmethod
    def _whoosh_field(field):
        if field.field_type == "keyword":
            if field.is_multivalued:
                return SlugList(stored=True, commas=True, lowercase=True, scorable=False)
            return WHOOSH_ID(stored=field.stored, sortable=True)
        if field.field_type == "stored" or field.indexed is False:
            return STORED()
        if field.field_type == "pairs":
            return TEXT(analyzer=pairs_analyzer(), phrase=False, stored=False)
        if field.field_type == "vocabulary":
            # Only which words occur where: no positions, not shown.
            return TEXT(analyzer=vocabulary_analyzer(), phrase=False, stored=False)
        if field.field_type in ("date", "datetime"):
            return DATETIME(stored=field.stored, sortable=True)
        if field.field_type in ("integer", "float"):
            numtype = int if field.field_type == "integer" else float
            return NUMERIC(stored=field.stored, numtype=numtype, sortable=True, bits=64)
        if field.field_type == "boolean":
            return BOOLEAN(stored=field.stored)
        # The document field is searched, never shown: results show the stored body.
        return TEXT(
            stored=field.stored and not field.document,
            analyzer=french_analyzer(),
            field_boost=field.boost,
            spelling=False,
            # "Etats-Unis" is searched as the phrase "etats unis", not as two words anywhere.
            multitoken_query="phrase",
        )

    # Searcher --------------------------------------------------------------

    def searcher(self):
        """The process's searcher, reopened only when a writer committed since."""
        if not self.setup_complete:
            self.setup()
        if self._searcher is None:
            self._searcher = self.index.searcher(weighting=CachedLengthsBM25F())
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
        return self._searcher

    def _forget_searcher(self):
        if getattr(self, "_searcher", None) is not None:
            self._searcher.close()
            self._searcher = None

    def delete_index(self):
        self._forget_searcher()
        super().delete_index()

    def vocabulary_reader(self):
        """The index's words, read by "Vouliez-vous dire" (search/query/suggestions.py)."""
        return self.searcher().reader()

    def schema_is_current(self) -> bool:
        """Whether the index on disk has the fields (and their kinds and columns)
        the code now indexes; an index built by an older version must be rebuilt."""
        if not self.setup_complete:
            self.setup()
        # haystack opens the index with the code's schema; the one it was built
        # with is read from the files.
        on_disk = self.storage.open_index().schema

        def shape(schema):
            return {name: (type(field).__name__, type(field.column_type).__name__) for name, field in schema.items()}

        return shape(on_disk) == shape(self.schema)

    def parse(self, query_string):
        if not self.setup_complete:
            self.setup()
        query_string = force_str(query_string).strip()
        if query_string in ("", "*"):
            return wq.Every()
        if is_passage(query_string):
            return passage_query(query_string, french_analyzer(), self.searcher().reader())
        return with_fast_fuzzy_terms(self.parser.parse(query_string))

    def exact_words(self, query_string):
        """The query parsed on the unstemmed `words` field: its words as typed."""
        try:
            return self.exact_parser.parse(force_str(query_string))
        except Exception:  # the words only order the hits: without them, plain order
            return None

    def highlight_terms(self, parsed):
        """The indexed words a parsed query matches, prefixes and fuzzy words expanded."""
        if parsed is None or isinstance(parsed, wq.Every):
            return frozenset()
        searchable = {self.content_field_name, "title"}
        reader = self.searcher().reader()
        terms = parsed.existing_terms(reader, phrases=True, expand=True)
        return frozenset(force_str(text) for field, text in terms if field in searchable)

    # Search ----------------------------------------------------------------

    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        parsed=None,
        collapse=None,
        **kwargs,
    ):
        """`parsed`: the query already parsed (search/query/state.py parses a
        reader's query once per request); else `query_string` is parsed here.
        `collapse`: a single-valued keyword field; only the first document of
        each of its values is kept (one result per story), and each result
        says how many others it stands for (`result.collapsed`)."""
        empty = {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        parsed = self.parse(query_string) if parsed is None else parsed
        if parsed is wq.NullQuery:
            return empty
        searcher = self.searcher()
        if not searcher.doc_count():
            return empty
        snapshot = self.snapshots.of(searcher)
        # The search's documents as a mask: the query's, then each filter's.
        # Relevance needs every hit's score; a date order or a browse, none.
        hits = self._hits(snapshot, parsed, scored=not sort_by, query_string=query_string)
        mask = hits.mask
        for narrow in narrow_queries or ():
            mask = mask & self._filter(snapshot, force_str(narrow))
        stood_for = None
        if collapse and snapshot.has_array(collapse):
            mask, stood_for = self._collapsed(snapshot, hits, mask, sort_by, collapse)
        start = max(start_offset or 0, 0)
        # haystack asks for "everything" (no end) when a queryset is not sliced.
        end = max(end_offset if end_offset is not None else start + UNSLICED_LIMIT, start + 1)
        docnums, scores = self._ranked(snapshot, hits, mask, sort_by, start, end)
        page = DocumentsPage(searcher, docnums, scores, total=int(mask.sum()))
        results = self._process_results(page, result_class=result_class)
        if stood_for is not None:
            for result, docnum in zip(results["results"], docnums, strict=True):
                result.collapsed = stood_for(docnum)
        if facets:
            browsing = isinstance(parsed, wq.Every) and not narrow_queries
            results["facets"] = {
                "fields": {
                    name: self._counts(snapshot, name, mask, browsing, **(options or {}))
                    for name, options in facets.items()
                }
            }
        if highlight:
            terms = self.highlight_terms(parsed)
            for result in results["results"]:
                result.highlighted = {"body": [snippet(getattr(result, "body", "") or "", terms)]}
        return results

    def _hits(self, snapshot, parsed, scored, query_string=""):
        """The documents a query matches, with their scores if `scored`
        (search/engine/ranking.py orders them). A search page asks for the same
        query once per facet in use (counts without the facet's own filter):
        within `shared_query_masks()` the query runs once."""
        if isinstance(parsed, wq.Every):
            return Hits(snapshot.live())
        memo = _query_masks.get()
        key = (id(snapshot), repr(parsed))
        if memo is not None and key in memo and (memo[key].scores is not None or not scored):
            return memo[key]
        if scored:
            # One pass scores every hit and notes its number: facets need
            # them all anyway, and a second pass cost twice for phrases.
            collector = EveryHitCollector()
            snapshot.searcher.search_with_collector(with_cheap_phrases(parsed), collector)
            docs, scores = np.array(collector.docnums, dtype=np.int64), np.array(collector.scores)
            typed = self.exact_parser and query_string and not isinstance(parsed, Passage)
            exact = self.exact_words(query_string) if typed else None
            hits = Hits(snapshot.mask_of(docs), docs, scores, bonuses(parsed, exact))
        else:
            hits = Hits(snapshot.mask_of(snapshot.searcher.docs_for_query(with_cheap_phrases(parsed))))
        if memo is not None:
            memo[key] = hits
        return hits

    def _filter(self, snapshot, narrow):
        """The documents a filter keeps. Ours are read from the arrays; any
        other Whoosh query is run."""
        choice = _FILTER_CHOICE.match(narrow)
        if choice and snapshot.has_array(choice["field"]):
            values = _FILTER_VALUE.findall(choice["values"]) if choice["values"] else [choice["bare"]]
            if snapshot.is_multi(choice["field"]):
                values = [v.lower() for v in values]
            return snapshot.having(choice["field"], values)
        every = _FILTER_ALL.match(narrow)
        if every and snapshot.has_array(every["field"]):
            # Articles with each of the values: one mask per value, all of them.
            values = _FILTER_VALUE.findall(every["values"])
            if snapshot.is_multi(every["field"]):
                values = [v.lower() for v in values]
            return np.logical_and.reduce([snapshot.having(every["field"], [value]) for value in values])
        span = _FILTER_RANGE.match(narrow)
        if span and snapshot.has_array(span["field"]) and not snapshot.is_multi(span["field"]):
            return snapshot.between(span["field"], int(span["low"]), int(span["high"]))
        return snapshot.mask_of(snapshot.searcher.docs_for_query(self.filter_parser.parse(narrow)))

    def _collapsed(self, snapshot, hits, mask, sort_by, name):
        """`mask` with only the first document (in the search's order) of each
        value of `name`, and a function giving how many other documents of the
        search share a kept document's value."""
        order, _scores = self._ranked(snapshot, hits, mask, sort_by, 0, int(mask.sum()))
        codes = snapshot.keyword(name)
        order = np.asarray(order, dtype=np.int64)
        ordered_codes = codes[order]
        _values, first = np.unique(ordered_codes, return_index=True)
        keep = np.zeros(len(order), dtype=bool)
        keep[first] = True
        keep |= ordered_codes < 0  # a document without a value stands for itself
        sizes = np.bincount(ordered_codes[ordered_codes >= 0], minlength=len(snapshot.vocabulary(name).values))

        def stood_for(docnum):
            code = codes[docnum]
            return int(sizes[code]) - 1 if code >= 0 else 0

        return snapshot.mask_of(order[keep]), stood_for

    def _ranked(self, snapshot, hits, mask, sort_by, start, end):
        """Document numbers start…end of the search, in its order, and their scores."""
        if sort_by:
            name, reverse = sort_by[0].lstrip("-"), sort_by[0].startswith("-")
            order = snapshot.ordered(mask, name, reverse)[start:end]
            return order.tolist(), [0.0] * len(order)
        if hits.scores is None:
            # A browse: every document scores the same, index order, as Whoosh gives it.
            order = np.flatnonzero(mask)[start:end]
            return order.tolist(), [1.0] * len(order)
        # Highest score first, then index order (Whoosh's own order).
        kept = mask[hits.docs]
        docs, scores = hits.docs[kept], hits.scores[kept]
        order = np.lexsort((docs, -scores))
        if hits.bonuses and start < RESCORED:
            # The first hits get their bonuses and are ordered again among themselves.
            first = np.sort(order[:RESCORED])
            scores = scores.copy()
            scores[first] += bonus_scores(snapshot.searcher, hits.bonuses, docs[first].tolist())
            order = np.concatenate([first[np.lexsort((docs[first], -scores[first]))], order[RESCORED:]])
        order = order[start:end]
        return docs[order].tolist(), scores[order].tolist()

    def _counts(self, snapshot, name, mask, browsing, limit=None, keep=()):
        """(value, count) pairs, most frequent first: the first `limit`, and the
        values `keep` wherever they rank."""
        if not snapshot.has_array(name):
            raise ValueError(f"pas de comptage possible sur le champ {name!r}")
        if not browsing:
            return snapshot.counts(name, mask, limit, keep)
        # The browse page's counts hold until the index changes.
        key = ("browse-counts", name, limit, tuple(keep))
        if key not in snapshot.memo:
            snapshot.memo[key] = snapshot.counts(name, mask, limit, keep)
        return snapshot.memo[key]

    # Writing ---------------------------------------------------------------

    def apply(self, index, objects, removed_ids=()):
        """Index `objects` and remove the documents `removed_ids`, in one writer
        and one commit: Whoosh allows one writer at a time, so this waits for
        the lock rather than failing, and a batch commits once."""
        return self.apply_documents((index.full_prepare(obj) for obj in objects), removed_ids)

    def apply_documents(self, documents, removed_ids=(), lock_wait=None):
        """`apply` for documents already prepared (search/upkeep/documents.py);
        raises whoosh's LockError after `lock_wait` seconds of another writer."""
        if not self.setup_complete:
            self.setup()
        # Segments as separate files: Whoosh copies a compound segment's
        # postings into each process's memory when it opens it (hundreds of
        # megabytes per gunicorn worker on a large archive); separate files stay on disk.
        writer = self.index.writer(
            timeout=WRITER_LOCK_TIMEOUT if lock_wait is None else lock_wait, limitmb=WRITER_MEMORY_MB, compound=False
        )
        try:
            count = 0
            for identifier in removed_ids:
                writer.delete_by_term(ID, identifier)
            for document in documents:
                doc = {key: self._from_python(value) for key, value in document.items()}
                doc.pop("boost", None)
                writer.update_document(**doc)
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return count

    def remove(self, obj_or_string, commit=True):
        identifier = obj_or_string if isinstance(obj_or_string, str) else get_identifier(obj_or_string)
        self.apply(None, (), removed_ids=[identifier])

    def document_ids(self):
        """Identifiers of every indexed document (to compare with the database)."""
        return {fields[ID] for fields in self.searcher().all_stored_fields()}


class FrenchWhooshSearchQuery(WhooshSearchQuery):
    """haystack's query, carrying the reader's query already parsed to the
    backend's `search(parsed=…)` (set it with `parsed_as`)."""

    def __init__(self, using=DEFAULT_ALIAS):
        super().__init__(using=using)
        self.parsed = None
        self.collapse = None

    def build_params(self, spelling_query=None):
        params = super().build_params(spelling_query=spelling_query)
        if self.parsed is not None:
            params["parsed"] = self.parsed
        if self.collapse is not None:
            params["collapse"] = self.collapse
        return params

    def _clone(self, klass=None, using=None):
        clone = super()._clone(klass=klass, using=using)
        clone.parsed = self.parsed
        clone.collapse = self.collapse
        return clone


def parsed_as(sqs, parsed):
    """`sqs` (a raw search) told that its query parses to `parsed`, so Whoosh
    does not parse it again; other engines parse their text themselves."""
    if parsed is None or not isinstance(sqs.query, FrenchWhooshSearchQuery):
        return sqs
    clone = sqs._clone()
    clone.query.parsed = parsed
    return clone


def collapsed_by(sqs, field):
    """`sqs` keeping one document per value of `field` (Whoosh only: a search
    server's own grouping is not wired in, and it answers every document)."""
    if not isinstance(sqs.query, FrenchWhooshSearchQuery):
        return sqs
    clone = sqs._clone()
    clone.query.collapse = field
    return clone


class FrenchWhooshEngine(BaseEngine):
    backend = FrenchWhooshSearchBackend
    query = FrenchWhooshSearchQuery
