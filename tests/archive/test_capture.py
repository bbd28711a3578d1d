"""Capturing pages by address: import_articles URL against pages a loopback
server serves, and the refusals, one French line each with nothing written."""

import datetime as dt
import socket

import pytest
from django.core.management.base import CommandError

from archive.capture.capturing import capture_url
from archive.capture.fetch import FetchLimits
from archive.capture.store import captures_folder, read_record
from archive.extraction.pipeline import RawArticle, Refusal
from archive.models import Article, DatePrecision
from tests.archive.capture_pages import LOGIN_HTML, MENU_HTML, article_html
from tests.archive.test_importing import refused_lines, run_import, summary

pytestmark = pytest.mark.django_db


def test_an_address_is_captured_with_its_headline_authors_day_and_warc_record(captures, loopback_site):
    url = loopback_site.page("/monde/pentagone.html", article_html())
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    out, err = run_import(url)
    assert summary(out).startswith("1 importé(s)"), err
    article = Article.objects.get()
    assert article.title == "Le Pentagone envoie 5 200 militaires à la frontière"
    assert article.authors == ["Claire Martin"]
    assert (article.published_on, article.date_precision) == (dt.date(2018, 10, 29), DatePrecision.DAY)
    assert article.source.name == "La Gazette du Rio Grande"
    assert article.url == url
    assert "5 200 militaires supplémentaires" in article.body
    # The capture time is the fetch's, kept apart from the publication date.
    assert before <= article.captured_at <= dt.datetime.now(dt.UTC)
    assert article.capture_record_id.startswith("<urn:uuid:")
    page = read_record(captures, article.capture_file, article.capture_offset, 10_000_000)
    assert page.url == url
    assert page.captured_at == article.captured_at
    assert b"5 200 militaires suppl\xc3\xa9mentaires" in page.body
    assert page.content_type.startswith("text/html")


def test_the_site_sees_an_honest_user_agent(captures, loopback_site, settings):
    settings.VIGIE_CAPTURE_USER_AGENT = "Vigie/1.0 (+mailto:veille@example.org)"
    run_import(loopback_site.page("/a.html", article_html()))
    assert loopback_site.requests[0][1]["User-Agent"] == "Vigie/1.0 (+mailto:veille@example.org)"


def test_a_redirect_is_followed_and_the_article_keeps_the_address_it_landed_on(captures, loopback_site):
    final = loopback_site.page("/2018/10/pentagone.html", article_html())
    start = loopback_site.route("/p/123", status=301, headers={"Location": "/2018/10/pentagone.html"})
    run_import(start)
    article = Article.objects.get()
    assert article.url == final
    assert article.ref == start


def test_a_publication_date_after_the_capture_is_not_believed(captures, loopback_site):
    run_import(loopback_site.page("/futur.html", article_html(published="2099-01-01T10:00:00+01:00")))
    article = Article.objects.get()
    assert article.published_on is None or article.published_on <= dt.date.today()


def test_mixed_files_and_addresses_are_imported_in_one_run(captures, loopback_site, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Des soldats de la Garde nationale patrouillent près de Nogales, en Arizona, depuis lundi matin.")
    out, _err = run_import(note, loopback_site.page("/a.html", article_html()))
    assert summary(out).startswith("2 importé(s)")
    assert Article.objects.exclude(capture_file="").count() == 1


REFUSALS = [
    ("/absente.html", {"status": 404}, "page introuvable (HTTP 404)"),
    ("/panne.html", {"status": 500}, "erreur du site (HTTP 500), réessayez plus tard"),
    ("/abonnes.html", {"status": 403}, "accès refusé (HTTP 403)"),
    ("/prive.html", {"status": 401}, "accès refusé (HTTP 401)"),
    (
        "/rapport.pdf",
        {"headers": {"Content-Type": "application/pdf"}, "body": b"%PDF-1.4 " * 100},
        "pas une page HTML (application/pdf)",
    ),
    (
        "/connexion.html",
        {"headers": {"Content-Type": "text/html"}, "body": LOGIN_HTML.encode()},
        "page de connexion ou d'abonnement sans article",
    ),
    (
        "/monde/",
        {"headers": {"Content-Type": "text/html"}, "body": MENU_HTML.encode()},
        "aucun texte d'article trouvé",
    ),
    (
        "/rubrique.html",
        {"headers": {"Content-Type": "text/html"}, "body": article_html(og_type="website").encode()},
        "page de type « website » (og:type)",
    ),
    ("/boucle-a", {"status": 302, "headers": {"Location": "/boucle-b"}}, "boucle de redirections"),
]


@pytest.mark.parametrize(("path", "route", "reason"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_an_address_that_gives_no_article_is_refused_in_one_french_line_with_nothing_written(
    captures, loopback_site, path, route, reason
):
    loopback_site.route("/boucle-b", status=302, headers={"Location": "/boucle-a"})
    url = loopback_site.route(path, **route)
    with pytest.raises(CommandError):
        _out, err = run_import(url)
    result = capture_url(url)
    assert isinstance(result, Refusal)
    assert result.where == url
    assert reason in result.reason
    assert not Article.objects.exists()
    assert not captures.exists() or not any(captures.iterdir())


def test_the_refusal_line_names_the_address(captures, loopback_site, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Des soldats de la Garde nationale patrouillent près de Nogales, en Arizona, depuis lundi matin.")
    url = loopback_site.route("/absente.html", status=404)
    _out, err = run_import(note, url)
    assert refused_lines(err) == [f"REFUSÉ  {url} : page introuvable (HTTP 404)"]


def test_too_many_redirects_are_refused(captures, loopback_site):
    for n in range(8):
        loopback_site.route(f"/r{n}", status=302, headers={"Location": f"/r{n + 1}"})
    result = capture_url(loopback_site.url("/r0"), limits=FetchLimits(max_redirects=3))
    assert result == Refusal(loopback_site.url("/r0"), "trop de redirections (plus de 3)")


def test_a_huge_page_is_refused_whether_or_not_it_announces_its_size(captures, loopback_site):
    big = article_html(extra="<p>" + "remplissage " * 20_000 + "</p>").encode()
    announced = loopback_site.route("/gros.html", headers={"Content-Type": "text/html"}, body=big)
    streamed = loopback_site.route("/flux.html", headers={"Content-Type": "text/html"}, body=big, chunks=20)
    limits = FetchLimits(max_bytes=100_000)
    for url in (announced, streamed):
        result = capture_url(url, limits=limits)
        assert isinstance(result, Refusal)
        assert result.reason.startswith("page trop grosse")


def test_a_site_that_does_not_answer_in_time_is_refused(captures, loopback_site):
    url = loopback_site.page("/lent.html", article_html(), delay=3)
    result = capture_url(url, limits=FetchLimits(timeout=0.5))
    assert result == Refusal(url, "délai dépassé : le site n'a pas répondu à temps")


def test_an_unreachable_host_is_refused(captures):
    with socket.socket() as sock:  # a port just freed: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article.html"
    result = capture_url(url)
    assert result == Refusal(url, f"site injoignable : connexion refusée par 127.0.0.1:{port}")


def test_capture_url_is_the_library_entry_point_for_feeds_and_the_admin(captures, loopback_site):
    result = capture_url(loopback_site.page("/a.html", article_html()))
    assert isinstance(result, RawArticle)
    assert result.capture.url == loopback_site.url("/a.html")
    assert (captures_folder() / result.capture.file).is_file()
    assert result.date == "2018-10-29"
