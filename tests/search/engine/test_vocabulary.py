"""Fuzzy words and suggestions read a vocabulary compared in C, once per index
version: the same words as Whoosh's own edit distance, across segments."""

import pytest
from whoosh import query as wq

from search.engine.connection import backend
from search.engine.vocabulary import FastFuzzyTerm, vocabulary
from search.upkeep.indexing import update_articles


def test_words_within_an_edit_share_the_first_letter_and_come_nearest_first(seeds):
    words = vocabulary(backend().searcher().reader(), "words")

    assert words.within("frontiere", 1)[:1] == ["frontière"]
    assert "sheinbaum" in words.within("sheinbam", 1)
    assert words.within("xheinbaum", 1) == []  # the first letter is kept, as Whoosh does
    assert words.within("", 2) == []


def test_a_transposition_is_one_edit(seeds):
    assert "caravane" in vocabulary(backend().searcher().reader(), "words").within("caravnae", 1)


@pytest.mark.parametrize(("text", "distance"), [("frontir", 1), ("caravan", 2), ("militair", 1), ("cartl", 1)])
def test_the_fast_fuzzy_term_finds_what_whooshs_own_finds(seeds, text, distance):
    searcher = backend().searcher()

    slow = searcher.docs_for_query(wq.FuzzyTerm("text", text, maxdist=distance))
    fast = searcher.docs_for_query(FastFuzzyTerm("text", text, maxdist=distance))

    assert set(fast) == set(slow) and slow


def test_an_index_of_several_segments_is_read_whole(seeds, make_article):
    # A second commit adds a segment: its words are found too.
    make_article("Un mot nouveau : zapatiste, au Chiapas.")
    update_articles([article.pk for article in seeds.values()])
    searcher = backend().searcher()

    assert len(searcher.reader().leaf_readers()) > 1
    assert searcher.docs_for_query(FastFuzzyTerm("text", "zapatist", maxdist=1))


def test_a_typo_with_a_tilde_finds_the_articles_quickly_through_the_page(client, seeds):
    response = client.get("/api/search/", {"q": "frontire~"})

    assert response.status_code == 200 and response.json()["count"] == 5


def test_a_name_cited_once_late_in_an_article_is_suggested(client, seeds):
    payload = client.get("/api/search/", {"q": "Sheinbam"}).json()

    assert payload["count"] == 0 and payload["suggestion"] == "Sheinbaum"


def test_a_segments_words_are_read_once_whatever_reader_opens_it(seeds, make_article):
    # Whoosh opens new readers for every segment at each commit: what is read
    # from a segment is kept by the segment, so an unchanged one is not read again.
    make_article("Un mot nouveau : zapatiste, au Chiapas.")
    index = backend().index
    with index.reader() as first, index.reader() as second:
        assert first is not second
        assert vocabulary(first, "words").within("zapatist", 1) == ["zapatiste"]
        for (one, _), (other, _) in zip(first.leaf_readers(), second.leaf_readers(), strict=True):
            assert one is not other
            assert vocabulary(one, "words") is vocabulary(other, "words")
