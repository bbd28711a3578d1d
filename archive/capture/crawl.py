"""Crawlers' files: WARC (.warc, .warc.gz) and WACZ (Browsertrix, ReplayWeb.page:
a zip of archive/*.warc.gz with pages/pages.jsonl). Read record by record,
never whole; each HTML 200 response that holds an article becomes one, its
record copied into the data folder's captures with the crawler's record id.
Other responses are refused with one line each; requests, metadata and
warcinfo records describe the crawl, not pages, and are passed over."""

import json
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from archive.capture.fetch import HTML_TYPES, WIRE_HEADERS
from archive.capture.page import html_article
from archive.capture.store import WarcStore, parse_warc_date
from archive.extraction.pipeline import Capture, RawArticle, Refusal

PASSED_OVER = {"warcinfo", "request", "metadata", "resource", "conversion", "continuation"}
PAGE_LISTS = ("pages/pages.jsonl", "pages/extraPages.jsonl")
CHUNK = 1 << 16
PAGES_MAX = 10_000_000  # addresses listed, bounds the memory a hostile pages.jsonl takes


def read_warc(path: Path, ref: str, store: WarcStore, max_record_bytes: int) -> Iterator[RawArticle | Refusal]:
    try:
        with path.open("rb") as stream:
            yield from _records(stream, ref, store, max_record_bytes)
    except OSError as error:
        yield Refusal(ref, f"illisible ({error.strerror or error})")


def read_wacz(path: Path, ref: str, store: WarcStore, max_record_bytes: int) -> Iterator[RawArticle | Refusal]:
    try:
        with zipfile.ZipFile(path) as wacz:
            names = wacz.namelist()
            warcs = sorted(n for n in names if n.startswith("archive/") and n.endswith((".warc", ".warc.gz")))
            if not warcs:
                yield Refusal(ref, "WACZ sans fichier WARC (archive/*.warc.gz attendu)")
                return
            pages = _listed_pages(wacz, names)
            for name in warcs:
                with wacz.open(name) as stream:
                    yield from _records(stream, f"{ref}/{name}", store, max_record_bytes, pages)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error):
        yield Refusal(ref, "WACZ illisible : archive zip invalide ou tronquée")
    except OSError as error:
        yield Refusal(ref, f"illisible ({error.strerror or error})")


def _listed_pages(wacz: zipfile.ZipFile, names: list[str]) -> frozenset[str] | None:
    """The addresses the crawl saw as pages, when the WACZ lists them; its first
    line is a header ({"format": …}), the others have a "url"."""
    lists = [name for name in PAGE_LISTS if name in names]
    if not lists:
        return None
    pages = set()
    for name in lists:
        with wacz.open(name) as stream:
            for line in stream:
                try:
                    entry = json.loads(line)
                except (ValueError, RecursionError):
                    continue
                if isinstance(entry, dict) and isinstance(entry.get("url"), str):
                    pages.add(entry["url"])
                if len(pages) >= PAGES_MAX:
                    break
    return frozenset(pages)


def _records(stream, ref: str, store: WarcStore, max_bytes: int, pages=None) -> Iterator[RawArticle | Refusal]:
    count = 0
    try:
        for record in ArchiveIterator(stream):
            if record.format != "warc":  # warcio also reads ARC, and takes any text for one
                yield Refusal(ref, f"WARC malformé après {count} enregistrement(s) : en-tête WARC/1.x attendu")
                return
            count += 1
            if record.rec_type in PASSED_OVER:
                continue
            yield _record(record, ref, store, max_bytes, pages)
    except (ArchiveLoadFailed, StatusAndHeadersParserException) as error:
        yield Refusal(ref, f"WARC malformé après {count} enregistrement(s) : {_first_line(error)}")
    except (Truncated, EOFError, zlib.error, ValueError, OSError):
        yield Refusal(ref, f"WARC tronqué ou corrompu après {count} enregistrement(s)")


def _record(record, ref: str, store: WarcStore, max_bytes: int, pages) -> RawArticle | Refusal:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{ref} {uri}".strip()
    if record.rec_type == "revisit":
        return Refusal(where, "revisite (la page n'a pas changé depuis une capture précédente), pas de contenu")
    if record.rec_type != "response" or record.http_headers is None:
        return Refusal(where, f"enregistrement « {record.rec_type} » sans réponse HTTP")
    status = record.http_headers.get_statuscode()
    if status != "200":
        return Refusal(where, f"réponse HTTP {status}, pas une page d'article")
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        return Refusal(where, f"pas une page HTML ({content_type or 'type inconnu'})")
    if pages is not None and uri not in pages:
        return Refusal(where, "absente de pages.jsonl : une ressource de page, pas une page du crawl")
    captured_at = parse_warc_date(record.rec_headers.get_header("WARC-Date"))
    if captured_at is None:
        return Refusal(where, "WARC-Date absente ou invalide")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Refusal(where, f"page trop grosse (plus de {max_bytes // 1_000_000} Mo)")
    if _cut_short(record.raw_stream):
        raise Truncated
    article = html_article(body, where, url=uri, max_day=captured_at.date())
    if isinstance(article, Refusal):
        return article
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    headers = [(k, v) for k, v in record.http_headers.headers if k.lower() not in WIRE_HEADERS]
    stored = store.add_response(uri, captured_at, record.http_headers.statusline, headers, body, record_id)
    return RawArticle(
        **{**vars(article), "capture": Capture(uri, captured_at, stored.record_id, stored.file, stored.offset)}
    )


class Truncated(Exception):
    """A record's block ends before the length its header declares."""


def _cut_short(raw) -> bool:
    """Whether the file ended inside the record: warcio then hands out the
    bytes there are, without a word, and half a page would become an article."""
    while raw.read(CHUNK):
        pass
    return getattr(raw, "limit", 0) > 0


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or ["format inconnu"])[0][:200]
