"""The words of an index field within a few edits of a word: what a fuzzy query
(`frontire~`) stands for, and where "Vouliez-vous dire" looks.

Whoosh's FuzzyTerm computes a Damerau–Levenshtein distance in Python against
every word of the field, once per segment and per parse: seconds on an archive
grown by imports. Here a field's words are read once per index version (all
segments together), grouped by their first letters, and compared in C by
rapidfuzz; a fuzzy word then costs about what a plain word does.
"""

from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from whoosh import query as wq

from search.engine.segments import per_segment


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


class Vocabularies:
    """A field's vocabulary over several segments: each segment's own, kept by
    segment (search/engine/segments.py), so a commit reads only new segments."""

    def __init__(self, parts):
        self.parts = parts

    def within(self, word: str, distance: int, prefix: int = 1) -> list[str]:
        found = {}
        for part in self.parts:
            for text in part.within(word, distance, prefix):
                found.setdefault(text, None)
        # Nearest first, as each part gives them.
        return sorted(found, key=lambda text: (DamerauLevenshtein.distance(word, text), text))


def vocabulary(reader, fieldname) -> Vocabulary | Vocabularies:
    """The vocabulary of `fieldname` in the index `reader` reads, each segment's
    built on first use."""
    leaves = [leaf for leaf, _offset in reader.leaf_readers()]
    if len(leaves) > 1:
        return Vocabularies([_segment_vocabulary(leaf, fieldname) for leaf in leaves])
    return _segment_vocabulary(leaves[0] if leaves else reader, fieldname)


def _segment_vocabulary(reader, fieldname) -> Vocabulary:
    return per_segment(reader, fieldname, "vocabulary", Vocabulary) or Vocabulary(reader, fieldname)


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
