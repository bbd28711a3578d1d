"""What filters, facet counts and date sorts read, as numpy arrays.

Whoosh counts a facet by reading each hit's column value in Python, filters by
building a set of document numbers per search, and sorts by date the same way:
at 65,000 articles that is most of a search's time.
Here each segment's keyword and number columns are read once into arrays, kept
for as long as the segment lives (segments never change; a commit adds new ones
and marks deletions, which matchers skip), so a search costs array operations:

- a search's documents are a boolean mask over the index's document numbers;
- a filter (`source:("afp" OR "lemonde")`, `until:[20180101 TO 99999999]`) is a
  mask computed from the arrays, whatever the number of documents it keeps;
- a facet's counts are one `bincount` of the codes of the masked documents;
- a date sort orders the masked documents by their key array.

A `Snapshot` is tied to one searcher, so to one version of the index: what it
remembers (the browse page's facet counts, the live documents) is forgotten
when the searcher is refreshed after a commit.
"""

import threading

import numpy as np
from whoosh.fields import ID as WHOOSH_ID
from whoosh.fields import KEYWORD, NUMERIC

_lock = threading.RLock()


class Vocabulary:
    """Values of one keyword field and their codes, shared by all segments so
    that codes add up across them; it only grows while the process lives."""

    def __init__(self):
        self.codes: dict[str, int] = {}
        self.values: list[str] = []

    def code(self, value) -> int:
        if value in (None, ""):
            return -1
        code = self.codes.get(value)
        if code is None:
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code

    def known(self, values) -> np.ndarray:
        return np.array([self.codes[v] for v in values if v in self.codes], dtype=np.int32)


class SegmentColumns:
    """One segment's columns as arrays, read on first use (by whichever
    searcher's reader of the segment asks first)."""

    def __init__(self):
        self.arrays = {}

    def read(self, name, reader, build):
        with _lock:
            if name not in self.arrays:
                has = reader.has_column(name)
                self.arrays[name] = build(reader, reader.doc_count_all()) if has else None
            return self.arrays[name]


