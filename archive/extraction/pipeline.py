"""From a raw article (text plus whatever metadata came with it) to the fields
Vigie stores."""

import datetime as dt
from dataclasses import dataclass, field

from .boilerplate import clean_body
from .dates import DateSource, Precision, parse_date
from .header import read_header
from .text import normalise, paragraphs, sentences, shorten, word_count

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


@dataclass(frozen=True)
class Extracted:
    title: str
    title_generated: bool
    lead: str
    body: str
    published_on: dt.date | None
    date_precision: Precision
    date_source: DateSource
    source_name: str
    language: str
    word_count: int
    notes: list[str] = field(default_factory=list)  # what the importer should report


def extract(raw: RawArticle) -> Extracted:
    notes = []
    text = normalise(raw.text)
    published_on, precision, date_source = None, Precision.UNKNOWN, DateSource.NONE
    source_name = " ".join(raw.source.split())[:200]

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
        source_name=source_name,
        language=(raw.language or "fr").strip().lower()[:8],
        word_count=word_count(body),
        notes=notes,
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
