"""The captures' WARC files in the data folder: records are appended, one gzip
member each, so one can be read back from its offset without reading the rest.

Each run (an import, a feed poll) writes its own file, so two runs never
append to the same one; a record is flushed before its offset is handed out,
so the article that points at it can be shown at once."""

import datetime as dt
import io
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SOFTWARE = "Vigie (archive de presse)"


@dataclass(frozen=True)
class StoredRecord:
    file: str  # relative to the store's folder
    offset: int
    record_id: str


@dataclass(frozen=True)
class ArchivedPage:
    """A record read back: what the archived copy's page shows."""

    url: str
    captured_at: dt.datetime
    content_type: str
    body: bytes


def captures_folder() -> Path:
    return Path(settings.DATA_DIR) / "captures"


def warc_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_warc_date(value: str) -> dt.datetime | None:
    """A WARC-Date (ISO 8601, UTC, sometimes with fractions of a second) as an aware datetime."""
    try:
        moment = dt.datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class WarcStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._file = None
        self._writer = None
        self.name = ""

    def _open(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        now = dt.datetime.now(dt.UTC)
        self.name = f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.warc.gz"
        # "xb": a name taken by another run is never appended to.
        self._file = (self.folder / self.name).open("xb")
        self._writer = WARCWriter(self._file, gzip=True)
        info = self._writer.create_warcinfo_record(self.name, {"software": SOFTWARE, "format": "WARC File Format 1.1"})
        self._writer.write_record(info)

    def add_response(
        self,
        url: str,
        captured_at: dt.datetime,
        status_line: str,
        headers: list[tuple[str, str]],
        body: bytes,
        record_id: str = "",
    ) -> StoredRecord:
        """Append a response record (its HTTP status and headers, then `body` as
        received); `record_id` keeps the id a crawler gave it."""
        if self._writer is None:
            self._open()
        warc_headers = {"WARC-Date": warc_date(captured_at)}
        if record_id:
            warc_headers["WARC-Record-ID"] = record_id
        http_headers = StatusAndHeaders(status_line, headers, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict=warc_headers,
            http_headers=http_headers,
        )
        self._file.flush()
        offset = self._file.tell()
        self._writer.write_record(record)
        self._file.flush()
        os.fsync(self._file.fileno())
        return StoredRecord(self.name, offset, record.rec_headers.get_header("WARC-Record-ID"))

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = self._writer = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_record(folder: Path, file: str, offset: int, max_bytes: int) -> ArchivedPage | None:
    """The response record at `offset` of `file`, or None when it is gone or
    unreadable (a file removed, moved, truncated)."""
    folder = Path(folder).resolve()
    path = (folder / file).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)), None)
            if record is None or record.rec_type != "response" or record.http_headers is None:
                return None
            body = record.content_stream().read(max_bytes)
            return ArchivedPage(
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                captured_at=parse_warc_date(record.rec_headers.get_header("WARC-Date")),
                content_type=record.http_headers.get_header("Content-Type") or "text/html",
                body=body,
            )
    except (OSError, ArchiveLoadFailed, EOFError, ValueError):
        return None
