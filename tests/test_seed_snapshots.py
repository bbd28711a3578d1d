"""The `seeds` fixture restores the rows and index of an earlier import
(tests/seed_snapshots.py): what it restores must be what importing the seeds
writes, or every test built on it would test something else."""

from django.db import models, transaction

from archive.models import Article
from search.engine.connection import backend
from search.upkeep import consistency
from tests.conftest import SEEDS
from tests.seed_snapshots import SeedSnapshots, app_models, rows


def archive_state():
    """The archive's tables and the index's documents, keys replaced by their
    rank in their table and times by whether they are set: two imports of the
    same texts give the same state, whichever keys and moment they had."""
    tables = app_models()
    ranks = {model: {pk: rank for rank, pk in enumerate(rows(model))} for model in tables}
    state = {}
    for model in tables:
        table = []
        for pk, (_, values) in rows(model).items():
            row = {}
            for field, value in zip(model._meta.concrete_fields, values, strict=True):
                if field.is_relation and field.related_model in ranks and value is not None:
                    value = ("rank", ranks[field.related_model][value])
                elif field.primary_key:
                    value = ("rank", ranks[model][pk])
                elif isinstance(field, models.DateTimeField):
                    value = value is not None
                row[field.attname] = value
            table.append(row)
        state[model._meta.label] = table
    documents = []
    for fields in backend().searcher().all_stored_fields():
        fields = dict(fields)
        fields["id"] = ranks[Article][int(fields.pop("django_id"))]
        # A hash of the document, keys included; consistency.check() below
        # compares it with the restored rows.
        del fields[consistency.FINGERPRINT]
        documents.append({name: value for name, value in fields.items() if not hasattr(value, "tzinfo")})
    state["index"] = sorted(documents, key=lambda document: document["id"])
    return state


def test_restored_seeds_are_what_a_fresh_import_writes(empty_index, tmp_path):
    snapshots = SeedSnapshots(SEEDS, tmp_path)
    # A real import, then the database and the index as they were before it.
    with transaction.atomic():
        snapshots.import_seeds()
        imported = archive_state()
        transaction.set_rollback(True)
    backend().clear()
    # The first load imports and keeps a snapshot; the second restores it.
    with transaction.atomic():
        assert snapshots.load() == "imported"
        transaction.set_rollback(True)
    backend().clear()

    assert snapshots.load() == "restored"
    assert archive_state() == imported
    report = consistency.check()
    assert (report.missing, report.stale, report.orphaned) == ({}, {}, {})
    assert report.articles == report.documents == 5
