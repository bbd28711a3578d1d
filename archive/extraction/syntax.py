"""A dependency parse as plain data: what spaCy's parser says about a few
sentences of an article, in the article's character offsets, so that extraction
(archive/extraction/quotes.py) reads it without spaCy and tests build it by hand."""

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    start: int  # offset in the body
    text: str
    pos: str  # universal part of speech: NOUN, PROPN, PRON, VERB, DET, ADP…
    dep: str  # relation to its head: nsubj, obj, appos, flat:name, case…
    head: int  # index of its head in the parse (its own index for a root)
    definite: str = ""  # a determiner's Definite: "Ind" for un/une/des, "Def", "Dem"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


SUBJECTS = {"nsubj", "nsubj:pass", "expl:subj"}
NOMINAL = {"NOUN", "PROPN", "PRON", "X"}


class Parse:
    """The parsed words of parts of one text, in reading order."""

    def __init__(self, words: list[Word]):
        self.words = words
        self._starts = [word.start for word in words]
        self._children = [[] for _ in words]
        for i, word in enumerate(words):
            if word.head != i:
                self._children[word.head].append(i)

    def at(self, offset: int) -> int | None:
        """The word that covers (or starts just after) `offset`, if parsed."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.words[i].end:
            return i
        if i + 1 < len(self.words) and self.words[i + 1].start - offset <= 1:
            return i + 1
        return None

    def children(self, i: int) -> list[int]:
        return self._children[i]

    def between(self, start: int, end: int) -> range:
        """The indexes of the words in [start, end)."""
        return range(bisect_right(self._starts, start - 1), bisect_right(self._starts, end - 1))

    def subject(self, verb: int) -> int | None:
        """The subject of a verb; a verb joined to another by « et » shares its subject."""
        for _ in range(4):
            subjects = [c for c in self._children[verb] if self.words[c].dep in SUBJECTS]
            if subjects:
                return subjects[-1]  # « a-t-il » : "-t" then "-il"
            if self.words[verb].dep != "conj" or self.words[verb].head == verb:
                return None
            verb = self.words[verb].head
        return None

    def has_case(self, i: int) -> bool:
        """Whether a word is led by a preposition: « à l'AFP », « de la Maison Blanche »."""
        return any(self.words[c].dep == "case" for c in self._children[i])

    def determiner(self, i: int) -> str:
        """The definiteness of a noun's determiner: "Ind", "Def", "Dem" or ""."""
        return next((self.words[c].definite for c in self._children[i] if self.words[c].dep == "det"), "")
