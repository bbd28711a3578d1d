"""Test setup: a temporary Whoosh index for the session, pointed at before
haystack opens it, and small builders for articles."""

import importlib
import os
from pathlib import Path

import hypothesis
import pytest
from django.apps import apps as registry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from haystack import connections

from archive.extraction.pipeline import RawArticle
from archive.importing import import_article
from archive.models import Article
from search.engine import connection
from search.upkeep import indexing
from tests.loopback import LoopbackSite
from tests.seed_snapshots import SeedSnapshots

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"

# Hypothesis draws new examples on each run and remembers failures in
# .hypothesis/. CI (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same ones
# every time, so a red CI is the change's doing, not the draw's; a developer's
# runs keep exploring.
hypothesis.settings.register_profile("ci", derandomize=True, database=None)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
# Fixtures through which a test reaches the database (pytest-django's `db` and
# `transactional_db` both rest on `django_db_setup`).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}


def pytest_addoption(parser):
    parser.addoption(
        "--db-only",
        action="store_true",
        help="run only the tests that touch the database (make test's second pass, on PostgreSQL)",
    )
    parser.addoption(
        "--import-seeds-each-time",
        action="store_true",
        help="run the real import of the seeds in every test that asks for them, instead of restoring "
        "the first import's rows and index (tests/seed_snapshots.py)",
    )


def pytest_collection_modifyitems(config, items):
    # `make check` leaves out -m browser: a test that drives Chromium is one,
    # whether or not its module says so.
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
    if not config.getoption("--db-only"):
        return
    kept, dropped = [], []
    for item in items:
        touches_db = item.get_closest_marker("django_db") or item.get_closest_marker("processes")
        touches_db = touches_db or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        (kept if touches_db else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def _temporary_index(tmp_path_factory):
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(tmp_path_factory.mktemp("whoosh_index"))
    connections.reload("default")


@pytest.fixture(scope="session", autouse=True)
def _no_extraction_worker_processes():
    # Admin re-extractions are queued; tests run the queue themselves.
    settings.VIGIE_START_EXTRACTION_WORKER = False


@pytest.fixture(scope="session", autouse=True)
def _static_files_without_collectstatic():
    # Production serves hashed names from a manifest that `collectstatic` writes;
    # tests serve the files where they are, so they never depend on a stale build.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_throttling():
    # Every test client comes from 127.0.0.1: no rate or login limit unless a
    # test sets one (tests/web/test_throttle.py), counters in this process only.
    off = {"VIGIE_SEARCH_RATE": (0, 0), "VIGIE_EXPORT_RATE": (0, 0), "VIGIE_LOGIN_RATE": (0, 0)}
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}, **off):
        yield


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    # PBKDF2 at Django's production cost takes a fifth of a second per password
    # set or checked, and the suite creates and logs in users some hundred times.
    # The login, throttle and restore code paths are the same whichever hasher
    # runs (Django's own advice for test settings); the real processes in
    # tests/archive/test_faults.py keep the production hashers.
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def editor_client(client, db):
    """A client logged in to the admin."""
    user = get_user_model().objects.create_superuser("editrice", "", "motdepasse-solide-42")
    client.force_login(user)
    return client


@pytest.fixture
def empty_index(db):
    connection.backend().clear()
    yield


def restore_migration_data():
    """The rows the data migrations write, when a flush took them away."""
    for module, function in (("0003_seed_themes", "seed_themes"), ("0008_seed_organisation_patterns", "seed")):
        getattr(importlib.import_module(f"archive.migrations.{module}"), function)(registry, None)


@pytest.fixture(scope="session")
def seed_snapshots(request, tmp_path_factory):
    reuse = not request.config.getoption("--import-seeds-each-time")
    return SeedSnapshots(SEEDS, tmp_path_factory.mktemp("seed_snapshots"), reuse=reuse)


@pytest.fixture
def seeds(empty_index, seed_snapshots):
    """The five seed articles, imported and indexed, by seed number (0–4): the
    first test imports them, the next ones get that import's rows and index
    back (tests/seed_snapshots.py). The themes and known organisations the
    migrations seed are put back first: a transactional test (the browser's
    live server) empties every table, and the seeds imported without them are
    another archive (« ministère américain de la Défense » is not the Pentagon)."""
    restore_migration_data()
    seed_snapshots.load()

    return {int(article.ref.split("/")[-1][:3]): article for article in Article.objects.all()}


@pytest.fixture
def make_article(empty_index):
    """Import one article from text (and optional metadata), indexed at once."""

    def make(text, **metadata):
        _, article, _ = import_article(RawArticle(text=text, ref=metadata.pop("ref", "test.txt"), **metadata))
        indexing.update_articles([article.pk])
        return article

    return make


@pytest.fixture
def unreadable_index(tmp_path):
    """A file where the index folder should be: every read of the search index
    fails, as it would on a lost or corrupted disk."""
    connection = settings.HAYSTACK_CONNECTIONS["default"]
    kept = connection["PATH"]
    blocker = tmp_path / "whoosh_index"
    blocker.write_text("pas un index")
    connection["PATH"] = str(blocker)
    connections.reload("default")
    yield
    connection["PATH"] = kept
    connections.reload("default")


@pytest.fixture
def captures(tmp_path):
    """The data folder pointed at a temporary one: the captures' WARC files it
    gets (archive/capture/) are in the captures/ folder returned."""
    with override_settings(DATA_DIR=tmp_path / "data"):
        yield tmp_path / "data" / "captures"


@pytest.fixture
def loopback_site():
    with LoopbackSite() as site:
        yield site
