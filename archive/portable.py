"""The whole archive in one portable file, and back (export_archive, import_archive).

The file is gzip'd JSON Lines: a first manifest line (format, version, Vigie's
migrations, counts per model), then one record per row in Django's own "jsonl"
serialization, parents before children. Primary keys are kept, so slugs, links
and URLs are identical after a restore; admin history and accounts go by natural
keys (username, app_label + model), which differ between databases.

Accounts: every user is exported with names, flags and groups, but without the
password hash unless asked (`with_passwords`); an imported user without one
cannot log in until `changepassword`. Users and groups that already exist on the
target are left as they are. Re-extraction jobs are a work queue, not archive
content: they are neither exported nor kept by a replace.
"""

import datetime
import gzip
import json
import os
import tempfile
import tomllib
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer
from django.core.serializers.python import Deserializer
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from archive.models import (
    AdditionJob,
    Alias,
    Article,
    Entity,
    ExtractionJob,
    Feed,
    FeedItem,
    Figure,
    Fingerprint,
    FingerprintBand,
    FingerprintPassage,
    FormerSlug,
    Mention,
    NearDuplicate,
    OrganisationPattern,
    Quote,
    Source,
    SourceAlias,
    Subject,
    Theme,
)
from archive.relevance import score_unscored

FORMAT = "vigie-archive"
VERSION = 1
CHUNK = 2000
# Archive content, parents before children: the order records are written,
# loaded, and (reversed) deleted in.
ARCHIVE_MODELS = [
    Source,
    SourceAlias,
    Theme,
    Subject,
    OrganisationPattern,
    Article,
    Article.themes.through,
    Article.agencies.through,
    Entity,
    Alias,
    FormerSlug,
    Mention,
    Figure,
    Quote,
    NearDuplicate,
    Fingerprint,
    FingerprintBand,
    FingerprintPassage,
    Feed,
    FeedItem,
]
# Lists editors keep that a file from an older Vigie does not hold: such a file
# leaves them as they are (the migrations seeded them) instead of emptying them.
# A feed's seen items go with the articles they point to: without them, the
# next poll finds the restored articles by their address.
KEPT_WHEN_ABSENT = [OrganisationPattern, Feed]
ACCOUNT_MODELS = [Group, User]
MIGRATION_APPS = ["contenttypes", "auth", "admin", "archive"]
USER_FIELDS = ["username", "first_name", "last_name", "email", "is_staff", "is_active", "is_superuser"]
USER_FIELDS += ["date_joined", "last_login", "groups", "user_permissions"]


class ArchiveFileError(Exception):
    """The file cannot be imported; the message says why, in French."""


def label(model):
    return model._meta.label_lower


def history():
    """The admin history of archive objects (accounts' own history stays on its machine)."""
    return LogEntry.objects.filter(content_type__app_label="archive")


def is_empty() -> bool:
    # Themes alone do not count: migrations seed the default lexicon, and the
    # export brings its own.
    return not any(model.objects.exists() for model in (Article, Source, Entity))


# Export


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps them whole."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _sections(with_passwords):
    """(model, queryset, serializer options) for each part of the file, in order."""
    user_fields = USER_FIELDS + ["password"] if with_passwords else USER_FIELDS
    sections = []
    for model in ARCHIVE_MODELS:
        # Article's themes go as rows of their own table: the serializer would
        # query each article's themes one by one.
        fields = [f.name for f in model._meta.concrete_fields] if model is Article else None
        sections.append((model, model.objects.order_by("pk"), {"fields": fields}))
    natural = {"use_natural_foreign_keys": True, "use_natural_primary_keys": True}
    sections.append((Group, Group.objects.order_by("name"), natural))
    sections.append((User, User.objects.order_by("username"), {**natural, "fields": user_fields}))
    sections.append((LogEntry, history().order_by("action_time", "pk"), natural))
    return sections


def _migrations():
    applied = MigrationLoader(connection).applied_migrations
    return {app: sorted(name for a, name in applied if a == app) for app in MIGRATION_APPS}


def _vigie_version():
    try:
        return tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return ""


class _RecordWriter(Serializer):
    def get_dump_object(self, obj):
        record = super().get_dump_object(obj)
        if isinstance(obj, LogEntry):
            # Its id would clash with the target's own history; nothing refers to it.
            record.pop("pk", None)
        return record


