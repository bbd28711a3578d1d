"""From a raw article (text plus whatever metadata came with it) to the fields
Vigie stores."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .agency import credit
from .boilerplate import clean_body
from .byline import byline_authors
from .dates import DateSource, Precision, date_in_text, parse_date
from .entities import (
    ORGANISATION,
    PERSON,
    FoundEntity,
    RawMention,
    entity_key,
    group_mentions,
    speaker_resolver,
    with_cued_names,
)
from .figures import Figure, SentenceParse, find_figures
from .fingerprint import signature
from .header import read_header
from .nicknames import find_nicknames, merge_nicknames
from .organisations import KnownOrganisations, give_way, known_entities, known_organisations, with_known
from .quotes import Quote, find_quotes
from .salience import analysed_text, lead_end
from .syntax import Parse
from .text import normalise, paragraphs, sentences, shorten, word_count
from .themes import Lexicon, find_themes

TITLE_MAX = 120
LEAD_MAX = 400
GIVEN_TITLE_MAX = 500


@dataclass(frozen=True)
class RawArticle:
    """An article as read from a file, before extraction."""

    text: str
    ref: str = ""
    title: str = ""
    date: object = None
    source: str = ""
    url: str = ""
    language: str = ""
    authors: tuple[str, ...] = ()  # as given with the article, taken as they are
    capture: "Capture | None" = None  # for a page fetched from the web: its WARC record


@dataclass(frozen=True)
class Refusal:
    """Input read that holds no article, and why, in French."""

    where: str  # the file, and the line for JSON Lines; the address for a page
    reason: str


@dataclass(frozen=True)
class Capture:
    """Where and when a page was fetched, and where its WARC record is kept
    (a file of the data folder's captures/ and the record's offset in it)."""

    url: str
    captured_at: dt.datetime  # aware, UTC: the WARC-Date, never the publication date
    record_id: str  # the WARC-Record-ID: the crawler's own for a record read from its file
    file: str
    offset: int


@dataclass(frozen=True)
class Extracted:
    title: str
    title_generated: bool
    lead: str
    body: str
    published_on: dt.date | None
    date_precision: Precision
    date_source: DateSource
    date_evidence: str  # the words of the text a date was reasoned from
    source_name: str  # the publisher's name (« Orange Actu (AFP) » is Orange Actu)
    language: str
    word_count: int
    notes: list[str] = field(default_factory=list)  # what the importer should report
    authors: list[str] = field(default_factory=list)  # who signed it: given, or the byline's names
    agencies: list[str] = field(default_factory=list)  # whose copy it runs: AFP, Reuters…


def extract(raw: RawArticle) -> Extracted:
    notes = []
    text = normalise(raw.text)
    published_on, precision, date_source = None, Precision.UNKNOWN, DateSource.NONE
    source_name = " ".join(raw.source.split())[:200]
    date_evidence = ""

    if header := read_header(text):
        text = header.rest
        if header.date:
            published_on, precision, date_source = header.date, header.precision, DateSource.HEADER
        source_name = source_name or header.source

    # Metadata given with the article wins over what the text says.
    if raw.date not in (None, ""):
        given, given_precision = parse_date(raw.date)
        if given:
            published_on, precision, date_source = given, given_precision, DateSource.METADATA
        else:
            notes.append(f"date illisible « {str(raw.date)[:40]} » ignorée")

    if not published_on:
        # A date the text mentions says when the article was written, give or
        # take a few days: measured on topic.jsonl, it falls in the publication
        # month 9 times out of 11 but on its day 2 times. So: month precision.
        mentioned, date_evidence = date_in_text(text)
        if mentioned:
            published_on, precision, date_source = mentioned.replace(day=1), Precision.MONTH, DateSource.TEXT
    credited = credit(source_name, text)
    authors = list(raw.authors) or byline_authors(text)

    body = clean_body(text)
    title = " ".join(raw.title.split())
    title_generated = not title
    if title_generated:
        title = generate_title(body)
    return Extracted(
        title=shorten(title, GIVEN_TITLE_MAX),
        title_generated=title_generated,
        lead=lead_of(body),
        body=body,
        published_on=published_on,
        date_precision=precision,
        date_source=date_source,
        date_evidence=date_evidence[:200],
        source_name=credited.publisher[:200],
        language=(raw.language or "fr").strip().lower()[:8],
        word_count=word_count(body),
        notes=notes,
        authors=authors,
        agencies=list(credited.agencies),
    )


def generate_title(body: str) -> str:
    """The first sentence, cut on a word to about TITLE_MAX characters."""
    first_paragraph = next(iter(paragraphs(body)), "")
    first_sentence = next(iter(sentences(first_paragraph)), "")
    title = shorten(first_sentence, TITLE_MAX)
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    return title or "Sans titre"


def lead_of(body: str) -> str:
    """The first paragraph; when a text comes as one block, its first sentences."""
    first_paragraph = next(iter(paragraphs(body)), "")
    if len(first_paragraph) <= LEAD_MAX:
        return first_paragraph
    lead = ""
    for sentence in sentences(first_paragraph):
        if lead and len(lead) + len(sentence) > LEAD_MAX:
            break
        lead = f"{lead} {sentence}".strip()
    return shorten(lead, LEAD_MAX + 200)


@dataclass(frozen=True)
class Facts:
    """What extraction finds in an article's text beyond its fields."""

    entities: list[FoundEntity]
    figures: list[Figure]
    quotes: list[Quote]
    themes: list[tuple[str, int]]  # (theme slug, keyword hits)
    signature: bytes | None  # MinHash, for near-duplicates
    lead_end: int = 0  # where the title and lead end in `analysed_text`: see `salient`


