"""Crawlers' files: import_articles FILE.warc, FILE.warc.gz, FILE.wacz. Each
HTML 200 response holding an article becomes one; other records are refused
with one line each; broken files are refused without stopping the run."""

import pytest

from archive.capture.store import read_record
from archive.models import Article
from tests.archive.capture_pages import MENU_HTML, article_html, utc, write_wacz, write_warc
from tests.archive.test_importing import refused_lines, run_import, summary

pytestmark = pytest.mark.django_db

ARTICLE = "https://gazette.example/2018/10/pentagone.html"
OTHER = "https://gazette.example/2018/11/caravane.html"
OTHER_TEXT = [
    "La caravane de migrants partie du Honduras a atteint Mexico, où des milliers de personnes se reposent "
    "dans un stade avant de reprendre la route vers la frontière des États-Unis.",
    "Les organisations humanitaires mexicaines distribuent de l'eau et des repas, et réclament des bus pour "
    "les familles avec enfants qui marchent depuis plus de trois semaines.",
]


def crawl_records():
    return [
        ("request", ARTICLE),
        (ARTICLE, article_html(), {"date": "2024-03-05T09:15:00Z"}),
        ("https://gazette.example/monde/", MENU_HTML, {}),
        ("https://gazette.example/absente", "<p>introuvable</p>", {"status": "404 Not Found"}),
        ("https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", {"content_type": "image/png"}),
        ("revisit", ARTICLE),
    ]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_each_html_article_of_a_warc_becomes_an_article_and_the_other_records_one_line_each(captures, tmp_path, name):
    warc = tmp_path / name
    ids = write_warc(warc, crawl_records())
    out, err = run_import(warc)
    assert summary(out).startswith("1 importé(s), 0 inchangé(s) (déjà présents), 4 refusé(s)")
    article = Article.objects.get()
    assert article.url == ARTICLE
    assert article.captured_at == utc("2024-03-05T09:15:00Z")
    assert article.capture_record_id == ids[ARTICLE]  # the crawler's own id, for provenance
    assert article.authors == ["Claire Martin"]
    assert str(article.published_on) == "2018-10-29"
    assert article.ref == f"{name} {ARTICLE}"
    assert refused_lines(err) == [
        f"REFUSÉ  {name} https://gazette.example/monde/ : aucun texte d'article trouvé dans la page HTML",
        f"REFUSÉ  {name} https://gazette.example/absente : réponse HTTP 404, pas une page d'article",
        f"REFUSÉ  {name} https://gazette.example/logo.png : pas une page HTML (image/png)",
        f"REFUSÉ  {name} {ARTICLE} : revisite (la page n'a pas changé depuis une capture précédente), pas de contenu",
    ]
    # The record is copied into the data folder: the archived copy outlives the crawl's file.
    warc.unlink()
    page = read_record(captures, article.capture_file, article.capture_offset, 10_000_000)
    assert page.url == ARTICLE and b"5 200 militaires" in page.body


def test_a_warc_dated_before_a_page_s_claimed_date_keeps_no_future_date(captures, tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [(ARTICLE, article_html(published="2024-06-01T10:00:00+02:00"), {"date": "2024-03-05T09:15:00Z"})])
    run_import(warc)
    article = Article.objects.get()
    assert article.published_on is None or str(article.published_on) <= "2024-03-05"


def test_a_wacz_uses_its_pages_list_and_refuses_resources_that_are_not_pages(captures, tmp_path):
    warc = tmp_path / "data.warc.gz"
    embedded = "https://gazette.example/embed/carte.html"
    write_warc(
        warc,
        [
            (ARTICLE, article_html(), {}),
            (OTHER, article_html(title="La caravane atteint Mexico", paragraphs=OTHER_TEXT), {}),
            (embedded, article_html(title="Carte des déploiements"), {}),
        ],
    )
    wacz = tmp_path / "crawl.wacz"
    write_wacz(wacz, {"data.warc.gz": warc.read_bytes()}, pages=[ARTICLE, OTHER])
    out, err = run_import(wacz)
    assert summary(out).startswith("2 importé(s)")
    assert set(Article.objects.values_list("url", flat=True)) == {ARTICLE, OTHER}
    assert refused_lines(err) == [
        f"REFUSÉ  crawl.wacz/archive/data.warc.gz {embedded} : "
        "absente de pages.jsonl : une ressource de page, pas une page du crawl"
    ]


def test_a_wacz_without_pages_list_reads_every_html_response(captures, tmp_path):
    warc = tmp_path / "data.warc"
    write_warc(warc, [(ARTICLE, article_html(), {})])
    wacz = tmp_path / "crawl.wacz"
    write_wacz(wacz, {"data.warc": warc.read_bytes()}, pages=None)
    out, _err = run_import(wacz)
    assert summary(out).startswith("1 importé(s)")


def test_a_wacz_without_warc_is_refused(captures, tmp_path, django_capture_on_commit_callbacks):
    wacz = tmp_path / "vide.wacz"
    write_wacz(wacz, {}, pages=[ARTICLE])
    note = tmp_path / "note.txt"
    note.write_text("Des soldats de la Garde nationale patrouillent près de Nogales, en Arizona, depuis lundi matin.")
    _out, err = run_import(wacz, note)
    assert refused_lines(err) == ["REFUSÉ  vide.wacz : WACZ sans fichier WARC (archive/*.warc.gz attendu)"]


def test_a_file_that_is_not_a_zip_is_refused_as_a_wacz(captures, tmp_path):
    wacz = tmp_path / "faux.wacz"
    wacz.write_bytes(b"pas un zip du tout" * 10)
    note = tmp_path / "note.txt"
    note.write_text("Des soldats de la Garde nationale patrouillent près de Nogales, en Arizona, depuis lundi matin.")
    _out, err = run_import(wacz, note)
    assert refused_lines(err) == ["REFUSÉ  faux.wacz : WACZ illisible : archive zip invalide ou tronquée"]


def test_a_truncated_warc_keeps_the_whole_records_before_the_cut_and_says_where_it_stopped(captures, tmp_path):
    warc = tmp_path / "coupe.warc.gz"
    write_warc(
        warc, [(ARTICLE, article_html(), {}), (OTHER, article_html(title="Caravane", paragraphs=OTHER_TEXT), {})]
    )
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 200])
    out, err = run_import(warc)
    assert summary(out).startswith("1 importé(s)")
    assert Article.objects.get().url == ARTICLE
    [line] = refused_lines(err)
    assert line.startswith("REFUSÉ  coupe.warc.gz")
    assert "tronqué" in line or "malformé" in line


def test_a_file_that_is_not_a_warc_is_refused_as_malformed(captures, tmp_path):
    warc = tmp_path / "faux.warc"
    warc.write_bytes(b"<html>ceci n'est pas un WARC</html>\n" * 20)
    note = tmp_path / "note.txt"
    note.write_text("Des soldats de la Garde nationale patrouillent près de Nogales, en Arizona, depuis lundi matin.")
    _out, err = run_import(warc, note)
    [line] = refused_lines(err)
    assert line.startswith("REFUSÉ  faux.warc : WARC malformé après 0 enregistrement(s)")
