"""The named-entity recogniser and the dependency parser: spaCy's French
pipeline, loaded once per process.

Only commands and the extraction worker import this module; web workers never
do, so no request waits for a model. The recogniser reads whole texts with the
`ner` component alone: in fr_core_news_* it has its own token-to-vector layer,
so the tagger, parser and lemmatiser are excluded, which more than doubles
throughput. The parser (with the tagger and lemmatiser, without the recogniser)
is a second pipeline, run only on the few sentences that may hold a deployment
figure (archive.extraction.figures.candidate_sentences) and those around quotes
(archive.extraction.quotes.parse_windows): a small share of the text.
"""

import functools
import os

from .entities import RawMention
from .syntax import Word

MODEL = os.environ.get("VIGIE_SPACY_MODEL", "fr_core_news_sm")
# Long texts are cut: entities past this point add little and cost memory.
MAX_CHARS = 100_000


@functools.cache
def pipeline(model: str = MODEL):
    import spacy  # noqa: PLC0415 - heavy import, on first use only

    return spacy.load(model, exclude=["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"])


def recognise(texts: list[str], model: str = MODEL, batch_size: int = 32) -> list[list[RawMention]]:
    """The raw entity mentions of each text, in one batched pass."""
    nlp = pipeline(model)
    return [
        [RawMention(ent.text, ent.label_, ent.start_char) for ent in doc.ents]
        for doc in nlp.pipe((text[:MAX_CHARS] for text in texts), batch_size=batch_size)
    ]


@functools.cache
def parser(model: str = MODEL):
    import spacy  # noqa: PLC0415 - heavy import, on first use only

    return spacy.load(model, exclude=["ner"])


def parse(sentences: list[str], model: str = MODEL, batch_size: int = 64) -> list:
    """The dependency parse (spaCy Docs with lemmas) of each sentence, in one
    batched pass. No-break spaces become spaces (same offsets): the tokenizer
    keeps « 21\u00a0septembre » as one token."""
    texts = (s[:MAX_CHARS].translate(_SPACES) for s in sentences)
    return list(parser(model).pipe(texts, batch_size=batch_size))


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def parse_words(texts: list[str], model: str = MODEL, batch_size: int = 64) -> list[list[Word]]:
    """The words of each text with their dependencies, offsets in that text; a
    word's head is an index in its text's list."""
    parsed = []
    for doc in parser(model).pipe(texts, batch_size=batch_size):
        parsed.append([Word(t.idx, t.text, t.pos_, t.dep_, t.head.i, _definiteness(t)) for t in doc])
    return parsed


def _definiteness(token) -> str:
    """« Ind » for un/une/des, « Def » for le/la, « Dem » for ce/cette…"""
    return (token.morph.get("Definite") or token.morph.get("PronType") or [""])[0]
