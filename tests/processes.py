"""Real processes for fault tests: an archive folder of its own, management
commands run as subprocesses, articles made from the seed texts, and an admin
session that submits the change form as a browser would.

The database is SQLite in the archive folder, or, when the tests run on
PostgreSQL (make test's second pass sets DATABASE_URL), a database of its own
created on that server and dropped afterwards."""

import http.cookiejar
import json
import os
import random
import re
import secrets
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from tools.bench import stages

SEEDS = stages.ROOT / "fixtures" / "seeds"


def environment(data_dir: Path, database_url: str = "", **extra) -> dict:
    # Unbuffered, so a test reads a command's progress lines as they are written.
    env = stages.environment(data_dir, PYTHONUNBUFFERED="1", **extra)
    env["DATABASE_URL"] = database_url
    return env


@contextmanager
def own_database():
    """The DATABASE_URL of the processes: "" (SQLite in the archive folder), or a
    fresh PostgreSQL database when the tests run on PostgreSQL."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        yield ""
        return
    import psycopg

    name = f"vigie_processes_{secrets.token_hex(6)}"
    maintenance = urlsplit(server)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *args, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=stages.ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if check and done.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} a échoué :\n{done.stdout}\n{done.stderr}")
    return done


def start_manage(env: dict, *args, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=stages.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def write_articles(path: Path, count: int, tag: str = "lot") -> Path:
    """`count` distinct French articles in JSON Lines, sentences of the seed
    articles drawn at random; each names its own word `<tag><n>`."""
    sentences = [
        sentence.strip() + "."
        for seed in sorted(SEEDS.glob("*.txt"))
        for sentence in seed.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if len(sentence.split()) > 6
    ]
    chance = random.Random(count)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            drawn = chance.sample(sentences, 8)
            paragraphs = [f"Dépêche {tag}{n} de notre agence d'essai."] + [
                " ".join(drawn[i : i + 2]) for i in (0, 2, 4, 6)
            ]
            body = "\n\n".join(paragraphs)
            record = {
                "title": f"Dépêche {tag}{n} : " + " ".join(chance.sample(sentences, 1)[0].split()[:8]),
                "date": f"2019-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
                "source": "Agence d'essai",
                "text": body,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


class Database:
    """The processes' database, read from the test as another client would."""

    def __init__(self, data_dir: Path, database_url: str):
        self.data_dir, self.url = data_dir, database_url

    @property
    def is_sqlite(self) -> bool:
        return not self.url

    def rows(self, sql: str, *params) -> list[tuple]:
        if self.is_sqlite:
            connection = sqlite3.connect(f"file:{self.data_dir / 'vigie.sqlite3'}?mode=ro", uri=True, timeout=30)
            try:
                return connection.execute(sql, params).fetchall()
            finally:
                connection.close()
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            return connection.execute(sql.replace("?", "%s"), params).fetchall()

    def scalar(self, sql: str, *params):
        return self.rows(sql, *params)[0][0]


class _Form(HTMLParser):
    """The fields a browser would submit from the page's form `form_id`."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag in ("input", "select", "textarea"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields.append((self._textarea, ""))

    def handle_data(self, data):
        if self._textarea and self.fields and self.fields[-1][0] == self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class AdminSession:
    """An editor in the admin over HTTP: logs in, then changes articles."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self._get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self._post(
            "/admin/login/?next=/admin/",
            [("csrfmiddlewaretoken", token), ("username", username), ("password", password), ("next", "/admin/")],
        )
        assert status == 302, "connexion à l'admin refusée"

    def change_article(self, pk: int, **changes) -> int:
        """Submit the article's change form with `changes`; the response status."""
        path = f"/admin/archive/article/{pk}/change/"
        form = _Form("article_form")
        form.feed(self._get(path))
        fields = [(name, str(changes[name]) if name in changes else value) for name, value in form.fields]
        status, _ = self._post(path, fields)
        return status

    def _get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def _post(self, path: str, fields) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": self.base + path},
        )
        opener = urllib.request.build_opener(
            _NoRedirect, *(h for h in self.opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
        )
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