def export_archive(path, with_passwords=False) -> dict:
    """Write the archive to `path` (gzip'd JSON Lines); return the counts per model.
    Rows are streamed a chunk at a time; the file appears whole or not at all."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        # One snapshot, so the counts and the rows agree while editors keep working
        # (PostgreSQL's default isolation takes a new snapshot for each query).
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            sections = _sections(with_passwords)
            counts = {label(model): queryset.count() for model, queryset, _ in sections}
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "vigie": _vigie_version(),
                "migrations": _migrations(),
                "passwords": with_passwords,
                "counts": counts,
            }
            with gzip.open(temporary, "wt", encoding="utf-8") as out:
                out.write(json.dumps(manifest, ensure_ascii=False) + "\n")
                for _model, queryset, options in sections:
                    _RecordWriter().serialize(queryset.iterator(chunk_size=CHUNK), stream=out, cls=_Encoder, **options)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return counts


# Import


def read_manifest(lines):
    try:
        manifest = json.loads(next(lines, ""))
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveFileError("Ce fichier n'est pas une archive exportée par Vigie (export_archive).")
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ArchiveFileError(
            f"Cette archive est au format {version}, plus récent que celui que cette version de Vigie lit "
            f"({VERSION}) : mettez Vigie à jour avant de l'importer."
        )
    known = MigrationLoader(connection, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise ArchiveFileError(
            f"Cette archive vient d'une version plus récente de Vigie (migration inconnue : {unknown[0]}) : "
            "mettez Vigie à jour avant de l'importer."
        )
    return manifest


@contextmanager
def _stored_timestamps(models):
    """Keep the file's imported_at/updated_at: bulk_create would set auto_now
    fields to the time of the restore."""
    fields = [f for model in models for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    fields += [f for model in models for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _delete_archive(kept=()):
    """Empty the archive's tables in one statement each (but those `kept`): no
    per-row cascade collection or signals, which at 65,000 articles would take minutes."""
    with connection.cursor() as cursor:
        for model in [ExtractionJob, AdditionJob, *(m for m in reversed(ARCHIVE_MODELS) if m not in kept)]:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    history().delete()


def _load(records, counts):
    """Insert archive rows in batches (bulk_create, no signals: the index is
    rebuilt once afterwards); accounts and history through the serializer."""
    archive_labels = {label(model) for model in ARCHIVE_MODELS}
    batch, batch_model = [], None

    def flush():
        if batch:
            batch_model.objects.bulk_create(batch, batch_size=CHUNK)
            batch.clear()

    for deserialized in Deserializer(records):
        obj = deserialized.object
        model = type(obj)
        counts[label(model)] = counts.get(label(model), 0) + 1
        if label(model) in archive_labels:
            if model is not batch_model:
                flush()
                batch_model = model
            batch.append(obj)
            if len(batch) >= CHUNK:
                flush()
            continue
        flush()
        if model in ACCOUNT_MODELS:
            if obj.pk is not None:  # the natural key matched an existing user or group: keep it
                continue
            if model is User and not obj.password:
                obj.set_unusable_password()
        deserialized.save()
    flush()


def _records(lines, allowed):
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        if not isinstance(record, dict) or record.get("model") not in allowed:
            raise ArchiveFileError(f"Enregistrement inattendu dans l'archive : {line[:80]!r}.")
        yield record


def import_archive(path, replace=False) -> dict:
    """Load an export into this database in one transaction; return the counts
    per model. Raises ArchiveFileError, with nothing changed, for an archive
    that is not empty (unless `replace`), a file that is not a whole Vigie
    export, or one from a newer Vigie."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            manifest = read_manifest(lines)
            if not replace and not is_empty():
                raise ArchiveFileError(
                    "L'archive de cette base n'est pas vide : ajoutez --replace pour la remplacer "
                    "par le contenu du fichier (les comptes existants sont conservés)."
                )
            allowed = {label(model) for model in [*ARCHIVE_MODELS, *ACCOUNT_MODELS, LogEntry]}
            counts = {}
            with transaction.atomic(), _stored_timestamps(ARCHIVE_MODELS):
                in_file = manifest.get("counts", {})
                _delete_archive(kept=[m for m in KEPT_WHEN_ABSENT if label(m) not in in_file])
                _load(_records(lines, allowed), counts)
                expected = {name: count for name, count in manifest.get("counts", {}).items() if count}
                if counts != expected:
                    raise ArchiveFileError(
                        "Archive incomplète : le fichier ne contient pas tout ce que son en-tête annonce "
                        "(fichier tronqué ?). Rien n'a été importé."
                    )
                _reset_sequences()
                score_unscored()  # articles of a backup made before relevance existed
    except ArchiveFileError:
        raise
    except FileNotFoundError as error:
        raise ArchiveFileError(f"Fichier introuvable : {error.filename}.") from error
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise ArchiveFileError(
            f"Fichier tronqué ou abîmé ({error}) : ce n'est pas une archive Vigie complète. Rien n'a été importé."
        ) from error
    except (ValueError, serializers.base.DeserializationError, DatabaseError, LookupError) as error:
        raise ArchiveFileError(f"Archive illisible ({error}). Rien n'a été importé.") from error
    except OSError as error:
        raise ArchiveFileError(f"Lecture impossible ({error}). Rien n'a été importé.") from error
    return counts


def _reset_sequences():
    """Rows came with their ids: PostgreSQL's sequences must move past them, or
    the next article saved would collide with an imported one."""
    statements = connection.ops.sequence_reset_sql(no_style(), ARCHIVE_MODELS)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
