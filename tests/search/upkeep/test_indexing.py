import io
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

from search.engine import connection
from search.upkeep import indexing
from tests.conftest import SEEDS


def test_reindex_rebuilds_the_index_from_the_database(seeds, client):
    connection.backend().clear()
    assert not client.get("/api/search/", {"q": "frontière"}).json()["count"]

    out = io.StringIO()
    call_command("reindex", stdout=out)

    assert out.getvalue().startswith("5 document(s) indexé(s) en ")
    assert indexing.document_count() == 5
    assert client.get("/api/search/", {"q": "frontière"}).json()["count"]


PREPARED_IN_A_CHILD = """
import multiprocessing
from search.upkeep import documents, indexing
from search.upkeep.consistency import check

documents.CHUNK, documents.IN_CHILD_FROM = 2, 0  # five articles, three chunks, all prepared by a child
forks = []
real_context = multiprocessing.get_context
record = {"get_context": lambda method: forks.append(method) or real_context(method)}
documents.multiprocessing = type("Recorded", (), record)
count = indexing.rebuild()
report = check()
print(forks, count, indexing.document_count(), len(report.missing), len(report.stale), len(report.orphaned))
"""


def test_a_large_rebuild_prepares_documents_in_a_second_process_and_loses_none(tmp_path):
    # A real database file: a forked child opens its own connection to it.
    env = {**os.environ, "VIGIE_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=settings.BASE_DIR, env=env, check=True)
    subprocess.run([*manage, "import_articles", str(SEEDS)], cwd=settings.BASE_DIR, env=env, check=True,
                   capture_output=True)  # fmt: skip
    done = subprocess.run(
        [*manage, "shell", "-c", PREPARED_IN_A_CHILD], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # Five documents written, none missing, stale (fingerprints prepared in the
    # child match those prepared here) or orphaned.
    assert done.stdout.split()[-6:] == ["['fork']", "5", "5", "0", "0", "0"]
