"""A batch of articles from raw text to everything extraction finds, with one
pass of the recogniser: the pure part of an import or a re-extraction, the
work a worker process does (archive/extraction/parallel.py)."""

from dataclasses import dataclass

from . import nlp
from .figures import candidate_sentences
from .organisations import KnownOrganisation, KnownOrganisations, compiled
from .pipeline import Extracted, Facts, RawArticle, analysed_text, extract, find_facts, publisher_names
from .quotes import parse_windows
from .syntax import Parse, Word
from .themes import Lexicon


@dataclass(frozen=True)
class Task:
    """An article to extract. Facts come from the article as shown: `title`,
    `body` and `authors`, when given, are an editor's corrections, and `source`
    the source it has, used instead of what extraction reads in `raw`."""

    raw: RawArticle
    title: str | None = None
    body: str | None = None
    authors: list[str] | None = None
    source: str | None = None


def analyse(
    pairs: list[tuple[str, str]],
    lexicon: list[Lexicon],
    authors: list[list[str]] | None = None,
    organisations: KnownOrganisations | None = None,
) -> list[Facts]:
    """Facts of (title, body) pairs, with one batched pass of the recogniser;
    `authors` (one list per pair: who signed it, and its publisher's names) are not
    counted as entities mentioned; the known `organisations` win over the
    recogniser's spans."""
    mentions = nlp.recognise([analysed_text(title, body) for title, body in pairs])
    parses = parse_quotes([body for _, body in pairs])
    authors = authors or [[] for _ in pairs]
    # The sentences that may hold a figure, of every article, parsed in one pass.
    candidates = list(dict.fromkeys(c.sentence for _, body in pairs for c in candidate_sentences(body)))
    parsed = dict(zip(candidates, nlp.parse(candidates), strict=True)) if candidates else {}

    def parse(sentences):
        return [parsed[s] for s in sentences]

    return [
        find_facts(title, body, found, lexicon, signed, organisations, parse, quote_parse)
        for (title, body), found, signed, quote_parse in zip(pairs, mentions, authors, parses, strict=True)
    ]


def parse_quotes(bodies: list[str]) -> list[Parse]:
    """The dependency parse of the sentences around each body's quotes, in one
    batched pass of the parser: only those, as the whole text would cost as much
    again as recognition."""
    windows = [parse_windows(body) for body in bodies]
    parsed = iter(
        nlp.parse_words([body[start:end] for body, spans in zip(bodies, windows, strict=True) for start, end in spans])
    )
    parses = []
    for spans in windows:
        words = []
        for start, _ in spans:
            base = len(words)
            words.extend(Word(w.start + start, w.text, w.pos, w.dep, w.head + base, w.definite) for w in next(parsed))
        parses.append(Parse(words))
    return parses


def extract_batch(
    tasks: list[Task],
    lexicon: list[Lexicon],
    organisations: tuple[KnownOrganisation, ...] = (),
    empty_has_no_facts: bool = False,
) -> list[tuple[Extracted, Facts | None]]:
    """Each task's fields and facts. The known `organisations` come as the
    editors' rows, compiled here once per distinct list. With
    `empty_has_no_facts` (an import, which refuses them), an article left
    without text by extraction is not analysed: its facts are None."""
    extracted = [extract(task.raw) for task in tasks]
    shown = [
        (
            task.title if task.title is not None else fields.title,
            task.body if task.body is not None else fields.body,
            (task.authors if task.authors is not None else fields.authors)
            + publisher_names(task.source if task.source is not None else fields.source_name)
            # The source as given names the publisher's other names: « Orange Actu (Orange avec AFP) ».
            + publisher_names(task.raw.source),
        )
        for task, fields in zip(tasks, extracted, strict=True)
    ]
    analysed = [i for i, (_, body, _) in enumerate(shown) if body or not empty_has_no_facts]
    facts = []
    if analysed:
        pairs, signed = [shown[i][:2] for i in analysed], [shown[i][2] for i in analysed]
        facts = analyse(pairs, lexicon, signed, compiled(tuple(organisations)))
    found = dict(zip(analysed, facts, strict=True))
    return [(fields, found.get(i)) for i, fields in enumerate(extracted)]
