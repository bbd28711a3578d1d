"""Watched feeds against feeds and pages a loopback server serves: new items
captured and imported, on-topic ones published and off-topic ones held, the
items seen skipped, conditional requests, back-off, and the refusals."""

import datetime as dt
import io
import os
import re
import signal
import socket
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from archive.capture.capturing import capture_url
from archive.feeds.health import feed_problem
from archive.feeds.polling import backoff, due_feeds, poll_feed
from archive.models import Article, Feed, FeedItem
from search.query.run import run_search
from search.query.state import SearchState
from tests.archive.capture_pages import article_html
from tests.archive.feed_pages import OFF_TOPIC, atom, rss, serve_rss

pytestmark = pytest.mark.django_db


def watch(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("watch_feeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def searched(words):
    return {hit.slug for hit in run_search(SearchState.from_query({"q": words})).hits}


@pytest.fixture
def site(loopback_site, captures, empty_index):
    loopback_site.page("/frontiere.html", article_html())
    loopback_site.page("/jazz.html", article_html(title="Marciac fête le jazz", paragraphs=OFF_TOPIC))
    return loopback_site


def two_items(site):
    return serve_rss(
        site,
        "/rss.xml",
        rss(
            [
                ("Le Pentagone envoie 5 200 hommes", site.url("/frontiere.html"), "Mon, 29 Oct 2018 18:30:00 +0100"),
                ("Marciac fête le jazz", site.url("/jazz.html"), "Mon, 29 Oct 2018 19:00:00 +0100"),
            ]
        ),
    )


def test_add_reads_the_feed_once_and_takes_its_title_as_name(site):
    url = two_items(site)
    out, _ = watch("--add", url)
    feed = Feed.objects.get()
    assert (feed.url, feed.name, feed.active) == (url, "La Gazette du Rio Grande — Monde", True)
    assert "Flux ajouté" in out
    watch("--add", serve_rss(site, "/autre.xml", rss([])), "--name", "Autre")
    assert Feed.objects.get(url=site.url("/autre.xml")).name == "Autre"


def test_on_topic_items_are_published_and_off_topic_ones_held(site):
    watch("--add", two_items(site))
    out, err = watch("--once")
    assert "1 publié(s), 1 à examiner, 0 déjà vu(s), 0 refusé(s)" in out, err
    published = Article.objects.get(url=site.url("/frontiere.html"))
    held = Article.objects.get(url=site.url("/jazz.html"))
    assert (published.held, held.held) == (False, True)
    assert published.captured_at and held.captured_at  # captured as import_articles captures
    # The held article is in no public list, the published one is searchable.
    assert list(Article.objects.public()) == [published]
    assert published.slug in searched("Pentagone")
    assert held.slug not in searched("Marciac jazz")
    feed = Feed.objects.get()
    assert feed.last_ok and feed.last_new_item_at and feed.last_polled_at
    assert {item.outcome for item in FeedItem.objects.all()} == {"publié", "à examiner (hors sujet)"}


def test_items_seen_or_already_archived_are_skipped_without_fetching_them(site):
    watch("--add", two_items(site))
    watch("--once")
    fetched = [path for path, _ in site.requests if path.endswith(".html")]
    out, _ = watch("--once")
    assert "0 publié(s), 0 à examiner, 2 déjà vu(s)" in out
    assert [path for path, _ in site.requests if path.endswith(".html")] == fetched
    # Another feed listing an address the archive holds: not captured again.
    other = serve_rss(site, "/autre.xml", rss([("Repris", site.url("/frontiere.html"), None)]))
    watch("--add", other)
    out, _ = watch("--once")
    assert "0 publié(s), 0 à examiner, 1 déjà vu(s)" in out
    assert FeedItem.objects.get(feed__url=other).outcome == "déjà dans l'archive"
    assert Article.objects.count() == 2


def test_atom_feeds_are_read_too(site):
    url = site.page(
        "/atom.xml",
        atom([("Le Pentagone envoie 5 200 militaires", site.url("/frontiere.html"), "2018-10-29T17:30:00Z")]),
        content_type="application/atom+xml",
    )
    watch("--add", url)
    out, _ = watch("--once")
    assert "1 publié(s)" in out
    assert FeedItem.objects.get().published_at == dt.datetime(2018, 10, 29, 17, 30, tzinfo=dt.UTC)


def test_the_etag_and_last_modified_are_sent_back_and_a_304_reads_nothing(site):
    xml = rss([("Le Pentagone", site.url("/frontiere.html"), None)])
    url = site.route(
        "/rss.xml",
        headers={
            "Content-Type": "application/rss+xml",
            "ETag": '"v1"',
            "Last-Modified": "Mon, 29 Oct 2018 18:00:00 GMT",
        },
        body=xml.encode(),
    )
    watch("--add", url)
    watch("--once")
    site.route("/rss.xml", status=304, headers={"ETag": '"v1"'})
    out, _ = watch("--once")
    assert "inchangé depuis la dernière lecture (HTTP 304)" in out
    sent = [headers for path, headers in site.requests if path == "/rss.xml"][-1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 29 Oct 2018 18:00:00 GMT"
    assert Feed.objects.get().last_ok


def test_an_item_without_a_link_is_refused_in_one_line_and_the_others_imported(site):
    items = [("Brève sans lien", None, None), ("Le Pentagone", site.url("/frontiere.html"), None)]
    url = serve_rss(site, "/rss.xml", rss(items))
    watch("--add", url)
    out, err = watch("--once")
    assert "REFUSÉ  Brève sans lien : article du flux sans lien : rien à capturer" in err
    assert "1 publié(s), 0 à examiner, 0 déjà vu(s), 1 refusé(s)" in out
    # Reported once: the second poll knows it.
    out, err = watch("--once")
    assert "REFUSÉ" not in err


def test_an_item_whose_page_is_refused_leaves_nothing_but_its_reason(site):
    site.route("/disparu.html", status=404, headers={"Content-Type": "text/html"}, body=b"<p>non</p>")
    watch("--add", serve_rss(site, "/rss.xml", rss([("Disparu", site.url("/disparu.html"), None)])))
    _, err = watch("--once")
    assert f"REFUSÉ  {site.url('/disparu.html')} : page introuvable (HTTP 404)" in err
    assert not Article.objects.exists()
    assert FeedItem.objects.get().outcome == "refusé : page introuvable (HTTP 404)"


@pytest.mark.parametrize(
    "route, message",
    [
        ({"status": 200, "headers": {"Content-Type": "text/html"}, "body": b"<html><p>Bonjour</p></html>"},
         "pas un flux RSS ou Atom"),
        ({"status": 200, "headers": {"Content-Type": "application/rss+xml"}, "body": b""}, "pas un flux RSS ou Atom"),
        ({"status": 404, "headers": {"Content-Type": "text/html"}, "body": b"non"}, "flux introuvable (HTTP 404)"),
    ],
)  # fmt: skip
def test_a_feed_that_cannot_be_read_is_not_added(site, route, message):
    url = site.route("/flux", **route)
    with pytest.raises(CommandError, match=re.escape(message)):
        watch("--add", url)
    assert not Feed.objects.exists()


def test_an_unreachable_feed_or_a_duplicate_is_not_added(site):
    with socket.socket() as sock:  # a port just freed: nothing listens there
        sock.bind(("127.0.0.1", 0))
        unused_port = sock.getsockname()[1]
    with pytest.raises(CommandError, match="site injoignable"):
        watch("--add", f"http://127.0.0.1:{unused_port}/rss.xml")
    url = two_items(site)
    watch("--add", url)
    with pytest.raises(CommandError, match="flux déjà suivi"):
        watch("--add", url)
    with pytest.raises(CommandError, match="http:// ou https:// attendu"):
        watch("--add", "ftp://example.org/rss")
    assert Feed.objects.count() == 1


def test_a_failing_feed_backs_off_exponentially_up_to_a_cap(site, settings):
    settings.VIGIE_FEED_INTERVAL, settings.VIGIE_FEED_MAX_BACKOFF = 600, 3600
    watch("--add", two_items(site))
    site.route("/rss.xml", status=500, headers={"Content-Type": "text/html"}, body=b"panne")
    _, err = watch("--once")
    assert "échec : erreur du site (HTTP 500)" in err
    feed = Feed.objects.get()
    assert (feed.last_ok, feed.failures) == (False, 1)
    assert feed.next_poll_after - feed.last_polled_at == dt.timedelta(seconds=600)
    # Not due until then: the next run leaves the site alone.
    asked = len(site.requests)
    out, _ = watch("--once")
    assert "Aucun flux à lire" in out and len(site.requests) == asked
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 9)] == [600, 1200, 2400, 3600, 3600]
    assert feed_problem(feed).startswith("en échec (1 fois de suite) : échec : erreur du site (HTTP 500)")
    # Back, it is read again and its failures forgotten.
    two_items(site)
    poll_feed(feed, now=feed.next_poll_after)
    feed.refresh_from_db()
    assert (feed.last_ok, feed.failures, feed.next_poll_after) == (True, 0, None)
    assert list(due_feeds()) == [feed]


def test_a_feed_quiet_for_longer_than_usual_is_reported(site):
    watch("--add", two_items(site))
    feed = Feed.objects.get()
    now = timezone.now()
    assert feed_problem(feed, now) == ""
    # A feed that publishes every few hours, silent for three days.
    for hours in range(0, 30, 6):
        FeedItem.objects.create(feed=feed, key=f"k{hours}", published_at=now - dt.timedelta(days=3, hours=hours))
    Feed.objects.filter(pk=feed.pk).update(last_new_item_at=now - dt.timedelta(days=3))
    feed.refresh_from_db()
    assert feed_problem(feed, now).startswith("silencieux : aucun nouvel article depuis 3 jour(s)")
    assert feed_problem(feed, now - dt.timedelta(days=2)) == ""


def test_the_loop_polls_then_stops_cleanly_on_sigterm(site):
    watch("--add", two_items(site))
    # SIGTERM (systemd, docker stop) once the first round is done: the loop ends, no traceback.
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        out, _ = watch("--interval", "3600")
    finally:
        timer.cancel()
    assert "1 publié(s), 1 à examiner" in out
    assert out.strip().endswith("Arrêt demandé : fin de la lecture des flux.")
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # handlers given back


def test_a_surprise_in_one_feed_is_reported_and_the_next_feed_still_read(site, monkeypatch):
    watch("--add", two_items(site))
    other = serve_rss(site, "/autre.xml", rss([("Le Pentagone", site.url("/frontiere.html"), None)]))
    watch("--add", other)
    calls = []

    def capture_or_break(url, store=None):
        calls.append(url)
        if len(calls) == 1:
            raise RuntimeError("imprévu")
        return capture_url(url, store)

    monkeypatch.setattr("archive.feeds.polling.capture_url", capture_or_break)
    out, err = watch("--once")
    assert "échec : erreur inattendue (RuntimeError), voir le journal" in err
    assert "1 publié(s)" in out
    assert Feed.objects.filter(last_ok=False).count() == 1
