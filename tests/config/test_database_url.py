"""One code base, two databases: DATABASE_URL picks PostgreSQL (through psycopg 3)
or, when empty, the SQLite file in the data folder. `make test` runs the database
tests once on SQLite, then again on a throwaway PostgreSQL server
(.ci/with-postgres)."""

import io
import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from archive.models import Article

READ_SETTINGS = """
import json
from django.conf import settings
from django.db import connection
database = settings.DATABASES["default"]
print(json.dumps({
    "engine": database["ENGINE"], "name": str(database["NAME"]), "host": database.get("HOST"),
    "port": database.get("PORT"), "user": database.get("USER"),
    "init_command": database.get("OPTIONS", {}).get("init_command", ""),
    "driver": connection.Database.__name__,
}))
"""


def database_settings(tmp_path, database_url):
    # A fresh process: settings are read once, when Django starts.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VIGIE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
    }
    done = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_a_postgres_database_url_runs_vigie_on_postgresql_through_psycopg_3(tmp_path):
    database = database_settings(tmp_path, "postgres://vigie:secret@db.example.org:5433/archive")

    assert database["engine"] == "django.db.backends.postgresql"
    assert database["driver"] == "psycopg"  # version 3; psycopg2 would be "psycopg2"
    assert (database["host"], database["port"], database["user"], database["name"]) == (
        "db.example.org",
        5433,
        "vigie",
        "archive",
    )
    assert "PRAGMA" not in database["init_command"]


def test_an_empty_database_url_keeps_the_sqlite_file_of_the_data_folder(tmp_path):
    database = database_settings(tmp_path, "")

    assert database["engine"] == "django.db.backends.sqlite3"
    assert database["name"] == str(tmp_path / "vigie.sqlite3")
    assert "journal_mode=WAL" in database["init_command"]


def test_the_tests_run_on_the_database_that_database_url_names(db):
    # Under .ci/with-postgres this proves the second pass really is on PostgreSQL,
    # not silently back on SQLite.
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_nul_characters_in_an_imported_record_are_dropped_not_refused_by_the_database(tmp_path, empty_index):
    # PostgreSQL stores no NUL character in text or JSON; SQLite would have kept them.
    record = {
        "title": "Des troupes\x00 à la frontière",
        "source": "La\x00 Gazette",
        "url": "https://exemple.fr/troupes\x00",
        "date": "2018-11-02",
        "text": "Le Pentagone envoie\x00 des soldats à la frontière avec le Mexique. " * 4,
    }
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # written as \u0000, past the binary check

    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    article = Article.objects.select_related("source").get()
    assert article.title == "Des troupes à la frontière"
    assert article.source.name == "La Gazette"
    assert article.url == "https://exemple.fr/troupes"
    stored = [article.raw_text, article.ref, json.dumps(article.given)]
    assert not any("\x00" in value or "\\u0000" in value for value in stored)
    assert article.body.startswith("Le Pentagone envoie des soldats")
