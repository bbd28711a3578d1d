"""French words, from the lemmatiser tables that ship with spaCy's French model
(about 300,000 forms): « Bilan », « Objectif » or « Garder » opening a sentence
are words, not names, and a name alone that the dictionary knows is one only
when something else says so (a fuller name in the article, a known place).
Loaded once per extraction process, on first use (about 0.5 s); web workers,
which import this module through the models, never load it."""

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .text import fold

MODEL = os.environ.get("VIGIE_SPACY_MODEL", "fr_core_news_sm")


@dataclass(frozen=True)
class _Dictionary:
    words: frozenset[str]  # lemmas and the forms stored in clear, with and without accents
    hashes: frozenset[int]  # inflected forms ("considère", "mesures"), stored by hash only
    hash_of: Callable[[str], int]


@functools.cache
def _dictionary() -> _Dictionary:
    import spacy.util  # noqa: PLC0415 - heavy import, on first use only
    import srsly  # noqa: PLC0415
    from spacy.strings import hash_string  # noqa: PLC0415

    package = Path(spacy.util.get_package_path(MODEL))
    tables = srsly.msgpack_loads(next(package.glob("*/lemmatizer/lookups/lookups.bin")).read_bytes())
    words = {w for forms in tables["lemma_index"].values() for w in forms}
    words |= {w for lemmas in tables["lemma_lookup"].values() for w in lemmas}
    return _Dictionary(frozenset(words | {fold(w) for w in words}), frozenset(tables["lemma_lookup"]), hash_string)


def is_french_word(word: str) -> bool:
    """Whether `word` (any case, accents or not) is a French common word."""
    lower = word.lower()
    known = _dictionary()
    return lower in known.words or fold(lower) in known.words or known.hash_of(lower) in known.hashes
