""" "Vouliez-vous dire …?": each word of a query that the archive does not
contain is replaced by the nearest word it does contain, taken from the
unstemmed vocabulary indexed beside the stemmed text (the `words` field), so
suggestions are words with their accents, never stems."""

import re
from collections.abc import Callable

from search.engine.analysis import ELISION, WORD_PATTERN, french_stop_words, normalise_term
from search.engine.connection import backend
from search.engine.vocabulary import vocabulary

VOCABULARY_FIELD = "words"
MAX_EDITS = 2
MIN_LENGTH = 4  # shorter words have too many neighbours to guess from
_OPERATORS = {"AND", "OR", "NOT", "ET", "OU", "SAUF", "TO"}
_WORD = re.compile(WORD_PATTERN)


def suggest(query: str, finds_more: Callable[[str], bool]) -> str | None:
    """A corrected query for which `finds_more` says yes (it finds more articles
    than `query` did), or None."""
    reader = backend().vocabulary_reader()
    field = VOCABULARY_FIELD
    # A search server has no reader (search/engine/server_backends.py): no suggestion.
    if reader is None or field not in reader.schema:
        return None
    corrected, changed, end = [], False, 0
    for match in _WORD.finditer(query):
        word, after = match.group(), query[match.end() : match.end() + 1]
        replacement = None
        if after not in (":", "*", "~") and word not in _OPERATORS and not word[:1].isdigit():
            replacement = _nearest(reader, field, word)
        corrected.append(query[end : match.start()] + (replacement or word))
        changed |= replacement is not None
        end = match.end()
    if not changed:
        return None
    suggestion = "".join(corrected) + query[end:]
    return suggestion if finds_more(suggestion) else None


def _nearest(reader, field, word):
    elided = ELISION.match(word)
    prefix, bare = (word[: elided.end()], word[elided.end() :]) if elided else ("", word)
    lower = bare.lower().replace("’", "'")
    if len(lower) < MIN_LENGTH or normalise_term(lower) in french_stop_words() or (field, lower) in reader:
        return None
    candidates = []
    for distance in range(1, MAX_EDITS + 1):
        # Nearest first, then the most common: the first letter is rarely the mistake.
        found = set(vocabulary(reader, field).within(lower, distance, prefix=1)) - {lower}
        if found:
            candidates = sorted(found, key=lambda w: (-reader.doc_frequency(field, w), w))
            break
    if not candidates:
        return None
    best = candidates[0]
    if bare[:1].isupper():
        best = best[:1].upper() + best[1:]
    return prefix + best
