"""Publisher and agencies told apart: the source strings are the corpus's own
(the `source` values of ../shared/corpus/*.jsonl*)."""

import pytest

from archive.extraction.agency import Credit, byline_agencies, credit, split_source
from archive.extraction.pipeline import RawArticle, extract


@pytest.mark.parametrize(
    "source, publisher, agencies",
    [
        ("Orange Actu (AFP)", "Orange Actu", ("AFP",)),
        ("Orange Actu (Orange avec AFP)", "Orange Actu", ("AFP",)),
        ("Orange Actu (Orange avec AFP-Services)", "Orange Actu", ("AFP",)),
        ("Orange Actu (Orange avec AFP-Services )", "Orange Actu", ("AFP",)),
        ("Orange Actu (Orange avec AFP )", "Orange Actu", ("AFP",)),
        ("Orange Actu (6Medias)", "Orange Actu", ("6Medias",)),
        ("Orange Actu (6Médias)", "Orange Actu", ("6Medias",)),
        ("Orange Actu (6medias)", "Orange Actu", ("6Medias",)),
        ("Orange Actu (Orange avec Media Services)", "Orange Actu", ("Media Services",)),
        ("Orange Actu", "Orange Actu", ()),
        # Misspellings of Orange's AFP feed, each in the corpus.
        ("Orange Actu (Orange avec AFP-Servuces)", "Orange Actu", ("AFP",)),
        ("Orange Actu (Orange avec AFP Services)", "Orange Actu", ("AFP",)),
        ("Orange Actu (Orange AFP-Services)", "Orange Actu", ("AFP",)),
        ("Orange Actu (Orange avec AFP6Services)", "Orange Actu", ("AFP",)),
        ("Orange Actu (AFP avec 6Medias)", "Orange Actu", ("AFP", "6Medias")),
        ("Orange Actu (6Medias (vidéo Ça Zap - Zapping TV))", "Orange Actu", ("6Medias",)),
        ("Orange Actu ( ZoominTV People (FR))", "Orange Actu", ()),
        ("Le Monde avec AFP", "Le Monde", ("AFP",)),
        ("Le Monde avec AFP et Reuters", "Le Monde", ("AFP", "Reuters")),
        ("Le Monde", "Le Monde", ()),
        ("BFMTV", "BFMTV", ()),
        ("Libération", "Libération", ()),
        ("Belga", "Belga", ("Belga",)),
    ],
)
def test_a_source_name_says_its_publisher_and_agencies(source, publisher, agencies):
    assert split_source(source) == Credit(publisher, agencies)


@pytest.mark.parametrize(
    "source",
    [
        "Orange Actu (France 24)",
        "Orange Actu (Source BFMTV)",
        "Orange Actu (Source : Non Stop Zapping)",
        "Orange Actu (Florian Lautre)",
        "Orange Actu (BVA - Orange)",
        "Orange Actu (L'Opinion)",
    ],
)
def test_a_partner_medium_or_a_journalist_in_brackets_is_neither_publisher_nor_agency(source):
    assert split_source(source) == Credit("Orange Actu", ())


def test_no_source_is_no_publisher():
    assert split_source("   ") == Credit("", ())


@pytest.mark.parametrize(
    "text, agencies",
    [
        ("Le Pentagone a annoncé l'envoi de troupes.\nLe Monde avec AFP et Reuters", ["AFP", "Reuters"]),
        ("Le Pentagone a annoncé l'envoi de troupes.\nLe Monde avec AP et AFP", ["AP", "AFP"]),
        ("WASHINGTON (AFP/Reuters) - Le Pentagone a annoncé l'envoi de troupes.", ["AFP", "Reuters"]),
        ("Le Pentagone a annoncé l'envoi de troupes.\nGrégor Brandy (avec AFP)", ["AFP"]),
    ],
)
def test_a_byline_may_credit_several_agencies(text, agencies):
    assert byline_agencies(text) == agencies


@pytest.mark.parametrize(
    "line",
    [
        "Il l'a confirmé mardi 1er janvier, à l’Agence France-Presse (AFP).",
        "Selon l’Agence France-Presse (AFP), les troupes sont arrivées à la frontière dans la nuit de lundi.",
        "« Nous n'avons pas été prévenus », a expliqué le maire de la ville de Nogales à l’Agence France-Presse (AFP).",
    ],
)
def test_an_agency_the_text_cites_by_its_full_name_is_not_a_credit(line):
    assert byline_agencies(f"Le Pentagone a annoncé l'envoi de troupes.\n{line}") == []


def test_the_text_adds_its_credits_to_the_given_source():
    text = "Le Pentagone a annoncé l'envoi de troupes.\nLe Monde avec AFP"
    assert credit("Le Monde", text) == Credit("Le Monde", ("AFP",))
    assert credit("Orange Actu (Reuters)", text) == Credit("Orange Actu", ("Reuters", "AFP"))


def test_a_dispatch_without_a_source_is_published_by_its_agency():
    assert credit("", "WASHINGTON (AFP) - Le Pentagone a annoncé l'envoi de troupes.") == Credit("AFP", ("AFP",))


def test_extraction_gives_the_publisher_as_source_and_the_agencies_apart():
    article = extract(RawArticle(text="Des militaires sont déployés à la frontière.", source="Orange Actu (AFP)"))
    assert (article.source_name, article.agencies) == ("Orange Actu", ["AFP"])
