"""French analysis for Whoosh, used alike to index, to parse queries and to highlight.

Chain: words (apostrophes and inner dots kept) → lowercase → elisions removed
(l', d', qu', n', s', j'… with ' or ’) → accents folded → French stop words →
Snowball French stemming.

Accents are folded *before* stemming: Snowball's French rules read accents, so
stemming first sends "sécurité" to "secur" but "securite" to "securit". Folding
first gives both sides of the search the same input, so `armee` finds "l'armée"
and `securite` finds "sécurité".
"""

import re
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, ShingleFilter, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language

from archive.extraction.text import fold

ELIDED = ("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu")
ELISION = re.compile(r"^({})['’]".format("|".join(ELIDED)), re.IGNORECASE)
# A word: letters and digits, with inner apostrophes ("aujourd'hui", "l'armée")
# and inner dots or commas of numbers ("5.000", "U.S").
WORD_PATTERN = r"\w+(?:['’.,]\w+)*"


class ElisionFilter(Filter):
    """Drop the elided article or pronoun: "l'armée" → "armée", "qu’il" → "il".
    Character offsets move with the text so highlights cover the word only."""

    def __call__(self, tokens):
        for token in tokens:
            if "'" not in token.text and "’" not in token.text:
                yield token  # most words: no regular expression to run
                continue
            match = ELISION.match(token.text)
            if match and len(token.text) > match.end():
                token.text = token.text[match.end() :]
                if hasattr(token, "startchar") and token.startchar is not None:
                    token.startchar += match.end()
            token.text = token.text.replace("’", "'")
            yield token


class FoldFilter(Filter):
    def __call__(self, tokens):
        folded = _folded
        for token in tokens:
            text = token.text
            if not text.isascii():
                token.text = folded(text)
            yield token


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    # Words repeat (Zipf): indexing folds each distinct word once.
    return fold(word)


# Whoosh's French list (Snowball's) misses some of the commonest words.
EXTRA_STOP_WORDS = ("les", "aux", "cet", "cette", "ces", "sa", "ses", "son", "leurs", "dont", "où", "y", "si")


@lru_cache(maxsize=1)
def french_stop_words() -> frozenset[str]:
    words = set(stopwords_for_language("fr")) | set(EXTRA_STOP_WORDS) | set(ELIDED)
    return frozenset(fold(word) for word in words)


def _front(**stop_options):
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | ElisionFilter()
        | FoldFilter()
        | StopFilter(stoplist=french_stop_words(), minsize=1, **stop_options)
    )


def french_analyzer():
    """The analyzer of every French text field."""
    return _front() | StemFilter(lang="fr", cachesize=50000)


def pairs_analyzer():
    """Two neighbouring stems as one term: "la Garde nationale" → "gard national"."""
    return french_analyzer() | ShingleFilter(size=2, sep=" ")


def unstemmed_analyzer():
    """Lowercase, folded, unstemmed words: what prefix and wildcard queries are
    matched with, after the same normalisation as the indexed words."""
    return _front()


def vocabulary_analyzer():
    """Words as written, lowercased, accents kept, stop words out: the
    vocabulary "Vouliez-vous dire" suggests from ("frontière", not "frontier")."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | ElisionFilter()
        | StopFilter(stoplist=french_stop_words() | {fold(w) for w in french_stop_words()}, minsize=2)
    )


def normalise_term(text: str) -> str:
    """A query word made comparable to indexed words without stemming it."""
    return fold(text.lower()).replace("’", "'")