class Snapshot:
    """The arrays of one searcher's segments, laid end to end in document order."""

    def __init__(self, searcher, segments: dict, vocabularies: dict):
        self.searcher = searcher
        self.schema = searcher.schema
        self.size = searcher.doc_count_all()
        self.leaves = [(_segment_key(reader), reader, offset) for reader, offset in searcher.reader().leaf_readers()]
        self._segments = segments
        self._vocabularies = vocabularies
        self._arrays = {}
        self.memo = {}  # results that hold for this version of the index (browse facet counts)

    # Kinds of fields ----------------------------------------------------------

    def is_multi(self, name) -> bool:
        return isinstance(self.schema[name], KEYWORD)

    def has_array(self, name) -> bool:
        field = self.schema[name] if name in self.schema else None
        return bool(field and field.column_type and isinstance(field, (KEYWORD, NUMERIC, WHOOSH_ID)))

    def vocabulary(self, name) -> Vocabulary:
        with _lock:
            return self._vocabularies.setdefault(name, Vocabulary())

    # Arrays over the whole index ---------------------------------------------------

    def live(self) -> np.ndarray:
        """Documents not deleted."""
        if "live" not in self._arrays:
            mask = np.zeros(self.size, dtype=bool)
            for _key, reader, offset in self.leaves:
                if reader.has_deletions():
                    mask[np.fromiter(reader.all_doc_ids(), np.int64) + offset] = True
                else:
                    mask[offset : offset + reader.doc_count_all()] = True
            self._arrays["live"] = mask
        return self._arrays["live"]

    def keyword(self, name) -> np.ndarray:
        """Code of each document's value of a single-valued field (-1: none)."""
        vocabulary = self.vocabulary(name)

        def build(reader, size):
            return np.fromiter((vocabulary.code(v) for v in reader.column_reader(name)), np.int32, size)

        return self._joined(name, build, np.int32, fill=-1)

    def keywords(self, name) -> tuple[np.ndarray, np.ndarray]:
        """(document, code) pairs of a multi-valued field."""
        key = ("pairs", name)
        if key not in self._arrays:
            vocabulary = self.vocabulary(name)

            def build(reader, size):
                docs, codes = [], []
                for docnum, values in enumerate(reader.column_reader(name, translate=False)):
                    for value in values:
                        docs.append(docnum)
                        codes.append(vocabulary.code(value))
                return np.array(docs, dtype=np.int64), np.array(codes, dtype=np.int32)

            docs, codes = [], []
            for segment_key, reader, offset in self.leaves:
                built = self._segment(segment_key).read(name, reader, build)
                if built is not None:
                    docs.append(built[0] + offset)
                    codes.append(built[1])
            self._arrays[key] = (
                np.concatenate(docs) if docs else np.zeros(0, np.int64),
                np.concatenate(codes) if codes else np.zeros(0, np.int32),
            )
        return self._arrays[key]

    def number(self, name) -> np.ndarray:
        def build(reader, size):
            return np.fromiter(reader.column_reader(name), np.int64, size)

        return self._joined(name, build, np.int64, fill=0)

    def _joined(self, name, build, dtype, fill):
        if name not in self._arrays:
            parts = []
            for segment_key, reader, _offset in self.leaves:
                part = self._segment(segment_key).read(name, reader, build)
                parts.append(part if part is not None else np.full(reader.doc_count_all(), fill, dtype))
            self._arrays[name] = np.concatenate(parts) if parts else np.zeros(0, dtype)
        return self._arrays[name]

    def _segment(self, key) -> SegmentColumns:
        with _lock:
            return self._segments.setdefault(key, SegmentColumns())

    # Masks, counts and orders --------------------------------------------------------

    def mask_of(self, docnums) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        ids = np.fromiter(docnums, np.int64)
        if len(ids):
            mask[ids] = True
        return mask

    def having(self, name, values) -> np.ndarray:
        """Documents with any of `values` in field `name`."""
        # The field is read first, so that every value in it has a code.
        if self.is_multi(name):
            docs, doc_codes = self.keywords(name)
            return self.mask_of(docs[np.isin(doc_codes, self.vocabulary(name).known(values))])
        column = self.keyword(name)
        return np.isin(column, self.vocabulary(name).known(values))

    def between(self, name, low, high) -> np.ndarray:
        column = self.number(name)
        return (column >= low) & (column <= high)

    def counts(self, name, mask, limit=None, keep=()) -> list[tuple[str, int]]:
        """(value, count) of field `name` over the documents of `mask`, most
        frequent first (then by value): the first `limit`, then those of
        `keep` that were not among them."""
        vocabulary = self.vocabulary(name)
        if self.is_multi(name):
            docs, codes = self.keywords(name)
            chosen = codes[mask[docs]]
        else:
            column = self.keyword(name)
            chosen = column[mask & (column >= 0)]
        tally = np.bincount(chosen, minlength=len(vocabulary.values))
        present = np.flatnonzero(tally)
        if limit and len(present) > limit:
            # Every value as frequent as the limit-th, so ties are cut by value below.
            floor = np.partition(tally[present], len(present) - limit)[len(present) - limit]
            present = present[tally[present] >= floor]
        pairs = sorted(((vocabulary.values[c], int(tally[c])) for c in present), key=lambda p: (-p[1], p[0]))
        pairs = pairs[:limit] if limit else pairs
        shown = {value for value, _count in pairs}
        for code in vocabulary.known([value for value in keep if value not in shown]):
            # (A value first seen by another thread since the count has none here.)
            if code < len(tally) and tally[code]:
                pairs.append((vocabulary.values[code], int(tally[code])))
        return pairs

    def ordered(self, mask, name, reverse=False) -> np.ndarray:
        """Document numbers of `mask` by the number field `name`, ties in index
        order; `reverse` turns the whole order round, as Whoosh does."""
        docs = np.flatnonzero(mask)
        order = docs[np.argsort(self.number(name)[docs], kind="stable")]
        return order[::-1] if reverse else order


def _segment_key(reader):
    """What names a segment across searchers (its arrays are kept under it)."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else id(reader)


class Snapshots:
    """The snapshot of a backend's current searcher, and the segment arrays
    that outlive it: a commit that adds one document reads one small segment."""

    def __init__(self):
        self._segments = {}
        self._vocabularies = {}
        self._current = None

    def of(self, searcher) -> Snapshot:
        with _lock:
            if self._current is None or self._current.searcher is not searcher:
                self._current = Snapshot(searcher, self._segments, self._vocabularies)
                alive = {key for key, _reader, _offset in self._current.leaves}
                for key in set(self._segments) - alive:
                    del self._segments[key]
            return self._current
