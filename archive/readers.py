"""Read article files into RawArticle records, or into Refusals that say why not.

Formats: plain text (.txt), Markdown with YAML front matter (.md), saved HTML
pages (.html, article text found by trafilatura), JSON Lines with
`title, date, source, url, text` per line (.jsonl, also gzipped), and folders of
these; web addresses and crawlers' WARC/WACZ files through archive/capture/,
whose records go into the data folder's WARC files. Nothing here touches the database.
"""

import codecs
import dataclasses
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from archive.capture.capturing import capture_url, default_store
from archive.capture.crawl import read_wacz, read_warc
from archive.capture.page import html_article
from archive.capture.store import WarcStore
from archive.extraction.pipeline import RawArticle, Refusal

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = "fichiers .txt, .md, .html, .jsonl, .jsonl.gz, .warc, .warc.gz ou .wacz, adresses http(s)"
AUTHOR_MAX = 200  # characters of one author's name kept
AUTHORS_MAX = 20  # names kept from an `authors` list
MB = 1_000_000
# A saved page carries its markup, inline scripts, styles and sometimes images:
# it may weigh this many times the article limit.
HTML_SIZE_FACTOR = 4
# Front matter is a few lines; PyYAML takes seconds on a megabyte of brackets.
FRONT_MATTER_MAX_CHARS = 100_000
# Bytes read at a time while skipping the rest of an over-long JSON line.
SKIP_CHUNK = 1 << 16
FILE_KNOB = "VIGIE_IMPORT_MAX_BYTES ou --max-bytes"
ARTICLE_KNOB = "VIGIE_IMPORT_MAX_ARTICLE_BYTES ou --max-article-bytes"
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters that would break a message's line or reorder what it shows:
# C0/C1 controls, line separators, bidirectional overrides, lone surrogates.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    """Sizes above which input is refused without being read whole. One file
    (and what a .gz holds once decompressed) bounds the time an import takes;
    one article (a .txt or .md file, one JSON line) bounds the memory it takes,
    since a JSON Lines file is read line by line."""

    file_bytes: int = 200 * MB
    article_bytes: int = 5 * MB


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text for parse_date, so an
    impossible date ("2018-02-30") becomes an unknown date and a note, not a crash."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [resolver for resolver in resolvers if resolver[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_paths(
    paths: Iterable[str | Path], limits: Limits = Limits(), store: WarcStore | None = None
) -> Iterator[RawArticle | Refusal]:
    """Files, folders and web addresses (http, https), in the order given. Pages
    fetched and articles of WARC/WACZ files keep their records in `store` (one
    new WARC file of the data folder's captures/ for the run when None)."""
    own_store = store is None
    store = store or default_store()
    try:
        for given in paths:
            if isinstance(given, str) and is_web_address(given):
                yield capture_url(given.strip(), store)
                continue
            path = Path(given)
            if path.is_dir():
                for file, problem in _files_in(path):
                    ref = one_line(str(file.relative_to(path)))
                    if problem:
                        yield Refusal(ref, problem)
                    else:
                        yield from read_file(file, ref, limits, store)
            elif path.is_file():
                yield from read_file(path, one_line(path.name), limits, store)
            else:
                yield Refusal(one_line(str(path)), "introuvable")
    finally:
        if own_store:
            store.close()


def is_web_address(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def _files_in(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """(file, None) for each file to read, (path, reason) for each link that
    must not be followed: a folder import reads that folder and nothing else."""
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop
            yield path, "lien cassé"
            continue
        if not target.is_relative_to(root):
            yield path, "lien hors du dossier, non suivi"
        elif path.is_file():  # a link to a folder inside is read under the folder's own path
            yield path, None


def one_line(name: str) -> str:
    """A file name as it can be shown on one line and stored: bytes that were not
    UTF-8 decoded like file contents, control characters shown as « ? » (as ls does)."""
    try:
        name = decode(os.fsencode(name))
    except UnicodeError:
        pass
    return UNPRINTABLE.sub("?", name)


def size_label(size: int) -> str:
    """A byte count in French units: « 312,5 Mo »."""
    for unit, scale in (("Go", 1_000_000_000), ("Mo", MB), ("ko", 1000)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"
    return f"{size} octets"


def _too_big(what: str, size: int | None, limit: int, knob: str) -> str:
    """The refusal for input above a limit; size None when it is only known to be above."""
    limit_shown = size_label(limit)
    shown = f"plus de {limit_shown}" if size is None else size_label(size)
    if shown == limit_shown:  # 5 000 001 bytes is « 5 Mo » too
        shown = f"{size} octets"
    return f"{what} : {shown} (limite {limit_shown}, {knob})"


def read_file(
    path: Path, ref: str, limits: Limits = Limits(), store: WarcStore | None = None
) -> Iterator[RawArticle | Refusal]:
    kind = _kind(path)
    if kind is None:
        yield Refusal(ref, f"format non pris en charge ({''.join(path.suffixes) or 'sans extension'}) : {SUPPORTED}")
        return
    if kind in ("warc", "wacz"):
        # A crawl is read record by record, so it is not held to the file limit;
        # each page is to the limit of a saved page.
        reader = read_warc if kind == "warc" else read_wacz
        own_store = store is None
        store = store or default_store()
        try:
            yield from reader(path, ref, store, limits.article_bytes * HTML_SIZE_FACTOR)
        finally:
            if own_store:
                store.close()
        return
    try:
        size = path.stat().st_size
    except OSError as error:
        yield Refusal(ref, f"illisible ({error.strerror})")
        return
    if size > limits.file_bytes:
        yield Refusal(ref, _too_big("fichier trop gros", size, limits.file_bytes, FILE_KNOB))
        return
    if kind == "jsonl":
        yield from _read_jsonl(path, ref, limits)
        return
    if kind == "html":
        limit, what, knob = (
            limits.article_bytes * HTML_SIZE_FACTOR,
            "page trop grosse",
            f"{HTML_SIZE_FACTOR} × {ARTICLE_KNOB}",
        )
    else:
        limit, what, knob = limits.article_bytes, "trop gros pour un article", ARTICLE_KNOB
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)  # a file that grew since stat() is not read whole either
    except OSError as error:
        yield Refusal(ref, f"illisible ({error.strerror})")
        return
    if len(data) > limit:
        yield Refusal(ref, _too_big(what, size if size > limit else None, limit, knob))
        return
    if not data.strip():
        yield Refusal(ref, "fichier vide")
        return
    try:
        text = decode(data)
    except UnicodeDecodeError:
        yield Refusal(ref, f"encodage {unicode_bom(data).upper()} annoncé par le fichier mais contenu invalide")
        return
    if looks_binary(text.encode() if unicode_bom(data) else data):
        yield Refusal(ref, "fichier binaire, pas un texte")
    else:
        yield from {"text": _read_text, "markdown": _read_markdown, "html": _read_html}[kind](text, ref)


def _kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:-1] and suffixes[-1] == ".gz" and suffixes[-2] in JSONL_SUFFIXES:
        return "jsonl"
    if suffixes[-1:] == [".warc"] or suffixes[-2:] == [".warc", ".gz"]:
        return "warc"
    if suffixes[-1:] == [".wacz"]:
        return "wacz"
    suffix = suffixes[-1] if suffixes else ""
    for kind, known in (
        ("text", TEXT_SUFFIXES),
        ("markdown", MARKDOWN_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
    ):
        if suffix in known:
            return kind
    return None


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return control > len(head) * 0.05


def unicode_bom(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding a byte order mark announces."""
    return next((encoding for bom, encoding in UNICODE_BOMS if data.startswith(bom)), None)


def _windows_1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined are read as Latin-1.
    bad = error.object[error.start : error.end]
    return "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in bad), error.end


codecs.register_error("vigie-windows-1252", _windows_1252_bytes)


def decode(data: bytes) -> str:
    """UTF-16 or UTF-32 when a byte order mark says so (raises UnicodeDecodeError
    if the rest is not). Else UTF-8, each byte that is not UTF-8 read as Windows-1252,
    which is what French texts that are not UTF-8 almost always are (and a superset
    of Latin-1's letters): a Latin-1 file, and a UTF-8 file with a pasted Latin-1
    passage, both keep their « é ». A statistical detector guesses wrong on short
    French texts; this does not."""
    encoding = unicode_bom(data)
    if encoding:
        return data.decode(encoding)  # the codec drops the mark
    return data.decode("utf-8-sig", errors="vigie-windows-1252")


def _read_text(text: str, ref: str) -> Iterator[RawArticle | Refusal]:
    yield RawArticle(text=text, ref=ref)


def _read_markdown(text: str, ref: str) -> Iterator[RawArticle | Refusal]:
    meta, body = {}, text
    lines = text.lstrip("\ufeff").split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), None)
        if end is None:
            yield Refusal(ref, "en-tête YAML sans ligne de fin « --- »")
            return
        front_matter = "\n".join(lines[1:end])
        if len(front_matter) > FRONT_MATTER_MAX_CHARS:
            yield Refusal(
                ref, f"en-tête YAML trop long (plus de {FRONT_MATTER_MAX_CHARS:_} caractères)".replace("_", " ")
            )
            return
        try:
            meta = yaml.load(front_matter, Loader=_FrontMatterLoader) or {}
        except RecursionError:
            yield Refusal(ref, "en-tête YAML invalide (trop imbriqué)")
            return
        except (yaml.YAMLError, ValueError) as error:
            mark = getattr(error, "problem_mark", None)
            where = f" (ligne {mark.line + 2})" if mark else ""
            yield Refusal(ref, f"en-tête YAML invalide{where}")
            return
        if not isinstance(meta, dict):
            yield Refusal(ref, "en-tête YAML invalide : des paires « clé: valeur » sont attendues")
            return
        body = "\n".join(lines[end + 1 :])
    heading, plain = markdown_to_text(body)
    title = _string(meta.get("title") or meta.get("titre")) or heading
    yield RawArticle(
        text=plain,
        ref=ref,
        title=title,
        date=meta.get("date"),
        source=_string(meta.get("source")),
        url=web_url(meta.get("url")),
        language=_string(meta.get("lang") or meta.get("language")),
        authors=_authors(meta),
    )


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """(first-level heading if the text opens with one, plain text with one
    paragraph per block). Markup, raw HTML and images are dropped."""
    blocks, heading, opening = [], "", None
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "heading_open":
            opening = token.tag
        if token.type != "inline":
            continue
        text = "".join(
            child.content if child.type in {"text", "code_inline"} else " " if "break" in child.type else ""
            for child in token.children or []
        ).strip()
        if opening == "h1" and not blocks and not heading:
            heading = text
        elif text:
            blocks.append(text)
        opening = None
    return heading, "\n\n".join(blocks)


def _read_html(text: str, ref: str) -> Iterator[RawArticle | Refusal]:
    article = html_article(text, ref)
    if isinstance(article, RawArticle):
        # A saved page keeps the authors its text's byline gives, as before captures.
        article = dataclasses.replace(article, authors=(), url=web_url(article.url))
    yield article


def _read_jsonl(path: Path, ref: str, limits: Limits) -> Iterator[RawArticle | Refusal]:
    gzipped = path.suffix.lower() == ".gz"
    try:
        with (gzip.open if gzipped else open)(path, "rb") as stream:
            head = stream.read(8192)
            if not head.strip():
                yield Refusal(ref, "fichier vide")
                return
            if unicode_bom(head):
                yield Refusal(ref, f"JSON Lines en {unicode_bom(head).upper()} : enregistrez-le en UTF-8")
                return
            if looks_binary(head):
                yield Refusal(ref, "fichier binaire, pas du JSON Lines")
                return
            stream.seek(0)
            yield from _jsonl_lines(
                stream, ref, limits, "trop gros une fois décompressé" if gzipped else "fichier trop gros"
            )
    except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
        yield Refusal(ref, f"illisible ({error})")


def _jsonl_lines(stream, ref: str, limits: Limits, too_big: str) -> Iterator[RawArticle | Refusal]:
    """Line by line, never holding more than one article's worth: an over-long
    line is refused and skipped in chunks, and reading stops once the file
    limit is passed (a .gz that inflates without end)."""
    total = number = 0
    while line := stream.readline(limits.article_bytes + 1):
        number, total = number + 1, total + len(line)
        if len(line) > limits.article_bytes and not line.endswith(b"\n"):
            length = len(line)
            while total <= limits.file_bytes and (chunk := stream.readline(SKIP_CHUNK)):
                length, total = length + len(chunk), total + len(chunk)
                if chunk.endswith(b"\n"):
                    break
            if total <= limits.file_bytes:
                yield Refusal(
                    f"{ref}:{number}",
                    _too_big("ligne trop longue pour un article", length, limits.article_bytes, ARTICLE_KNOB),
                )
                continue
        if total > limits.file_bytes:
            yield Refusal(ref, _too_big(too_big, None, limits.file_bytes, FILE_KNOB))
            return
        if line.strip():
            yield _jsonl_record(decode(line), f"{ref}:{number}")


def _jsonl_record(line: str, where: str) -> RawArticle | Refusal:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Refusal(where, f"JSON invalide ({error.msg})")
    except RecursionError:
        return Refusal(where, "JSON invalide (trop imbriqué)")
    except ValueError:  # an integer of more than sys.get_int_max_str_digits() digits
        return Refusal(where, "JSON invalide (nombre trop long)")
    if not isinstance(record, dict):
        return Refusal(where, "un objet JSON est attendu sur chaque ligne")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Refusal(where, "champ « text » manquant ou vide")
    return RawArticle(
        text=text,
        ref=where,
        title=_string(record.get("title")),
        date=record.get("date"),
        source=_string(record.get("source")),
        url=web_url(record.get("url")),
        language=_string(record.get("language") or record.get("lang")),
        authors=_authors(record),
    )


def _authors(record: dict) -> tuple[str, ...]:
    """The `authors` (a list or one name) or `author` given, as they are written."""
    value = record.get("authors") or record.get("author")
    values = value if isinstance(value, list) else [value]
    names = (" ".join(_string(v).split())[:AUTHOR_MAX] for v in values)
    return tuple(dict.fromkeys(name for name in names if name))[:AUTHORS_MAX]


def _string(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def web_url(value) -> str:
    """Only http(s) addresses are kept: anything else would become a link."""
    value = _string(value)
    return value[:1000] if value.lower().startswith(("http://", "https://")) else ""
