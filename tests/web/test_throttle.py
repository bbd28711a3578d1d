"""Rate limits on search and exports, and login throttling: a client past its
limit gets a 429 (or a refused login, even with the right password), others go
on, and the next window lets it back in. Time is moved, not waited for."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings

from config.cache_url import cache_setting
from web import throttle

PASSWORD = "motdepasse-solide-42"
START = 6_000_315.0  # 15 s into a one-minute window and into a quarter of an hour


@pytest.fixture
def clock(monkeypatch):
    now = [START]
    monkeypatch.setattr(throttle, "clock", lambda: now[0])
    return now


@pytest.fixture
def limits(settings, clock, empty_index):
    settings.VIGIE_SEARCH_RATE = (3, 60)
    settings.VIGIE_EXPORT_RATE = (2, 60)
    return settings


def get(client, url, address="127.0.0.1", **headers):
    return client.get(url, REMOTE_ADDR=address, **headers)


# Search and exports


def test_the_search_page_answers_429_past_the_limit_with_a_page_that_says_when(client, limits):
    for _ in range(3):
        assert get(client, "/recherche/?q=mur").status_code == 200
    response = get(client, "/recherche/?q=mur")
    assert response.status_code == 429
    assert response["Retry-After"] == "45"
    page = response.content.decode()
    assert "<h1>Trop de requêtes</h1>" in page
    assert "au plus 3 en 1 minute. Réessayez dans 45 secondes." in page
    assert 'class="site-header"' in page  # the site's own page, not a bare error
    assert "Content-Security-Policy" in response


def test_the_search_api_shares_the_search_limit_and_answers_json(client, limits):
    for _ in range(3):
        assert get(client, "/recherche/").status_code == 200
    response = get(client, "/api/search/?q=mur")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == "45"
    assert json.loads(response.content)["error"].startswith("Trop de requêtes depuis votre adresse")


def test_another_client_is_not_limited_and_the_next_window_lets_the_first_back(client, limits, clock):
    for _ in range(4):
        get(client, "/api/search/")
    assert get(client, "/api/search/").status_code == 429
    assert get(client, "/api/search/", address="10.0.0.2").status_code == 200
    assert get(client, "/api/search/", address="2001:db8::1").status_code == 200

    clock[0] += 44
    assert get(client, "/api/search/").status_code == 429
    clock[0] += 1  # the window is over
    assert get(client, "/api/search/").status_code == 200


def test_exports_and_the_feed_share_a_stricter_limit_of_their_own(client, limits):
    assert get(client, "/recherche/export.csv?q=mur").status_code == 200
    assert get(client, "/recherche/export.json?q=mur").status_code == 200
    for url in ("/recherche/atom/?q=mur", "/recherche/export.csv", "/recherche/export.json"):
        response = get(client, url)
        assert response.status_code == 429, url
        assert response["Retry-After"] == "45"
        assert "au plus 2 en 1 minute" in json.loads(response.content)["error"]
    assert get(client, "/recherche/?q=mur").status_code == 200  # searching is counted apart


def test_pages_outside_search_and_exports_are_not_limited(client, limits):
    for _ in range(4):
        assert get(client, "/aide/").status_code == 200


def test_a_limit_of_zero_is_no_limit(client, limits):
    limits.VIGIE_SEARCH_RATE = (0, 0)
    for _ in range(6):
        assert get(client, "/api/search/").status_code == 200


def test_behind_a_proxy_the_client_is_the_last_forwarded_hop(client, limits):
    limits.VIGIE_BEHIND_PROXY = True
    # The first hops are whatever the client sent; the proxy appends the address it saw.
    for made_up in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        assert get(client, "/api/search/", HTTP_X_FORWARDED_FOR=f"{made_up}, 203.0.113.7").status_code == 200
    assert get(client, "/api/search/", HTTP_X_FORWARDED_FOR="4.4.4.4, 203.0.113.7").status_code == 429
    assert get(client, "/api/search/", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 200


def test_without_a_proxy_the_forwarded_header_is_ignored(client, limits):
    for made_up in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        get(client, "/api/search/", HTTP_X_FORWARDED_FOR=made_up)
    assert get(client, "/api/search/", HTTP_X_FORWARDED_FOR="4.4.4.4").status_code == 429


# Counters shared by processes


def test_the_default_cache_is_files_in_the_data_folder_shared_by_processes(tmp_path, clock):
    """Another process (as another gunicorn worker) counts into the same window."""
    with override_settings(CACHES={"default": cache_setting("", tmp_path / "cache")}):
        window = throttle.Window("search", (100, 60))
        assert window.hit("198.51.100.1") == 1
        script = (
            "import django; django.setup()\n"
            "from web import throttle\n"
            f"throttle.clock = lambda: {START}\n"
            "window = throttle.Window('search', (100, 60))\n"
            "window.hit('198.51.100.1'); print(window.hit('198.51.100.1'))\n"
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "VIGIE_DATA_DIR": str(tmp_path)}
        env.update(DATABASE_URL="", CACHE_URL="")
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "3"
        assert window.hit("198.51.100.1") == 4


@pytest.mark.parametrize(
    "url, backend, location",
    [
        ("", "filebased.FileBasedCache", "/data/cache"),
        ("file:///srv/vigie-cache", "filebased.FileBasedCache", "/srv/vigie-cache"),
        ("db://vigie_cache", "db.DatabaseCache", "vigie_cache"),
        ("redis://cache:6379/0", "redis.RedisCache", "redis://cache:6379/0"),
        ("memcached://cache:11211", "memcached.PyMemcacheCache", "cache:11211"),
        ("locmem://", "locmem.LocMemCache", None),
    ],
)
def test_cache_url_names_the_backend(url, backend, location):
    entry = cache_setting(url, "/data/cache")
    assert entry["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert entry.get("LOCATION") == location


@pytest.mark.parametrize("url", ["file://relative", "nimbus://x", "redis://:s3cret@"])
def test_a_wrong_cache_url_is_refused_without_showing_a_password(url):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured) as refused:
        cache_setting(url, "/data/cache")
    assert "s3cret" not in str(refused.value)


def test_production_settings_limit_by_default(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("VIGIE_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", VIGIE_DATA_DIR=str(tmp_path), DATABASE_URL="", CACHE_URL="")
    script = (
        "import django; django.setup(); from django.conf import settings as s\n"
        "print(s.VIGIE_SEARCH_RATE, s.VIGIE_EXPORT_RATE, s.VIGIE_LOGIN_RATE)\n"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.AUTHENTICATION_BACKENDS[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    rates, cache = result.stdout.splitlines()
    assert rates == "(120, 60) (20, 60) (5, 900)"
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    assert cache == f"{backend} {tmp_path / 'cache'} config.login_throttle.LoginThrottleBackend"


def test_a_wrong_rate_stops_the_start(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "VIGIE_DATA_DIR": str(tmp_path)}
    env.update(DATABASE_URL="", VIGIE_SEARCH_RATE="beaucoup")
    script = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "VIGIE_SEARCH_RATE : « beaucoup » ; attendu « requêtes/secondes »" in result.stderr


# Login


@pytest.fixture
def login_limit(settings, clock, db):
    settings.VIGIE_LOGIN_RATE = (5, 900)
    User.objects.create_user("redactrice", password=PASSWORD, is_staff=True)
    User.objects.create_user("correcteur", password=PASSWORD, is_staff=True)


def log_in(client, username, password, address="127.0.0.1"):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_after_five_failures_even_the_right_password_is_refused(client, login_limit):
    for attempt in range(5):
        assert log_in(client, "redactrice", f"essai-{attempt}").status_code == 200
    response = log_in(client, "redactrice", PASSWORD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trop de tentatives de connexion échouées" in page
    assert "Réessayez dans 15 minutes." in page
    assert "_auth_user_id" not in client.session
    assert User.objects.get(username="redactrice").last_login is None


def test_a_blocked_username_stays_blocked_from_another_address(client, login_limit):
    for attempt in range(5):
        log_in(client, "Redactrice ", f"essai-{attempt}", address=f"10.0.0.{attempt}")  # spread, other spelling
    assert not logged_in(log_in(client, "redactrice", PASSWORD, address="10.0.9.9"))
    assert logged_in(log_in(Client(), "correcteur", PASSWORD, address="10.0.9.9"))


def test_a_blocked_address_may_not_try_other_usernames_while_others_log_in(client, login_limit):
    for attempt in range(5):
        log_in(client, f"inconnu-{attempt}", "motdepasse")
    assert not logged_in(log_in(client, "correcteur", PASSWORD))
    assert logged_in(log_in(Client(), "correcteur", PASSWORD, address="10.0.0.2"))


def test_the_block_ends_with_its_window(client, login_limit, clock):
    for attempt in range(5):
        log_in(client, "redactrice", f"essai-{attempt}")
    clock[0] += 14 * 60
    assert not logged_in(log_in(client, "redactrice", PASSWORD))
    clock[0] += 60
    assert logged_in(log_in(client, "redactrice", PASSWORD))


def test_a_successful_login_clears_the_usernames_failures(client, login_limit):
    for attempt in range(4):
        log_in(client, "redactrice", f"essai-{attempt}", address="10.0.0.1")
    assert logged_in(log_in(Client(), "redactrice", PASSWORD, address="10.0.0.1"))
    for attempt in range(4):
        log_in(client, "redactrice", f"essai-{attempt}", address="10.0.0.2")
    assert logged_in(log_in(Client(), "redactrice", PASSWORD, address="10.0.0.2"))


def test_the_login_form_still_requires_its_csrf_token(login_limit):
    response = log_in(Client(enforce_csrf_checks=True), "redactrice", PASSWORD)
    assert response.status_code == 403


def test_an_unusable_cache_lets_searches_and_logins_through_instead_of_failing(client, limits, login_limit, tmp_path):
    # A file where the cache folder should be: every read and write of a counter fails.
    blocker = tmp_path / "cache"
    blocker.write_text("pas un dossier")
    broken = {"default": cache_setting(f"file://{blocker}", tmp_path)}
    with override_settings(CACHES=broken):  # Django opens the caches again
        for _ in range(5):
            assert get(client, "/recherche/?q=mur").status_code == 200
        assert get(client, "/api/search/?q=mur").status_code == 200
        for _ in range(6):
            assert log_in(client, "redactrice", "mauvais").status_code == 200
        assert logged_in(log_in(client, "redactrice", PASSWORD))
