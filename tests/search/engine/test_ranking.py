"""The ranking's bonuses order the hits without changing which articles match;
phrases read through their pairs find what positions find; a pasted passage
finds its source first."""

import pytest
from whoosh import query as wq

from search.engine.connection import backend
from search.engine.ranking import bonus_scores, bonuses, is_passage, positive_leaves, with_cheap_phrases
from tests.conftest import SEEDS

PASSAGE_SEED = 1  # seed 001: one article of some 2,000 characters


def slugs(client, q, **params):
    payload = client.get("/api/search/", {"q": q, **params}).json()
    return [hit["slug"] for hit in payload["results"]]


@pytest.mark.parametrize(
    ("query", "passage"),
    [
        ("garde nationale frontière", False),
        (" ".join(["mot"] * 17), True),
        ("Le Mexique « coordonne et collabore, mais ne se subordonne pas » (a-t-elle dit) : " * 2, True),
        (" OR ".join(["mot"] * 17), False),
        ("milit* " * 17, False),
        ("titre:frontière " * 17, False),
    ],
)
def test_a_long_query_without_query_syntax_is_a_pasted_passage(query, passage):
    assert is_passage(query) is passage


def test_words_under_a_not_are_not_wanted():
    parsed = backend().parse("garde nationale -vue")
    assert [leaf.text for leaf in positive_leaves(parsed)] == ["gard", "national"]


@pytest.mark.parametrize("q", ["frontière", "garde nationale", "Trump OR caravane", "militaires -caravane"])
def test_a_bonus_read_at_chosen_documents_is_what_whoosh_scores_there(seeds, q):
    searcher = backend().searcher()
    parsed = backend().parse(q)
    found = bonuses(parsed, backend().exact_words(q))
    docnums = sorted(searcher.docs_for_query(parsed))

    added = bonus_scores(searcher, found, docnums)

    everywhere = {hit.docnum: hit.score for hit in searcher.search(wq.Or(found), limit=None)}
    assert found and docnums
    assert list(added) == pytest.approx([everywhere.get(docnum, 0.0) for docnum in docnums])


PHRASES = ['"garde nationale"', '"États-Unis"', '"caravane de migrants"', '"armée américaine"']


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_phrase_read_through_its_pairs_finds_what_positions_find(seeds, phrase):
    searcher = backend().searcher()
    parsed = backend().parse(phrase)

    cheap = with_cheap_phrases(parsed)
    assert set(searcher.docs_for_query(cheap)) == set(searcher.docs_for_query(parsed)) != set()
    # Two words (stop words aside) are one indexed pair: no position is read.
    assert isinstance(cheap, wq.Term) and cheap.fieldname == "pairs"


def test_words_side_by_side_rank_above_the_same_words_apart(client, make_article):
    apart = make_article("La mise en garde du ministre à la frontière, sur l'éducation nationale.", ref="apart.txt")
    together = make_article("La Garde nationale patrouille le long de la frontière depuis lundi.", ref="ensemble.txt")

    assert slugs(client, "garde nationale frontière") == [together.slug, apart.slug]


def test_a_title_word_ranks_above_a_passing_mention(client, make_article):
    passing = make_article("Une caravane passe. " + "Le marché du jour fut calme. " * 5, ref="passage.txt")
    about = make_article(
        "Le texte parle d'autre chose, longuement, mais une fois de la caravane.",
        title="La caravane de migrants arrive",
        ref="titre.txt",
    )

    assert slugs(client, "caravane")[0] == about.slug
    assert set(slugs(client, "caravane")) == {about.slug, passing.slug}


def test_a_pasted_passage_of_two_thousand_characters_finds_its_source_first(client, seeds):
    source = seeds[PASSAGE_SEED]
    passage = source.body[:2000].replace("'", "’")  # curly apostrophes, as pasted from a page

    page = client.get("/recherche/", {"q": passage})
    api = client.get("/api/search/", {"q": passage})

    assert page.status_code == api.status_code == 200
    assert page.context["search"].hits[0].slug == source.slug
    assert api.json()["results"][0]["slug"] == source.slug
    assert any("Texte collé" in message for message in api.json()["messages"])


def test_a_query_past_the_limit_is_cut_with_a_french_message(client, seeds, settings):
    text = (SEEDS / "000_7ff54b0001d3a4b4.txt").read_text() * 2
    assert len(text) > settings.VIGIE_MAX_QUERY_LENGTH

    response = client.get("/api/search/", {"q": text})

    assert response.status_code == 200
    assert any("trop longue" in message for message in response.json()["messages"])
    assert response.json()["results"][0]["slug"] == seeds[0].slug


def test_a_passage_of_words_the_archive_lacks_finds_nothing_and_says_so(client, seeds):
    passage = " ".join(f"zorglub{n}" for n in range(30))

    payload = client.get("/api/search/", {"q": passage}).json()

    assert payload["count"] == 0 and payload["suggestion"] is None
    assert any("Texte collé" in message for message in payload["messages"])
