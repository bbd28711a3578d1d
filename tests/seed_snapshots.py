"""The five seed articles, imported once per test session, then restored.

Importing the seeds (extraction, the spaCy recogniser, the database writes, the
Whoosh index) took a third of a second, and some 280 tests of each database
pass ask for them. Here the first test that asks runs the real
`import_articles`; the rows it added and the index folder it wrote are kept.
The next tests that start from the same archive get those rows inserted as they
were (same keys, same timestamps, raw inserts: no signal, no reindexing) and a
copy of that folder, i.e. what the import would have written again.

A snapshot is only reused when the import would start from the same place:
the same rows in the archive's tables (the themes, which the import reads,
vanish after a transactional test, for instance) and an empty index. Anything
else, or an import that changed a row already there, runs the real import.
tests/test_seed_snapshots.py checks that a restore equals a fresh import.
"""

import hashlib
import io
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from search.engine.connection import backend
from search.upkeep import indexing

# The tables the import reads: its starting point is their content.
APPS = ("archive", "search")


def app_models(labels=APPS):
    return [model for label in labels for model in tables(apps.get_app_config(label))]


def tables(config):
    # A proxy model's rows are its concrete model's: restored twice, they would collide.
    return [model for model in config.get_models(include_auto_created=True) if not model._meta.proxy]


def rows(model, using=DEFAULT_DB_ALIAS) -> dict:
    """pk -> (instance, its concrete values), as the ORM reads them."""
    fields = model._meta.concrete_fields
    return {
        obj.pk: (obj, tuple(getattr(obj, field.attname) for field in fields))
        for obj in model._base_manager.using(using).order_by("pk")
    }


def starting_point(using=DEFAULT_DB_ALIAS) -> str:
    digest = hashlib.sha256()
    for model in app_models():
        digest.update(model._meta.label.encode())
        for pk, (_, values) in rows(model, using).items():
            digest.update(repr((pk, values)).encode())
    return digest.hexdigest()


def index_path() -> Path | None:
    """The Whoosh index folder, or None when the tests search something else."""
    path = settings.HAYSTACK_CONNECTIONS["default"].get("PATH")
    return Path(path) if path and Path(path).is_dir() else None


class SeedSnapshots:
    """Per starting point: the rows and index folder a seeds import produced
    (None when that import changed rows it found, so cannot be replayed)."""

    def __init__(self, seeds: Path, folder: Path, reuse: bool = True):
        self.seeds, self.folder, self.reuse = seeds, folder, reuse
        self.snapshots = {}
        self.imports = self.restores = 0

    def load(self, using=DEFAULT_DB_ALIAS) -> str:
        """Bring the seeds into the test's database and index; says how:
        "imported" or "restored"."""
        if not self.reuse or index_path() is None or indexing.document_count():
            self.import_seeds()
            return "imported"
        key = starting_point(using)
        if key in self.snapshots:
            if self.snapshots[key] is not None:
                self._restore(self.snapshots[key], using)
                self.restores += 1
                return "restored"
            self.import_seeds()
            return "imported"
        self.snapshots[key] = self._import_and_keep(key, using)
        return "imported"

    def import_seeds(self):
        call_command("import_articles", str(self.seeds), stdout=io.StringIO())
        self.imports += 1

    def _import_and_keep(self, key, using):
        models = [model for config in apps.get_app_configs() for model in tables(config)]
        before = {model: rows(model, using) for model in models}
        self.import_seeds()
        added = []
        for model in models:
            after = rows(model, using)
            old = before[model]
            if any(pk not in after or after[pk][1] != values for pk, (_, values) in old.items()):
                return None  # the import changed what it found: replay it each time
            new = [obj for pk, (obj, _) in after.items() if pk not in old]
            if new:
                added.append((model, new))
        index = self.folder / key[:16]
        shutil.copytree(index_path(), index)
        return added, index

    def _restore(self, snapshot, using):
        added, index = snapshot
        connection = connections[using]
        with transaction.atomic(using=using):
            for model, objs in added:
                fields = model._meta.concrete_fields
                manager = model._base_manager.using(using)
                size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
                for start in range(0, len(objs), size):
                    # raw: the values as they were, auto_now fields included.
                    manager._insert(objs[start : start + size], fields=fields, raw=True, using=using)
            # As loaddata does: the next row created gets a key after the restored ones.
            resets = connection.ops.sequence_reset_sql(no_style(), [model for model, _ in added])
            if resets:
                with connection.cursor() as cursor:
                    for sql in resets:
                        cursor.execute(sql)
        path = index_path()
        shutil.rmtree(path)
        shutil.copytree(index, path)
        backend().setup()  # opens the restored index, forgets the old searcher
