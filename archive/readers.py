"""Read article files into RawArticle records, or into Refusals that say why not.

Formats: plain text (.txt), Markdown with YAML front matter (.md), saved HTML
pages (.html, article text found by trafilatura), JSON Lines with
`title, date, source, url, text` per line (.jsonl, also gzipped), and folders of
these. Nothing here touches the database.
"""

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura
import yaml
from markdown_it import MarkdownIt

from archive.extraction.pipeline import RawArticle

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = "fichiers .txt, .md, .html, .jsonl ou .jsonl.gz"
# Below this, what trafilatura found in a page is menus and footers, not an article.
HTML_MIN_WORDS = 20


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text for parse_date, so an
    impossible date ("2018-02-30") becomes an unknown date and a note, not a crash."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [resolver for resolver in resolvers if resolver[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Refusal:
    where: str  # the file, and the line for JSON Lines
    reason: str


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawArticle | Refusal]:
    for path in map(Path, paths):
        if path.is_dir():
            for file in _files_in(path):
                yield from read_file(file, ref=str(file.relative_to(path)))
        elif path.is_file():
            yield from read_file(path, ref=path.name)
        else:
            yield Refusal(str(path), "introuvable")


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_file(path: Path, ref: str) -> Iterator[RawArticle | Refusal]:
    kind = _kind(path)
    if kind is None:
        yield Refusal(ref, f"format non pris en charge ({''.join(path.suffixes) or 'sans extension'}) : {SUPPORTED}")
        return
    if kind == "jsonl":
        yield from _read_jsonl(path, ref)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Refusal(ref, f"illisible ({error.strerror})")
        return
    if not data.strip():
        yield Refusal(ref, "fichier vide")
    elif looks_binary(data):
        yield Refusal(ref, "fichier binaire, pas un texte")
    else:
        yield from {"text": _read_text, "markdown": _read_markdown, "html": _read_html}[kind](decode(data), ref)


def _kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:-1] and suffixes[-1] == ".gz" and suffixes[-2] in JSONL_SUFFIXES:
        return "jsonl"
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


def decode(data: bytes) -> str:
    """UTF-8 when it is UTF-8, else Windows-1252, which is what French texts
    that are not UTF-8 almost always are (and a superset of Latin-1's letters).
    A statistical detector guesses wrong on short French texts; this does not."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


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
        try:
            meta = yaml.load("\n".join(lines[1:end]), Loader=_FrontMatterLoader) or {}
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
        url=_web_url(meta.get("url")),
        language=_string(meta.get("lang") or meta.get("language")),
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
    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # Only dates the page states; never a guess from the text or today.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # trafilatura raises many kinds on broken markup
        yield Refusal(ref, f"page HTML illisible ({type(error).__name__})")
        return
    page_text = (document.text or "") if document else ""
    if len(page_text.split()) < HTML_MIN_WORDS:
        yield Refusal(ref, "aucun texte d'article trouvé dans la page HTML")
        return
    title = (document.title or "").strip()
    lines = page_text.split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]  # trafilatura repeats the <h1> as the first line
    yield RawArticle(
        text="\n\n".join(lines),
        ref=ref,
        title=title,
        date=document.date,
        source=(document.sitename or "").strip(),
        url=_web_url(document.url),
        language=document.language or "",
    )


def _read_jsonl(path: Path, ref: str) -> Iterator[RawArticle | Refusal]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as stream:
            head = stream.read(8192)
            if not head.strip():
                yield Refusal(ref, "fichier vide")
                return
            if looks_binary(head):
                yield Refusal(ref, "fichier binaire, pas du JSON Lines")
                return
            stream.seek(0)
            for number, line in enumerate(stream, 1):
                if line.strip():
                    yield _jsonl_record(decode(line), f"{ref}:{number}")
    except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
        yield Refusal(ref, f"illisible ({error})")


def _jsonl_record(line: str, where: str) -> RawArticle | Refusal:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = getattr(error, "msg", "trop imbriqué")
        return Refusal(where, f"JSON invalide ({reason})")
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
        url=_web_url(record.get("url")),
        language=_string(record.get("language") or record.get("lang")),
    )


def _string(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _web_url(value) -> str:
    """Only http(s) addresses are kept: anything else would become a link."""
    value = _string(value)
    return value[:1000] if value.lower().startswith(("http://", "https://")) else ""
