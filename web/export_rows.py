"""Every article of a search, as rows for the CSV and JSON exports.

Rows are built from stored index fields only, read a chunk at a time, so an
export of the whole archive keeps one chunk in memory and costs at most one
database query per kind of label (sources, entities, themes) per chunk.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from archive.dates import iso_at_precision
from search.query.facets import labels_of
from search.query.run import result_chunks
from search.query.state import SearchState, is_on

# Each chunk is one index search that ranks every match again (Whoosh keeps no
# cursor), so ranking work grows as matches² / chunk: at 65,000 articles, 500 a
# chunk would rank the archive 130 times. 2,000 stored documents, text
# included, stay a few megabytes.
CHUNK = 2000
# Export column → index field of slugs it names.
NAMED_LISTS = {"people": "person", "places": "place", "organisations": "organisation", "themes": "theme"}
COLUMNS = [
    "slug",
    "title",
    "date",
    "date_precision",
    "source",
    "publisher",
    "agencies",
    "authors",
    "url",
    "article_url",
    "ref",
    *NAMED_LISTS,
    "relevance",
    # Last, so the columns spreadsheets already read keep their places.
    "captured_at",
    "capture_url",
]
TEXT_COLUMN = "text"
# A spreadsheet runs a cell starting with one of these as a formula
# (OWASP "CSV injection"); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " ; "
SLUG_PLACEHOLDER = "slug-placeholder"


@dataclass
class ExportRequest:
    state: SearchState
    with_text: bool

    @property
    def columns(self):
        return COLUMNS + [TEXT_COLUMN] if self.with_text else COLUMNS


def read_export_request(query) -> ExportRequest:
    """The search to export (the same parameters as /recherche/) and whether to
    add each article's text (`texte=1`)."""
    return ExportRequest(state=SearchState.from_query(query), with_text=is_on(query.get("texte")))


@dataclass
class Export:
    count: int
    chunks: Iterator[list[dict]]  # rows, a chunk at a time, in the search's order


def export(state, article_url, with_text=False, chunk=None) -> Export:
    """The matching articles as rows. The first chunk is read here, before any
    byte of the response is sent: an index that cannot be read raises now,
    while the view can still answer with an error status."""
    results = result_chunks(state, chunk or CHUNK)
    first = next(results, [])
    count = first.count if first else 0
    labels = Labels()
    # One reverse() for all rows: it costs more than the rest of a row.
    url_pattern = article_url(reverse("article", args=[SLUG_PLACEHOLDER]))
    capture_pattern = article_url(reverse("article-capture", args=[SLUG_PLACEHOLDER]))

    def rows():
        for results_chunk in _chain(first, results):
            labels.learn(results_chunk)
            yield [
                _row(
                    result,
                    labels,
                    url_pattern.replace(SLUG_PLACEHOLDER, result.slug),
                    with_text,
                    capture_pattern.replace(SLUG_PLACEHOLDER, result.slug),
                )
                for result in results_chunk
            ]

    return Export(count=count, chunks=rows())


def _chain(first, rest):
    if first:
        yield first
    yield from rest


class Labels:
    """Names for the slugs the index stores, looked up once per chunk for the
    slugs not seen in earlier chunks (search/query/facets.py: one query per
    kind of name)."""

    def __init__(self):
        self.known = {name: {} for name in ("source", "agency", *NAMED_LISTS.values())}

    def learn(self, results):
        missing = {
            name: {slug for result in results for slug in _slugs(result, name)} - known.keys()
            for name, known in self.known.items()
        }
        found = labels_of(missing)
        for name, slugs in missing.items():
            self.known[name].update({slug: found[name].get(slug) for slug in slugs})

    def name(self, result, field):
        slug = getattr(result, field, None)
        return self.known[field].get(slug) or slug or None

    def names(self, result, field):
        # A slug the database no longer knows (an entity merged since indexing) keeps its slug.
        return [self.known[field].get(slug) or slug for slug in _slugs(result, field)]


def _slugs(result, field):
    value = getattr(result, field, None)
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _row(result, labels, article_url, with_text, capture_url=None):
    day = getattr(result, "date", None)
    captured_at = getattr(result, "captured_at", None) or None
    row = {
        "slug": result.slug,
        "title": result.title,
        "date": iso_at_precision(day, getattr(result, "date_precision", "")),
        "date_precision": getattr(result, "date_precision", None) or "unknown",
        "source": labels.name(result, "source"),
        "publisher": labels.name(result, "source"),
        "agencies": labels.names(result, "agency"),
        "authors": [name for name in (getattr(result, "authors", None) or "").split("\n") if name],
        "url": getattr(result, "url", None) or None,
        "article_url": article_url,
        "ref": getattr(result, "ref", None) or None,
        **{column: labels.names(result, field) for column, field in NAMED_LISTS.items()},
        "relevance": getattr(result, "relevance", None) or None,
        "captured_at": captured_at,
        "capture_url": capture_url if captured_at else None,
    }
    if with_text:
        row[TEXT_COLUMN] = getattr(result, "body", None) or ""
    return row


# CSV --------------------------------------------------------------------------


def csv_cell(value) -> str:
    """One CSV cell: lists joined, None empty, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_stream(data: Export, columns) -> Iterator[str]:
    # A byte order mark first: without it Excel reads UTF-8 as Windows-1252 and
    # shows "armÃ©e" for "armée"; other tools skip it.
    yield "\ufeff" + _csv_lines([columns])
    for rows in data.chunks:
        yield _csv_lines([csv_cell(row[name]) for name in columns] for row in rows)


def _csv_lines(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


# JSON -------------------------------------------------------------------------


def json_stream(data: Export, state: SearchState) -> Iterator[str]:
    """One JSON object, written a chunk of articles at a time:
    {"search": {...}, "count": N, "exported_at": "...", "results": [{...}, ...]}."""
    head = {"search": state.description(), "count": data.count, "exported_at": timezone.now().isoformat()}
    yield _dumps(head)[:-1] + ', "results": ['
    separator = "\n"
    for rows in data.chunks:
        yield separator + ",\n".join(_dumps(row) for row in rows)
        separator = ",\n"
    yield "\n]}\n"


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)


def export_filename(state: SearchState, extension) -> str:
    """vigie-armee-belga-2025-01-31.csv: the search's words and filters, and the day."""
    name = slugify(" ".join(state.words()))[:60].strip("-") or "archive"
    return f"vigie-{name}-{timezone.localdate().isoformat()}.{extension}"
