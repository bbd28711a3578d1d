"""Bylines: who signed an article, found at the head or the tail of its text,
never a name the text cites."""

import pytest

from archive.extraction.byline import byline_authors
from archive.extraction.entities import PERSON, RawMention
from archive.extraction.pipeline import RawArticle, analysed_text, extract, find_facts

BODY = "Le conseil municipal a voté, lundi, le budget de la commune.\n\nLes travaux commenceront en mars."


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (f"Par Jeanne Fictive\n\n{BODY}", ["Jeanne Fictive"]),
        (f"Par Jeanne Fictive, envoyée spéciale à Lyon\n\n{BODY}", ["Jeanne Fictive"]),
        (f"Paul Inventé (Bordeaux, correspondant)\n\n{BODY}", ["Paul Inventé"]),
        (f"{BODY}\n\nJeanne Fictive", ["Jeanne Fictive"]),
        (f"{BODY}\n\nJeanne Fictive et  Paul Inventé", ["Jeanne Fictive", "Paul Inventé"]),
        (f"{BODY}\n\nJeanne Fictive avec Marie-Claire Imaginaire", ["Jeanne Fictive", "Marie-Claire Imaginaire"]),
        (
            f"{BODY}\n\nJeanne Fictive, Paul Inventé et Luc van Songe",
            ["Jeanne Fictive", "Paul Inventé", "Luc van Songe"],
        ),
        (f"{BODY}\n\nPaul Inventé(Nantes (Loire-Atlantique), correspondant)", ["Paul Inventé"]),
        (f"{BODY}\n\nJeanne Fictive et Paul Inventé (avec AFP)", ["Jeanne Fictive", "Paul Inventé"]),
    ],
)
def test_a_byline_gives_the_names_of_who_signed(text, authors):
    assert byline_authors(text) == authors


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "",
        f"{BODY}\n\nLe Monde avec AFP",
        f"{BODY}\n\nService Sports",
        f"{BODY}\n\nPhoto : Jeanne Fictive",
        f"{BODY}\n\nJeanne Fictive, qui préside le conseil, répondra jeudi aux questions des élus.",
        f"{BODY}\n\nMme Fictive",
        f"{BODY}\n\nUne rue de Lyon vendue une bouchée de pain",
        f"Jeanne Fictive (PS) a présenté le budget.\n\n{BODY}",
    ],
)
def test_a_name_in_a_sentence_or_a_signature_naming_no_one_is_no_byline(text):
    assert byline_authors(text) == []


def test_the_extraction_carries_the_byline_and_the_authors_given_win():
    text = f"{BODY}\n\nJeanne Fictive"
    assert extract(RawArticle(text=text)).authors == ["Jeanne Fictive"]
    assert extract(RawArticle(text=text, authors=("Rédaction locale",))).authors == ["Rédaction locale"]


def test_whoever_signed_is_not_a_person_the_article_mentions():
    title, body = "Le budget voté", f"{BODY}\n\nLe maire Paul Inventé s'en félicite.\n\nJeanne Fictive"
    text = analysed_text(title, body)
    mentions = [RawMention(name, "PER", text.index(name)) for name in ("Paul Inventé", "Jeanne Fictive")]
    authors = extract(RawArticle(text=body, title=title)).authors
    people = {e.name for e in find_facts(title, body, mentions, [], authors).entities if e.kind == PERSON}
    assert authors == ["Jeanne Fictive"]
    assert people == {"Paul Inventé"}