def find_facts(
    title: str,
    body: str,
    mentions: list[RawMention],
    lexicons: list[Lexicon],
    authors: Iterable[str] = (),
    organisations: KnownOrganisations | None = None,
    parse: SentenceParse | None = None,
    quote_parse: Parse | None = None,
) -> Facts:
    """Entities (from the recogniser's `mentions` of `analysed_text`), figures,
    quotes with speakers, themes and the near-duplicate signature. The
    `authors` signed the article: their byline is not a mention. A name a noun
    calls an organisation or a place (« la chaîne KYMA News », « le village de
    Potrero Cubias ») is one, and the known `organisations` (the editors' list)
    win over both.
    `parse` gives the dependency parse of the sentences that may hold a figure
    (archive.extraction.nlp.parse when not given); the `quote_parse` of the
    body's sentences around quotes (quotes.parse_windows) finds their speakers,
    without it they come from the patterns alone."""
    text = analysed_text(title, body)
    known = known_organisations(text, organisations) if organisations else []
    mentions, known = give_way(with_cued_names(mentions, text), known, text)
    found = with_known(article_entities(mentions, text), known_entities(known, organisations))
    entities = without_authors(found, authors)
    speakers = speaker_resolver(entities, shift=len(title) + 2)
    quotes = find_quotes(body, speakers, quote_parse)
    figures = find_figures(body, parse, speakers, quotes, announcer_kinds(entities))
    return Facts(
        entities, figures, quotes, find_themes(text, lexicons), signature(body), lead_end(title, lead_of(body))
    )


def announcer_kinds(entities: list[FoundEntity]):
    """Whether an announcer's name is a person or an organisation, from the
    article's entities: a capital that announces (« Washington a annoncé »)
    speaks for its government, an organisation."""
    kinds = {}
    for entity in entities:
        for spelling in {entity.name} | entity.aliases:
            kinds.setdefault(spelling, PERSON if entity.kind == PERSON else ORGANISATION)
    return lambda name: kinds.get(name, "")


def article_entities(mentions: list[RawMention], text: str) -> list[FoundEntity]:
    """The article's entities, one per person, place or organisation, its nicknames
    for people ("El Chapo", "AMLO") counted as them."""
    mentions, nicknames = find_nicknames(mentions, text)
    return merge_nicknames(group_mentions(mentions, text), nicknames, text)


def without_authors(entities: list[FoundEntity], authors: Iterable[str]) -> list[FoundEntity]:
    """The entities but the people who signed the article, under any spelling of
    theirs, and its publisher (`publisher_names`): « Le Monde » and « Le Monde
    Afrique » in a Le Monde article are its masthead and sections, not a source it cites."""
    signed = {entity_key(name) for name in authors} - {""}
    # "Le Monde" keeps its article as a key; its sections lose it ("Monde Afrique").
    signed |= {re.sub(r"^(?:le|la|les|l') ?", "", key) for key in signed} - {""}

    def is_author(entity):
        keys = {entity.key, *(entity_key(a) for a in entity.aliases)}
        if entity.kind == PERSON:
            return bool(signed & keys)
        return any(key == s or key.startswith(s + " ") for key in keys for s in signed)

    return [entity for entity in entities if not is_author(entity)]


def publisher_names(source: str) -> list[str]:
    """The publisher's names in a source's name: "Orange Actu (Orange avec AFP)" is
    Orange Actu and Orange. The agency whose copy it runs is left out: when the text
    says "a déclaré à l'AFP", it cites the agency (its credit lines are dropped
    apart, archive.extraction.entities)."""
    outside, _, inside = source.partition("(")
    publishers = [outside.split(" avec ")[0]]
    if " avec " in inside:  # "(Orange avec AFP)"; "(AFP)" alone names the agency
        publishers.append(inside.split(" avec ")[0])
    parts = [part for name in publishers for part in re.split(r"\s*(?:[),;/]|\bet\b|&)\s*", name)]
    return [part.strip() for part in parts if len(entity_key(part)) > 1]
