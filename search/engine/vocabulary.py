"""The words of an index field within a few edits of a word: what a fuzzy query
(`frontire~`) stands for, and where "Vouliez-vous dire" looks.

Whoosh's FuzzyTerm computes a Damerau–Levenshtein distance in Python against
every word of the field, once per segment and per parse: seconds on an archive
grown by imports. Here a field's words are read once per index version (all
segments together), grouped by their first letters, and compared in C by
rapidfuzz; a fuzzy word then costs about what a plain word does.
"""

import threading
import weakref
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from whoosh import query as wq

_vocabularies = weakref.WeakKeyDictionary()  # reader → {field: Vocabulary}, gone with the reader
_lock = threading.Lock()


class Vocabulary:
    """A field's words, by their first letter."""

    def __init__(self, reader, fieldname):
        self.by_initial = defaultdict(list)
        for word in reader.lexicon(fieldname):
            text = word.decode("utf-8") if isinstance(word, bytes) else word
            self.by_initial[text[:1]].append(text)

    def within(self, word: str, distance: int, prefix: int = 1) -> list[str]:
        """The words at most `distance` edits from `word` (a transposition is
        one edit) that share its first `prefix` letters, nearest first."""
        if not word:
            return []
        candidates = self.by_initial.get(word[:1], ())
        if prefix > 1:
            candidates = [c for c in candidates if c[:prefix] == word[:prefix]]
        found = process.extract(word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=distance, limit=None)
        return [text for text, _, _ in sorted(found, key=lambda match: (match[1], match[0]))]


def vocabulary(reader, fieldname) -> Vocabulary:
    """The vocabulary of `fieldname` in the index `reader` reads, built on first use."""
    with _lock:
        fields = _vocabularies.setdefault(reader, {})
        if fieldname not in fields:
            fields[fieldname] = Vocabulary(reader, fieldname)
        return fields[fieldname]


class FastFuzzyTerm(wq.FuzzyTerm):
    """Whoosh's fuzzy term, expanded against the vocabulary above."""

    def _btexts(self, ixreader):
        if self.fieldname not in ixreader.schema:
            return []
        words = vocabulary(ixreader, self.fieldname).within(self.text, self.maxdist, self.prefixlength)
        return [word.encode("utf-8") for word in words]


def with_fast_fuzzy_terms(parsed):
    """`parsed` with each of Whoosh's fuzzy terms replaced by a FastFuzzyTerm."""

    def fast(node):
        if type(node) is wq.FuzzyTerm:
            return FastFuzzyTerm(
                node.fieldname,
                node.text,
                boost=node.boost,
                maxdist=node.maxdist,
                prefixlength=node.prefixlength,
                constantscore=node.constantscore,
            )
        return node

    return parsed.accept(fast)
