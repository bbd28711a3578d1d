"""Production settings: `check --deploy` clean, security headers on every page,
and templates with no inline script the Content-Security-Policy would block."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from config.security import PAGE_POLICY

BASE_DIR = Path(settings.BASE_DIR)


def deploy_check(tmp_path, **env):
    """`manage.py check --deploy --fail-level WARNING` in a fresh process with production settings."""
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process (Playwright
    # beside the live server); a deployment never does, and the check says so.
    unset = {"DEBUG", "VIGIE_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    production = {key: value for key, value in os.environ.items() if key not in unset}
    production.update(
        VIGIE_DATA_DIR=str(tmp_path),
        DATABASE_URL="",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="vigie.example.org",
        **env,
    )
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, cwd=BASE_DIR, env=production, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings_over_https(tmp_path):
    result = deploy_check(tmp_path, VIGIE_HTTPS="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_the_https_switch_cookies_stay_usable_over_plain_http(tmp_path):
    # `make run` serves http://127.0.0.1 with DEBUG off: no secure-only cookies, no redirect.
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in result.stderr
    assert "security.W018" not in result.stderr  # DEBUG is off all the same


def test_over_https_plain_http_is_redirected_except_the_health_check(client, seeds):
    with override_settings(SECURE_SSL_REDIRECT=True):
        page = client.get("/recherche/")
        health = client.get("/sante/")
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/recherche/"
    assert health.status_code == 200


def assert_security_headers(response):
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PAGE_POLICY
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/recherche/?q=Trump", "/aide/", "/entites/", "/chiffres/"])
def test_pages_carry_the_security_headers(client, seeds, path):
    assert_security_headers(client.get(path))


def test_an_article_page_carries_the_security_headers(client, seeds):
    assert_security_headers(client.get(f"/articles/{seeds[0].slug}/"))


def test_the_raw_original_keeps_its_own_sandbox_policy(client, seeds):
    response = client.get(f"/articles/{seeds[0].slug}/original.txt")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_admin_may_inline_styles_but_not_scripts(editor_client):
    policy = editor_client.get("/admin/archive/article/")["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self' 'unsafe-inline'" in policy


def test_json_answers_get_no_page_policy(client, seeds):
    response = client.get("/api/search/?q=Trump")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


# Templates -------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)
INLINE_STYLE = re.compile(r"<style\b|<[^>]*\sstyle\s*=", re.I)


def repository_templates():
    folders = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*") if path.suffix in {".html", ".xml", ".txt"})


def test_templates_are_found():
    names = {path.relative_to(BASE_DIR).as_posix() for path in repository_templates()}
    assert {"templates/base.html", "templates/web/article_detail.html", "templates/web/search.html"} <= names


@pytest.mark.parametrize(
    "pattern",
    [INLINE_SCRIPT, EVENT_ATTRIBUTE, JAVASCRIPT_URL, INLINE_STYLE],
    ids=["inline script", "event attribute", "javascript: URL", "inline style"],
)
def test_no_template_carries_what_the_policy_blocks(pattern):
    offenders = []
    for path in repository_templates():
        if pattern is INLINE_STYLE and "admin" in path.parts:
            continue  # the admin's policy allows inline styles
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):  # on the whole text: a tag may span lines
            number = text.count("\n", 0, match.start()) + 1
            offenders.append(f"{path.relative_to(BASE_DIR)}:{number}: {match.group(0)[:80]}")
    assert not offenders, "\n".join(offenders)


def test_the_template_audit_catches_an_inline_script():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert INLINE_SCRIPT.search('<script type="module">')
    assert not INLINE_SCRIPT.search('<script src="/static/js/copy.js" defer></script>')
    assert EVENT_ATTRIBUTE.search('<a href="#" onclick="x()">')
    assert INLINE_STYLE.search('<rect style="fill:red">')
