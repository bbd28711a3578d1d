"""Faults with real processes: an import killed with SIGKILL, and an import, an
editor and readers all at once on gunicorn. Each test has its own archive
folder (SQLite and Whoosh) and runs the real commands and server."""

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from whoosh.filedb.filestore import FileStorage

from tests.processes import AdminSession, Database, environment, manage, own_database, start_manage, write_articles
from tools.bench.server import Server

ARTICLES = 120
PASSWORD = "motdepasse-solide-42"


pytestmark = pytest.mark.processes


@pytest.fixture
def archive(tmp_path):
    data = tmp_path / "data"
    with own_database() as database_url:
        env = environment(data, database_url)
        manage(env, "migrate", "--noinput", "-v0")
        yield Database(data, database_url), env


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"délai dépassé : {what}")


def descendants(pid):
    """The processes `pid` started (extraction workers), and theirs."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            children = open(f"/proc/{pid}/task/{task}/children").read().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def running(pid):
    """Whether `pid` still runs (a zombie nobody reaped has ended)."""
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def assert_database_consistent(db):
    if db.is_sqlite:  # PostgreSQL checks its foreign keys on every write
        assert db.scalar("PRAGMA integrity_check") == "ok"
        assert db.scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0
    # One transaction per article: an article is there with all its extraction, or not at all.
    assert db.scalar("SELECT count(*) FROM archive_article WHERE extracted_at IS NULL") == 0
    assert (
        db.scalar(
            "SELECT count(*) FROM archive_article a LEFT JOIN archive_fingerprint f ON f.article_id = a.id "
            "WHERE f.article_id IS NULL",
        )
        == 0
    )
    assert db.scalar("SELECT count(*) - count(DISTINCT content_hash) FROM archive_article") == 0


@pytest.mark.parametrize("moment", ["mid-file", "while indexing"])
def test_an_import_killed_at_any_moment_is_repaired_and_finished_by_a_rerun(archive, tmp_path, moment):
    db, env = archive
    articles = write_articles(tmp_path / "articles.jsonl", ARTICLES)
    log = tmp_path / "import.log"
    process = start_manage(env, "import_articles", str(articles), log=log)
    if moment == "mid-file":
        wait_until(lambda: db.scalar("SELECT count(*) FROM archive_article") >= 30, 300, "30 articles importés")
        workers = descendants(process.pid)
        assert workers or len(os.sched_getaffinity(0)) == 1, "l'extraction se fait dans des processus à part"
    else:
        wait_until(lambda: "Mise à jour de l'index" in log.read_text(), 300, "l'écriture de l'index")
        workers = descendants(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    # Its workers do not outlive it, holding a model's memory each.
    wait_until(lambda: not any(map(running, workers)), 30, "la fin des processus d'extraction")
    imported = db.scalar("SELECT count(*) FROM archive_article")

    assert 0 < imported <= ARTICLES
    assert_database_consistent(db)
    # The index is behind, and says so.
    behind = manage(env, "check_index", check=False)
    assert behind.returncode == 1
    assert "manquant" in behind.stdout

    repaired = manage(env, "check_index", "--repair")
    assert "Index conforme" in repaired.stdout or "Index réparé" in repaired.stdout
    assert manage(env, "check_index").returncode == 0

    rerun = manage(env, "import_articles", str(articles))
    assert f"{ARTICLES - imported} importé(s), {imported} inchangé(s)" in rerun.stdout
    assert db.scalar("SELECT count(*) FROM archive_article") == ARTICLES
    assert_database_consistent(db)
    assert "Index conforme" in manage(env, "check_index").stdout


def test_a_killed_import_is_finished_by_a_rerun_alone(archive, tmp_path):
    # Without check_index: what the killed import committed is in the queue, which the rerun writes.
    db, env = archive
    articles = write_articles(tmp_path / "articles.jsonl", ARTICLES)
    process = start_manage(env, "import_articles", str(articles), log=tmp_path / "import.log")
    wait_until(lambda: db.scalar("SELECT count(*) FROM archive_article") >= 30, 300, "30 articles importés")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert db.scalar("SELECT count(*) FROM search_pendingindexupdate") > 0

    manage(env, "import_articles", str(articles))

    assert db.scalar("SELECT count(*) FROM archive_article") == ARTICLES
    assert db.scalar("SELECT count(*) FROM search_pendingindexupdate") == 0
    assert "Index conforme" in manage(env, "check_index").stdout


class Readers:
    """Threads searching the server without pause; every status is kept."""

    QUERIES = [
        "/recherche/?q=frontière",
        "/api/search/?q=migrants",
        "/recherche/?q=armée&tri=date",
        "/api/search/?q=dépêche",
    ]

    def __init__(self, base, threads=2):
        self.base, self.statuses, self.stop = base, [], threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def _run(self, n):
        while not self.stop.is_set():
            path = self.QUERIES[(len(self.statuses) + n) % len(self.QUERIES)]
            try:
                with urllib.request.urlopen(self.base + urllib.parse.quote(path, safe="/?=&"), timeout=60) as response:
                    self.statuses.append(response.status)
            except urllib.error.HTTPError as error:
                self.statuses.append(error.code)
            except OSError as error:
                self.statuses.append(repr(error))


def search_api(base, query):
    with urllib.request.urlopen(f"{base}/api/search/?q={urllib.parse.quote(query)}", timeout=60) as response:
        return json.load(response)


def health(base):
    with urllib.request.urlopen(base + "/sante/", timeout=60) as response:
        return json.load(response)


def test_searches_an_import_and_an_editor_at_once_lose_nothing(archive, tmp_path):
    db, env = archive
    manage(env, "prepare_archive")  # the seeds, their index, an admin account
    python(env, "from django.contrib.auth.models import User; User.objects.create_superuser('editrice', '', PASSWORD)")
    seeds = [int(pk) for pk in python(env, "print(*Article.objects.order_by('pk').values_list('pk', flat=True))")]
    articles = write_articles(tmp_path / "articles.jsonl", ARTICLES)
    lock = FileStorage(str(db.data_dir / "whoosh_index")).lock("MAIN_WRITELOCK")

    server = Server(db.data_dir, tmp_path / "gunicorn.log", workers=2, database_url=db.url)
    with server, Readers(server.base) as readers:
        editor = AdminSession(server.base, "editrice", PASSWORD)
        importing = start_manage(env, "import_articles", str(articles), log=tmp_path / "import.log")

        # An edit while the import runs.
        assert editor.change_article(seeds[0], title="Zanzibarite à la frontière") == 302
        # Another process holds the index's one writer: the editor's save still
        # answers at once, and the import's final write has to wait as well.
        assert lock.acquire(blocking=False)
        try:
            started = time.monotonic()
            assert editor.change_article(seeds[1], title="Quetzalbrume sur le mur") == 302
            assert time.monotonic() - started < 15
            assert health(server.base)["queued"] >= 1
            wait_until(lambda: db.scalar("SELECT count(*) FROM archive_article") >= 5 + ARTICLES, 600, "l'import")
            time.sleep(3)  # the import is at its final write, waiting for the lock
            assert importing.poll() is None
            assert search_api(server.base, "quetzalbrume")["count"] == 0
        finally:
            lock.release()
        assert importing.wait(timeout=600) == 0

        # Nobody saves again: the queued writes go through on their own.
        wait_until(lambda: health(server.base)["queued"] == 0, 120, "la file d'écriture vidée")
        wait_until(lambda: search_api(server.base, "quetzalbrume")["count"] == 1, 30, "l'édition indexée")
        assert search_api(server.base, "zanzibarite")["count"] == 1
        assert search_api(server.base, "dépêche")["count"] == ARTICLES

    # Readers got an answer to every search, throughout.
    assert len(readers.statuses) > 20
    assert set(readers.statuses) == {200}, sorted(set(map(str, readers.statuses)))
    # No edit lost, no article twice, the index equal to the database.
    titles = dict(db.rows("SELECT id, title FROM archive_article WHERE id IN (?, ?)", seeds[0], seeds[1]))
    assert titles == {seeds[0]: "Zanzibarite à la frontière", seeds[1]: "Quetzalbrume sur le mur"}
    assert db.scalar("SELECT count(*) FROM archive_article") == 5 + ARTICLES
    assert "Index conforme" in manage(env, "check_index").stdout


def python(env, code) -> list[str]:
    """Run `code` in the archive's Django shell; the words it printed."""
    setup = f"from archive.models import Article; PASSWORD = {PASSWORD!r}; "
    return manage(env, "shell", "-v0", "-c", setup + code).stdout.split()
