"""archive/readers.py: files in, RawArticle records or Refusals out. No database."""

import gzip
import json
import os
import tracemalloc
from pathlib import Path

from archive.extraction.pipeline import RawArticle
from archive.readers import Limits, Refusal, decode, looks_binary, markdown_to_text, one_line, read_file, read_paths

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
FRENCH = (
    "Le Pentagone a annoncé lundi le déploiement de 5.200 soldats à la frontière mexicaine.\n\n"
    "« Nous ne permettrons pas à un large groupe d'entrer », a déclaré le général.\n"
)


def read_all(*paths):
    return list(read_paths(paths))


def write_jsonl(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# decode ----------------------------------------------------------------------


def test_decode_reads_utf8():
    assert decode("L'armée a déployé 5.000 soldats à la frontière.".encode()) == (
        "L'armée a déployé 5.000 soldats à la frontière."
    )


def test_decode_drops_the_utf8_byte_order_mark():
    assert decode(b"\xef\xbb\xbf" + "Été à Tijuana".encode()) == "Été à Tijuana"


def test_decode_reads_windows_1252_quotes_and_accents():
    assert decode(b"d\x92\xe9t\xe9") == "d’été"
    assert decode(b"l\x92arm\xe9e") == "l’armée"
    assert decode(b"\x93Nous ne permettrons pas\x94 \x96 \x80 5.000") == "“Nous ne permettrons pas” – € 5.000"


def test_decode_falls_back_to_latin1_when_the_bytes_are_not_windows_1252():
    # 0x81 has no character in Windows-1252: only Latin-1 reads these bytes.
    assert decode(b"caf\xe9 \x81 \xe0 Tijuana") == "café \x81 à Tijuana"


# looks_binary ------------------------------------------------------------------


def test_looks_binary_recognises_a_png_header():
    assert looks_binary(PNG_HEADER) is True


def test_looks_binary_accepts_french_text_in_utf8_and_windows_1252():
    assert looks_binary(FRENCH.encode()) is False
    assert looks_binary(FRENCH.encode("cp1252")) is False
    assert looks_binary(b"Colonne\tcolonne\r\nligne\x0csaut de page") is False


# markdown_to_text --------------------------------------------------------------


def test_markdown_to_text_strips_markup_and_returns_the_heading():
    heading, text = markdown_to_text(
        "# Des soldats à la frontière\n\n"
        "Le **Pentagone** a *confirmé* le [déploiement](http://x) de `5.200` soldats.\n\n"
        "![Une patrouille](http://x/patrouille.jpg)\n\n"
        '<div class="pub">Publicité</div>\n\n'
        "Selon <b>NBC News</b>, la mission durera.\n"
    )
    assert heading == "Des soldats à la frontière"
    assert text == ("Le Pentagone a confirmé le déploiement de 5.200 soldats.\n\nSelon NBC News, la mission durera.")
    for markup in ("**", "[", "](", "http://x", "patrouille.jpg", "Une patrouille", "<", "Publicité"):
        assert markup not in text


def test_markdown_to_text_keeps_a_late_heading_as_a_paragraph():
    heading, text = markdown_to_text("Premier paragraphe.\n\n# Intertitre\n\nSuite.")
    assert heading == ""
    assert text == "Premier paragraphe.\n\nIntertitre\n\nSuite."


# read_paths: each format ---------------------------------------------------------


def test_a_text_file_is_read_whole_with_its_header_line(tmp_path):
    text = " date 2018-10 (Belga) Plus de 5.000 militaires américains vont être déployés.\n\nSuite.\n"
    (tmp_path / "belga.txt").write_text(text, encoding="utf-8")
    assert read_all(tmp_path / "belga.txt") == [RawArticle(text=text, ref="belga.txt")]


def test_a_text_file_in_windows_1252_is_decoded(tmp_path):
    (tmp_path / "ancien.text").write_bytes("L’armée a déployé des soldats à la frontière.".encode("cp1252"))
    [raw] = read_all(tmp_path / "ancien.text")
    assert raw.text == "L’armée a déployé des soldats à la frontière."
    assert raw.ref == "ancien.text"


def test_markdown_front_matter_gives_title_date_source_url_and_language(tmp_path):
    (tmp_path / "monde.md").write_text(
        "---\n"
        "title: Des soldats à la frontière\n"
        "date: 2018-11-05\n"
        "source: Le Monde\n"
        "url: https://www.lemonde.fr/article\n"
        "lang: fr\n"
        "---\n"
        "Le **Pentagone** a confirmé le [déploiement](https://x.fr).\n",
        encoding="utf-8",
    )
    assert read_all(tmp_path / "monde.md") == [
        RawArticle(
            text="Le Pentagone a confirmé le déploiement.",
            ref="monde.md",
            title="Des soldats à la frontière",
            date="2018-11-05",
            source="Le Monde",
            url="https://www.lemonde.fr/article",
            language="fr",
        )
    ]


def test_markdown_without_front_matter_takes_its_leading_heading_as_title(tmp_path):
    (tmp_path / "note.markdown").write_text("# La caravane arrive\n\nLes migrants *marchent* vers le nord.\n")
    assert read_all(tmp_path / "note.markdown") == [
        RawArticle(text="Les migrants marchent vers le nord.", ref="note.markdown", title="La caravane arrive")
    ]


def test_markdown_front_matter_url_that_is_not_http_is_dropped(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: T\nurl: javascript:alert(1)\n---\nTexte.\n")
    [raw] = read_all(tmp_path / "a.md")
    assert raw.url == ""


def test_json_lines_give_one_article_per_line_with_the_line_in_the_ref(tmp_path):
    write_jsonl(
        tmp_path / "afp.jsonl",
        json.dumps(
            {
                "title": "Des soldats",
                "date": "2018-10-29",
                "source": "AFP",
                "url": "https://afp.com/1",
                "text": "Un.",
            }
        ),
        "",
        json.dumps({"text": "Deux.", "lang": "es", "url": "ftp://afp.com/2"}),
    )
    assert read_all(tmp_path / "afp.jsonl") == [
        RawArticle(
            text="Un.", ref="afp.jsonl:1", title="Des soldats", date="2018-10-29", source="AFP", url="https://afp.com/1"
        ),
        RawArticle(text="Deux.", ref="afp.jsonl:3", language="es"),
    ]


def test_gzipped_json_lines_and_ndjson_are_read(tmp_path):
    with gzip.open(tmp_path / "lot.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"title": "Zippé", "text": "Texte compressé."}) + "\n")
    write_jsonl(tmp_path / "lot.ndjson", json.dumps({"text": "Texte ndjson."}))
    assert read_all(tmp_path / "lot.jsonl.gz", tmp_path / "lot.ndjson") == [
        RawArticle(text="Texte compressé.", ref="lot.jsonl.gz:1", title="Zippé"),
        RawArticle(text="Texte ndjson.", ref="lot.ndjson:1"),
    ]


def test_a_saved_html_page_gives_its_article_text_title_date_and_site(tmp_path):
    first = (
        "Le Pentagone a confirmé samedi que plusieurs milliers de militaires américains resteraient déployés "
        "le long de la frontière avec le Mexique jusqu'à la fin de l'année, sans procéder à des arrestations."
    )
    second = (
        "Cette mission, décidée par le président Donald Trump à la veille des élections de mi-mandat, "
        "suscite de nombreuses critiques au Congrès, où des élus dénoncent une opération coûteuse."
    )
    (tmp_path / "page.htm").write_text(
        "<html><head><title>Soldats | Le Devoir</title>"
        '<meta property="og:site_name" content="Le Devoir"><meta name="date" content="2018-11-17"></head>'
        f"<body><article><h1>Des soldats à la frontière</h1><p>{first}</p><p>{second}</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    [raw] = read_all(tmp_path / "page.htm")
    assert raw == RawArticle(
        text=f"{first}\n\n{second}",
        ref="page.htm",
        title="Des soldats à la frontière",
        date="2018-11-17",
        source="Le Devoir",
    )


def test_a_folder_is_read_recursively_skipping_hidden_files_with_refs_relative_to_it(tmp_path):
    folder = tmp_path / "presse"
    (folder / "2018" / "novembre").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a.txt").write_text("Premier.")
    (folder / "2018" / "novembre" / "b.md").write_text("Deuxième.")
    (folder / ".brouillon.txt").write_text("Caché.")
    (folder / ".git" / "notes.txt").write_text("Caché aussi.")
    assert read_all(folder) == [
        RawArticle(text="Deuxième.", ref="2018/novembre/b.md"),
        RawArticle(text="Premier.", ref="a.txt"),
    ]


# read_paths: each bad input is one Refusal naming it --------------------------------


def test_an_empty_file_is_refused(tmp_path):
    (tmp_path / "vide.txt").write_bytes(b"")
    assert read_all(tmp_path / "vide.txt") == [Refusal("vide.txt", "fichier vide")]


def test_a_whitespace_only_file_is_refused_as_empty(tmp_path):
    (tmp_path / "blanc.md").write_bytes(b"  \r\n\t\n   ")
    assert read_all(tmp_path / "blanc.md") == [Refusal("blanc.md", "fichier vide")]


def test_a_binary_file_with_a_text_extension_is_refused(tmp_path):
    (tmp_path / "photo.txt").write_bytes(PNG_HEADER)
    assert read_all(tmp_path / "photo.txt") == [Refusal("photo.txt", "fichier binaire, pas un texte")]


def test_a_binary_json_lines_file_is_refused(tmp_path):
    (tmp_path / "photo.jsonl").write_bytes(PNG_HEADER)
    assert read_all(tmp_path / "photo.jsonl") == [Refusal("photo.jsonl", "fichier binaire, pas du JSON Lines")]


def test_an_unsupported_extension_is_refused_and_the_supported_ones_are_named(tmp_path):
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "LISEZMOI").write_text("Texte.")
    [pdf, bare] = read_all(tmp_path / "rapport.pdf", tmp_path / "LISEZMOI")
    assert pdf == Refusal(
        "rapport.pdf",
        "format non pris en charge (.pdf) : fichiers .txt, .md, .html, .jsonl, .jsonl.gz, .warc, .warc.gz ou .wacz, "
        "adresses http(s)",
    )
    assert bare.where == "LISEZMOI"
    assert bare.reason.startswith("format non pris en charge (sans extension)")


def test_a_missing_path_is_refused_as_not_found(tmp_path):
    missing = tmp_path / "absent.txt"
    assert read_all(missing) == [Refusal(str(missing), "introuvable")]


def test_markdown_with_malformed_yaml_is_refused(tmp_path):
    (tmp_path / "casse.md").write_text("---\ntitle: [Des soldats\ndate: 2018-11-05\n---\nTexte.\n")
    [refusal] = read_all(tmp_path / "casse.md")
    assert isinstance(refusal, Refusal)
    assert refusal.where == "casse.md"
    assert refusal.reason.startswith("en-tête YAML invalide")


def test_markdown_with_unterminated_front_matter_is_refused(tmp_path):
    (tmp_path / "ouvert.md").write_text("---\ntitle: Des soldats\n\nLe texte commence ici.\n")
    assert read_all(tmp_path / "ouvert.md") == [Refusal("ouvert.md", "en-tête YAML sans ligne de fin « --- »")]


def test_markdown_front_matter_that_is_not_key_value_pairs_is_refused(tmp_path):
    (tmp_path / "liste.md").write_text("---\n- un\n- deux\n---\nTexte.\n")
    [refusal] = read_all(tmp_path / "liste.md")
    assert refusal.where == "liste.md"
    assert "clé: valeur" in refusal.reason


def test_markdown_front_matter_with_an_impossible_date_keeps_the_date_as_text_not_a_crash(tmp_path):
    # Plain PyYAML turns "2018-02-30" into a date and raises ValueError (not YAMLError) on it.
    (tmp_path / "fevrier.md").write_text("---\ntitle: Des soldats\ndate: 2018-02-30\n---\nTexte.\n")
    [article] = read_all(tmp_path / "fevrier.md")
    assert article.title == "Des soldats"
    assert article.date == "2018-02-30"


def test_each_bad_json_line_is_one_refusal_naming_file_and_line(tmp_path):
    write_jsonl(
        tmp_path / "lot.jsonl",
        json.dumps({"text": "Bon."}),
        "{pas du json",
        "[1, 2, 3]",
        json.dumps({"title": "Sans texte"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Bon aussi."}),
    )
    items = read_all(tmp_path / "lot.jsonl")
    assert [item.ref for item in items if isinstance(item, RawArticle)] == ["lot.jsonl:1", "lot.jsonl:7"]
    refusals = [item for item in items if isinstance(item, Refusal)]
    assert [r.where for r in refusals] == ["lot.jsonl:2", "lot.jsonl:3", "lot.jsonl:4", "lot.jsonl:5", "lot.jsonl:6"]
    assert refusals[0].reason.startswith("JSON invalide (")
    assert refusals[1].reason == "un objet JSON est attendu sur chaque ligne"
    assert {r.reason for r in refusals[2:]} == {"champ « text » manquant ou vide"}


def test_an_empty_json_lines_file_is_refused(tmp_path):
    (tmp_path / "vide.jsonl").write_text("\n\n")
    assert read_all(tmp_path / "vide.jsonl") == [Refusal("vide.jsonl", "fichier vide")]


def test_a_json_lines_gz_that_is_not_gzip_is_refused(tmp_path):
    (tmp_path / "faux.jsonl.gz").write_text(json.dumps({"text": "Pas compressé."}) + "\n")
    [refusal] = read_all(tmp_path / "faux.jsonl.gz")
    assert refusal.where == "faux.jsonl.gz"
    assert refusal.reason.startswith("illisible (")


def test_a_truncated_json_lines_gz_is_refused(tmp_path):
    data = gzip.compress((json.dumps({"text": "Texte."}) + "\n").encode() * 20)
    (tmp_path / "coupe.jsonl.gz").write_bytes(data[:-12])
    items = read_all(tmp_path / "coupe.jsonl.gz")
    assert items[-1].where == "coupe.jsonl.gz"
    assert items[-1].reason.startswith("illisible (")


def test_a_corrupt_json_lines_gz_is_refused_not_a_crash(tmp_path):
    # A valid gzip header followed by a damaged deflate stream: zlib.error, which is not an OSError.
    data = gzip.compress((json.dumps({"text": "Texte."}) + "\n").encode() * 20)
    (tmp_path / "abime.jsonl.gz").write_bytes(data[:10] + b"\xff" * 40)
    items = read_all(tmp_path / "abime.jsonl.gz")
    assert len(items) == 1
    assert isinstance(items[0], Refusal)
    assert items[0].where == "abime.jsonl.gz"
    assert items[0].reason.startswith("illisible (")


def test_an_html_page_without_any_text_is_refused(tmp_path):
    (tmp_path / "vide.html").write_text(
        "<html><head><title>Rien</title></head><body><script>alert(1)</script></body></html>"
    )
    assert read_all(tmp_path / "vide.html") == [Refusal("vide.html", "aucun texte d'article trouvé dans la page HTML")]


def test_an_html_page_with_only_navigation_and_footer_is_refused(tmp_path):
    # A saved page whose article did not load (script-rendered, paywall): menus are not an article.
    (tmp_path / "coquille.html").write_text(
        '<html lang="fr"><head><title>Des soldats à la frontière | Le Devoir</title>'
        '<meta property="og:site_name" content="Le Devoir"><meta name="date" content="2018-11-17"></head><body>'
        '<nav class="menu"><ul><li><a href="/politique">Politique</a></li><li><a href="/monde">Monde</a></li>'
        '<li><a href="/abonnement">Abonnez-vous au journal</a></li></ul></nav>'
        '<div id="app"></div><script>alert(1)</script>'
        "<footer><p>© Le Devoir, tous droits réservés.</p></footer></body></html>",
        encoding="utf-8",
    )
    assert read_all(tmp_path / "coquille.html") == [
        Refusal("coquille.html", "aucun texte d'article trouvé dans la page HTML")
    ]


def test_read_file_names_the_ref_it_was_given(tmp_path):
    (tmp_path / "vide.txt").write_bytes(b"")
    assert list(read_file(tmp_path / "vide.txt", ref="lot/vide.txt")) == [Refusal("lot/vide.txt", "fichier vide")]


# Hardening: sizes ----------------------------------------------------------------------


def test_a_file_above_the_file_limit_is_refused_from_its_size_without_being_read(tmp_path):
    # A sparse 300 MB file: reading it whole would take seconds and 300 MB of memory.
    with open(tmp_path / "enorme.txt", "wb") as stream:
        stream.truncate(300_000_000)
    assert read_all(tmp_path / "enorme.txt") == [
        Refusal("enorme.txt", "fichier trop gros : 300 Mo (limite 200 Mo, VIGIE_IMPORT_MAX_BYTES ou --max-bytes)")
    ]


def test_a_text_file_above_the_article_limit_is_refused_and_the_limit_is_configurable(tmp_path):
    (tmp_path / "long.txt").write_text("mot " * 1000)
    (tmp_path / "court.txt").write_text("Un article court.")
    items = list(read_paths([tmp_path / "long.txt", tmp_path / "court.txt"], Limits(article_bytes=3000)))
    assert items == [
        Refusal(
            "long.txt",
            "trop gros pour un article : 4 ko (limite 3 ko, VIGIE_IMPORT_MAX_ARTICLE_BYTES ou --max-article-bytes)",
        ),
        RawArticle(text="Un article court.", ref="court.txt"),
    ]


def test_a_size_just_above_the_limit_is_shown_in_bytes_not_as_the_limit(tmp_path):
    (tmp_path / "juste.md").write_bytes(b"x" * 3001)
    [refusal] = read_paths([tmp_path / "juste.md"], Limits(article_bytes=3000))
    assert refusal.reason.startswith("trop gros pour un article : 3001 octets (limite 3 ko,")


def test_an_html_page_may_weigh_four_times_the_article_limit(tmp_path):
    words = " ".join(["Le Pentagone a confirmé le déploiement de soldats à la frontière mexicaine."] * 4)
    (tmp_path / "page.html").write_text(f"<html><body><article><p>{words}</p></article></body></html>")
    (tmp_path / "lourde.html").write_text("<html><body>" + "<!-- commentaire -->" * 1000 + "</body></html>")
    page, heavy = read_paths([tmp_path / "page.html", tmp_path / "lourde.html"], Limits(article_bytes=1000))
    assert isinstance(page, RawArticle)
    assert heavy.where == "lourde.html"
    assert heavy.reason == (
        "page trop grosse : 20 ko (limite 4 ko, 4 × VIGIE_IMPORT_MAX_ARTICLE_BYTES ou --max-article-bytes)"
    )


def test_an_over_long_json_line_is_refused_alone_and_read_in_bounded_memory(tmp_path):
    with open(tmp_path / "lot.jsonl", "w", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": "Avant."}) + "\n")
        stream.write(json.dumps({"text": "x" * 6_000_000}) + "\n")  # one 6 MB line, more than SKIP_CHUNK
        stream.write(json.dumps({"text": "Après."}) + "\n")
    tracemalloc.start()
    try:
        items = list(read_paths([tmp_path / "lot.jsonl"], Limits(article_bytes=10_000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert items == [
        RawArticle(text="Avant.", ref="lot.jsonl:1"),
        Refusal(
            "lot.jsonl:2",
            "ligne trop longue pour un article : 6 Mo (limite 10 ko, "
            "VIGIE_IMPORT_MAX_ARTICLE_BYTES ou --max-article-bytes)",
        ),
        RawArticle(text="Après.", ref="lot.jsonl:3"),
    ]
    assert peak < 1_000_000  # a chunk at a time, never the 6 MB line


def test_a_gzip_that_inflates_past_the_file_limit_is_stopped_after_its_good_lines(tmp_path):
    with gzip.open(tmp_path / "bombe.jsonl.gz", "wb") as stream:
        stream.write((json.dumps({"text": "Bon."}) + "\n").encode())
        stream.write(b"x" * 20_000_000)  # 20 MB of one line, a few kB compressed
    assert (tmp_path / "bombe.jsonl.gz").stat().st_size < 100_000
    items = list(read_paths([tmp_path / "bombe.jsonl.gz"], Limits(file_bytes=2_000_000, article_bytes=1000)))
    assert items == [
        RawArticle(text="Bon.", ref="bombe.jsonl.gz:1"),
        Refusal(
            "bombe.jsonl.gz",
            "trop gros une fois décompressé : plus de 2 Mo (limite 2 Mo, VIGIE_IMPORT_MAX_BYTES ou --max-bytes)",
        ),
    ]


def test_a_gzip_of_many_short_lines_is_stopped_at_the_file_limit_too(tmp_path):
    with gzip.open(tmp_path / "lignes.jsonl.gz", "wb") as stream:
        stream.write((json.dumps({"text": "Bon."}) + "\n").encode() * 100_000)  # 1.6 MB inflated
    items = list(read_paths([tmp_path / "lignes.jsonl.gz"], Limits(file_bytes=160_000, article_bytes=1000)))
    assert len(items) == 160_000 // 17 + 1  # the lines within the limit, then the refusal
    assert items[-2] == RawArticle(text="Bon.", ref=f"lignes.jsonl.gz:{160_000 // 17}")
    assert items[-1].reason.startswith("trop gros une fois décompressé : plus de 160 ko")


# Hardening: nesting ------------------------------------------------------------------------


def test_a_deeply_nested_json_line_is_refused_alone(tmp_path):
    write_jsonl(
        tmp_path / "lot.jsonl",
        "[" * 100_000,
        '{"text": "' + "1" * 10 + '", "n": ' + "9" * 5000 + "}",
        '{"text": "Bon."}',
    )
    assert read_all(tmp_path / "lot.jsonl") == [
        Refusal("lot.jsonl:1", "JSON invalide (trop imbriqué)"),
        Refusal("lot.jsonl:2", "JSON invalide (nombre trop long)"),
        RawArticle(text="Bon.", ref="lot.jsonl:3"),
    ]


def test_deeply_nested_or_overlong_front_matter_is_refused(tmp_path):
    (tmp_path / "imbrique.md").write_text("---\ntitle: " + "[" * 5000 + "\n---\nTexte.\n")
    (tmp_path / "long.md").write_text("---\n" + "cle: valeur\n" * 10_000 + "---\nTexte.\n")
    assert read_all(tmp_path / "imbrique.md", tmp_path / "long.md") == [
        Refusal("imbrique.md", "en-tête YAML invalide (trop imbriqué)"),
        Refusal("long.md", "en-tête YAML trop long (plus de 100 000 caractères)"),
    ]


# Hardening: encodings ------------------------------------------------------------------------


def test_utf16_and_utf32_files_with_a_byte_order_mark_are_decoded(tmp_path):
    text = "L’armée a déployé des soldats à la frontière."
    for name, encoding in (("le.txt", "utf-16-le"), ("be.txt", "utf-16-be"), ("32.md", "utf-32-le")):
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}[encoding]
        (tmp_path / name).write_bytes(bom + text.encode(encoding))
    assert [raw.text for raw in read_all(tmp_path / "le.txt", tmp_path / "be.txt", tmp_path / "32.md")] == [text] * 3


def test_utf16_without_a_mark_or_broken_utf16_is_refused(tmp_path):
    (tmp_path / "sans.txt").write_bytes("Des soldats à la frontière.".encode("utf-16-le"))
    (tmp_path / "casse.txt").write_bytes(b"\xff\xfe" + "Des soldats".encode("utf-16-le") + b"\x00\xd8")
    assert read_all(tmp_path / "sans.txt", tmp_path / "casse.txt") == [
        Refusal("sans.txt", "fichier binaire, pas un texte"),
        Refusal("casse.txt", "encodage UTF-16 annoncé par le fichier mais contenu invalide"),
    ]


def test_a_utf16_json_lines_file_is_refused_with_what_to_do(tmp_path):
    (tmp_path / "lot.jsonl").write_text(json.dumps({"text": "Texte."}) + "\n", encoding="utf-16")
    assert read_all(tmp_path / "lot.jsonl") == [Refusal("lot.jsonl", "JSON Lines en UTF-16 : enregistrez-le en UTF-8")]


def test_latin1_bytes_inside_a_utf8_text_keep_both_accents_right(tmp_path):
    # A UTF-8 file with a pasted Latin-1 passage: no « Ã© » on either side.
    (tmp_path / "mixte.txt").write_bytes("L'armée arrive. ".encode() + "Le général a parlé.".encode("latin-1"))
    (tmp_path / "latin1.txt").write_bytes("Les soldats déployés à Noël.".encode("latin-1"))
    assert [raw.text for raw in read_all(tmp_path / "mixte.txt", tmp_path / "latin1.txt")] == [
        "L'armée arrive. Le général a parlé.",
        "Les soldats déployés à Noël.",
    ]


def test_a_json_line_with_latin1_bytes_keeps_its_accents(tmp_path):
    (tmp_path / "lot.jsonl").write_bytes('{"text": "Le général a parlé."}\n'.encode("latin-1"))
    assert read_all(tmp_path / "lot.jsonl") == [RawArticle(text="Le général a parlé.", ref="lot.jsonl:1")]


# Hardening: scripts in HTML -----------------------------------------------------------------


def test_no_script_style_handler_or_template_text_reaches_the_article(tmp_path):
    paragraph = "Le Pentagone a confirmé le déploiement de soldats à la frontière mexicaine pour une longue mission. "
    (tmp_path / "page.html").write_text(
        "<html><head><style>body { color: red }</style><script>var jeton = document.cookie;</script></head>"
        '<body onload="alert(1)"><article><h1>Titre</h1>'
        f"<p>{paragraph * 2}</p>"
        '<img src="x" onerror="alert(2)"><script>alert(3)</script><svg><script>alert(4)</script></svg>'
        '<p>Suite <a href="javascript:alert(5)">du récit</a>.</p><template><p>alert(6) gabarit</p></template>'
        f"<noscript>Activez JavaScript alert(7)</noscript><p>{paragraph}</p></article></body></html>",
        encoding="utf-8",
    )
    [raw] = read_all(tmp_path / "page.html")
    assert "Suite du récit." in raw.text
    for code in ("alert", "document.cookie", "color", "gabarit", "JavaScript", "javascript"):
        assert code not in raw.text


# Hardening: names ------------------------------------------------------------------------------


def test_links_out_of_an_imported_folder_are_refused_and_links_inside_read(tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.txt").write_text("Hors du dossier.")
    folder = tmp_path / "presse"
    (folder / "sous").mkdir(parents=True)
    (folder / "a.txt").write_text("Dans le dossier.")
    (folder / "lien.txt").symlink_to(outside / "secret.txt")
    (folder / "dossier-lie").symlink_to(outside, target_is_directory=True)
    (folder / "relatif.txt").symlink_to(Path("..") / "ailleurs" / "secret.txt")
    (folder / "sous" / "interne.txt").symlink_to(folder / "a.txt")
    (folder / "casse.txt").symlink_to(folder / "absent.txt")
    (folder / "boucle.txt").symlink_to(folder / "boucle.txt")
    assert read_all(folder) == [
        RawArticle(text="Dans le dossier.", ref="a.txt"),
        Refusal("boucle.txt", "lien cassé"),
        Refusal("casse.txt", "lien cassé"),
        Refusal("dossier-lie", "lien hors du dossier, non suivi"),
        Refusal("lien.txt", "lien hors du dossier, non suivi"),
        Refusal("relatif.txt", "lien hors du dossier, non suivi"),
        RawArticle(text="Dans le dossier.", ref="sous/interne.txt"),
    ]


def test_control_characters_and_undecodable_bytes_in_names_become_one_printable_line(tmp_path):
    (tmp_path / "deux\nlignes.txt").write_text("Premier.")
    (tmp_path / "inverse\u202etxt.exe.txt").write_text("Deuxième.")
    (Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))).write_text("Troisième.")
    assert sorted(raw.ref for raw in read_all(tmp_path)) == ["café.txt", "deux?lignes.txt", "inverse?txt.exe.txt"]
    missing = tmp_path / "absent\r\nREFUSÉ  faux.txt"
    [refusal] = read_all(missing)
    assert "\n" not in refusal.where and "\r" not in refusal.where


def test_one_line_keeps_ordinary_names_as_they_are():
    assert one_line("2018/novembre/l'armée à Tijuana (1).md") == "2018/novembre/l'armée à Tijuana (1).md"


def test_authors_given_in_front_matter_or_json_lines_are_read_as_written(tmp_path):
    (tmp_path / "signe.md").write_text("---\nauthor: Jeanne Fictive\n---\nUn texte signé.\n", encoding="utf-8")
    write_jsonl(
        tmp_path / "signes.jsonl",
        json.dumps({"text": "Un autre texte.", "authors": ["Jeanne  Fictive", "Paul Inventé", "", 3, "Paul Inventé"]}),
        json.dumps({"text": "Un texte sans signature.", "authors": None}),
    )
    signed, listed, unsigned = read_all(tmp_path / "signe.md", tmp_path / "signes.jsonl")
    assert signed.authors == ("Jeanne Fictive",)
    assert listed.authors == ("Jeanne Fictive", "Paul Inventé")
    assert unsigned.authors == ()
