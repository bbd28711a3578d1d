import datetime as dt

from archive.extraction.boilerplate import clean_body
from archive.extraction.dates import DateSource, Precision, parse_date
from archive.extraction.pipeline import RawArticle, extract, generate_title
from archive.extraction.text import sentences
from tests.conftest import SEEDS


def seed(number):
    path = next(SEEDS.glob(f"{number:03d}_*.txt"))
    return extract(RawArticle(text=path.read_text(encoding="utf-8"), ref=path.name))


def test_the_belga_header_gives_month_date_and_source():
    article = seed(1)
    assert article.published_on == dt.date(2018, 10, 1)
    assert article.date_precision == Precision.MONTH
    assert article.date_source == DateSource.HEADER
    assert article.source_name == "Belga"
    assert article.body.startswith("Plus de 5.000 militaires américains")


def test_an_article_without_date_keeps_an_unknown_date():
    for number in (0, 2, 4):
        article = seed(number)
        assert article.published_on is None
        assert article.date_precision == Precision.UNKNOWN
        assert article.date_source == DateSource.NONE


def test_widget_labels_and_tag_footers_are_removed():
    body = seed(4).body
    assert "Vidéos associées" not in body
    assert "Archivé dans" not in body
    assert body.startswith("La présidence de Donald Trump")
    assert body.endswith("la coopération bilatérale.")


def test_embedded_tweets_and_footnote_marks_are_removed():
    body = seed(3).body
    assert "pic.twitter.com" not in body
    assert "t.co/" not in body
    assert "(@VP)" not in body
    assert "*en anglais" not in body
    assert "*" not in body
    assert "dans un tweet lors de son déplacement" in body


def test_footnote_asterisks_stay_when_there_is_no_footnote():
    assert "note*" in clean_body("Une note* sans renvoi.")


def test_a_missing_title_is_generated_from_the_first_sentence_and_flagged():
    article = seed(0)
    assert article.title_generated
    assert article.title.startswith("Le plus haut dirigeant militaire des États-Unis")
    assert len(article.title) <= 121
    assert article.title.endswith("…")
    assert " " not in article.title[-2:]  # cut on a word, then the ellipsis


def test_a_short_first_sentence_is_the_whole_title_without_final_period():
    assert generate_title("Les troupes arrivent. Elles sont 5.000.") == "Les troupes arrivent"


def test_a_given_title_is_kept():
    article = extract(RawArticle(text="Texte de l'article.", title="  Un   titre  "))
    assert article.title == "Un titre"
    assert not article.title_generated


def test_sentences_do_not_break_on_abbreviations_or_numbers():
    text = "M. Dunford a parlé de 5.000 soldats. Le général J. Smith aussi. Fin."
    assert sentences(text) == ["M. Dunford a parlé de 5.000 soldats.", "Le général J. Smith aussi.", "Fin."]


def test_the_lead_is_the_first_paragraph():
    article = seed(0)
    assert article.lead.startswith("Le plus haut dirigeant")
    assert article.lead.endswith("américano-mexicaine.")


def test_a_text_in_one_block_gets_its_first_sentences_as_lead():
    article = seed(1)
    assert article.lead.endswith("a annoncé lundi le Pentagone.")
    assert len(article.lead) < len(article.body)


def test_metadata_dates_keep_their_precision():
    assert parse_date("2018-10-29") == (dt.date(2018, 10, 29), Precision.DAY)
    assert parse_date("2018-10") == (dt.date(2018, 10, 1), Precision.MONTH)
    assert parse_date("2018") == (dt.date(2018, 1, 1), Precision.YEAR)
    assert parse_date("29/10/2018") == (dt.date(2018, 10, 29), Precision.DAY)
    assert parse_date("2018-10-29T14:00:00Z") == (dt.date(2018, 10, 29), Precision.DAY)
    assert parse_date(dt.date(2021, 6, 8)) == (dt.date(2021, 6, 8), Precision.DAY)


def test_unreadable_or_impossible_dates_stay_unknown():
    for value in ("hier", "2018-13-01", "0001-01-01", "3000", "", None, True, [2018]):
        assert parse_date(value) == (None, Precision.UNKNOWN)


def test_metadata_date_wins_over_the_header_and_a_bad_one_is_reported():
    good = extract(RawArticle(text="date 2018-10 (Belga) Texte.", date="2018-10-29"))
    assert (good.published_on, good.date_source) == (dt.date(2018, 10, 29), DateSource.METADATA)
    assert good.source_name == "Belga"
    bad = extract(RawArticle(text="Texte.", date="n'importe quand"))
    assert bad.published_on is None
    assert bad.notes and "date illisible" in bad.notes[0]


def test_control_characters_and_windows_line_endings_are_normalised():
    article = extract(RawArticle(text="Premier\x00 paragraphe.\r\n\r\nSecond\x07 paragraphe."))
    assert article.body == "Premier paragraphe.\n\nSecond paragraphe."
