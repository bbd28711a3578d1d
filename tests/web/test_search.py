import re

import pytest

from archive.models import Article
from search.query.run import search_queryset
from search.query.state import SearchState

pytestmark = pytest.mark.usefixtures("seeds")


def result_slugs(response):
    return re.findall(r'class="result-title"><a href="/articles/([^/]+)/', response.content.decode())


def seed_slug(seeds, number):
    return seeds[number].slug


def test_armee_finds_the_two_articles_that_mention_l_armee_highlighted(client, seeds):
    response = client.get("/recherche/", {"q": "armee"})
    assert response.status_code == 200
    assert set(result_slugs(response)) == {seeds[0].slug, seeds[2].slug}
    html = response.content.decode()
    assert "2 articles pour « armee »" in html
    assert "l&#x27;<mark>armée</mark>" in html


def test_singular_finds_plural(client, seeds):
    slugs = set(result_slugs(client.get("/recherche/", {"q": "militaire"})))
    assert seeds[1].slug in slugs  # "5.000 militaires américains"
    assert seeds[4].slug in slugs  # "mission militaire"


def test_unaccented_etats_unis_finds_accented_text(client, seeds):
    slugs = set(result_slugs(client.get("/recherche/", {"q": "Etats-Unis"})))
    assert seeds[0].slug in slugs  # only "États-Unis" in the text
    assert seeds[2].slug in slugs  # "Etats-Unis" without accent


def test_a_phrase_matches_words_in_order(client, seeds):
    slugs = set(result_slugs(client.get("/recherche/", {"q": '"Garde nationale"'})))
    assert slugs == {seeds[1].slug, seeds[2].slug}


def test_and_or_not_combine(client, seeds):
    both = set(result_slugs(client.get("/recherche/", {"q": "armee AND Halifax"})))
    assert both == {seeds[0].slug}
    either = set(result_slugs(client.get("/recherche/", {"q": "Halifax OR cartels"})))
    assert either == {seeds[0].slug, seeds[4].slug}
    without = set(result_slugs(client.get("/recherche/", {"q": "armee NOT Halifax"})))
    assert without == {seeds[2].slug}
    minus = set(result_slugs(client.get("/recherche/", {"q": "armee -Halifax"})))
    assert minus == {seeds[2].slug}


def test_a_prefix_matches_every_word_it_begins(client, seeds):
    slugs = set(result_slugs(client.get("/recherche/", {"q": "milit*"})))
    assert {seeds[0].slug, seeds[1].slug, seeds[4].slug} <= slugs
    html = client.get("/recherche/", {"q": "milit*"}).content.decode()
    assert "<mark>militaires</mark>" in html or "<mark>militaire</mark>" in html


def test_a_title_field_query_searches_titles_only(client, seeds):
    assert set(result_slugs(client.get("/recherche/", {"q": "titre:cartels"}))) == set()
    assert set(result_slugs(client.get("/recherche/", {"q": "titre:présidence"}))) == {seeds[4].slug}


def test_an_empty_query_browses_every_article_newest_first(client, seeds):
    response = client.get("/recherche/")
    slugs = result_slugs(response)
    assert len(slugs) == 5
    # June 2021 (003, from its tweet), October 2018 (001), then the undated.
    assert slugs[:2] == [seeds[3].slug, seeds[1].slug]


def test_dates_show_at_their_precision(client, seeds):
    html = client.get("/recherche/", {"q": "Belga OR Pentagone"}).content.decode()
    assert "octobre 2018" in html
    assert "1 octobre 2018" not in html
    assert "date inconnue" in html


def test_facets_count_and_narrow(client, seeds):
    html = client.get("/recherche/", {"q": "caravane"}).content.decode()
    assert 'href="/recherche/?q=caravane&amp;source=belga"' in html
    assert re.search(r"Belga</span> <span class=\"count\">1</span>", html)
    narrowed = client.get("/recherche/", {"q": "caravane", "source": "belga"})
    assert result_slugs(narrowed) == [seeds[1].slug]
    assert result_slugs(client.get("/recherche/", {"year": "2018"})) == [seeds[1].slug]


def test_a_selected_facet_can_be_removed(client, seeds):
    html = client.get("/recherche/", {"q": "caravane", "source": "belga"}).content.decode()
    assert 'aria-label="Retirer le filtre Source : Belga"' in html
    assert 'href="/recherche/?q=caravane"' in html


def test_sort_by_date_either_way_puts_undated_articles_last(client, seeds):
    newest = result_slugs(client.get("/recherche/", {"q": "frontière", "sort": "newest"}))
    oldest = result_slugs(client.get("/recherche/", {"q": "frontière", "sort": "oldest"}))
    assert newest[:2] == [seeds[3].slug, seeds[1].slug]
    assert oldest[:2] == [seeds[1].slug, seeds[3].slug]


def test_pagination_keeps_the_search_and_ends_on_the_last_page(client, seeds, settings):
    settings.VIGIE_RESULTS_PER_PAGE = 2
    first = client.get("/recherche/", {"q": "frontière", "sort": "newest", "year": "zzz", "relevance": "zzz"})
    html = first.content.decode()
    assert "Page 1 sur" in html
    # The values the search ignored (and said so) are not carried to the next page.
    assert 'rel="next" href="/recherche/?q=fronti%C3%A8re&amp;sort=newest&amp;page=2"' in html
    pages = [
        result_slugs(client.get("/recherche/", {"q": "frontière", "sort": "newest", "page": n})) for n in (1, 2, 3)
    ]
    seen = [slug for page in pages for slug in page]
    assert len(seen) == len(set(seen)) == Article.objects.filter(body__icontains="frontière").count()
    beyond = client.get("/recherche/", {"q": "frontière", "page": 99})
    assert beyond.status_code == 200
    assert "voici la dernière" in beyond.content.decode()
    assert result_slugs(beyond)


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "(((",
        ")))",
        "AND",
        "OR",
        "NOT",
        "x" * 5000,
        "mot " * 2000,
        "*:*",
        "titre:",
        "a~~~",
        '"',
        "-",
        "¿¡",
    ],
)
def test_malformed_queries_answer_200_never_500(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200


def test_a_query_of_punctuation_says_what_to_do(client):
    html = client.get("/recherche/", {"q": "((("}).content.decode()
    assert "aucun mot à chercher" in html


def test_a_very_long_query_is_cut_with_a_message(client):
    html = client.get("/recherche/", {"q": "frontière " * 600}).content.decode()
    assert "trop longue" in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "10" * 30},
        {"sort": "hasard"},
        {"year": "20x8"},
        {"source": "<b>"},
        {"inconnu": "1"},
    ],
)
def test_bad_parameters_are_ignored_with_a_message(client, params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    assert "ignoré" in response.content.decode()


def test_results_render_without_a_database_query_per_result(client, django_assert_max_num_queries):
    # Labels only, one query each for sources, entities and themes, however many results.
    with django_assert_max_num_queries(3):
        response = client.get("/recherche/", {"q": "frontière"})
    assert len(result_slugs(response)) >= 4


def test_a_results_page_runs_one_index_search_plus_one_per_facet_in_use(client, seeds, monkeypatch):
    # Count, page of results, facet counts and the coverage chart come from one
    # Whoosh search; a facet with a selection is counted once more without it.
    from search.engine.backend import FrenchWhooshSearchBackend

    calls = []
    search = FrenchWhooshSearchBackend.search
    monkeypatch.setattr(
        FrenchWhooshSearchBackend, "search", lambda self, *a, **k: calls.append(1) or search(self, *a, **k)
    )
    client.get("/recherche/", {"q": "frontière", "sort": "newest", "date_from": "2018"})
    assert len(calls) == 1
    calls.clear()
    client.get("/recherche/", {"q": "frontière", "source": ["belga", "afp"], "person": "donald-trump"})
    assert len(calls) == 3


def test_a_stored_only_field_name_is_read_as_a_word(client, seeds):
    assert client.get("/recherche/", {"q": "body:armee"}).status_code == 200
    assert client.get(f"/articles/{seeds[0].slug}/", {"q": "body:armee"}).status_code == 200


def test_hostile_article_text_is_escaped_in_results(client, make_article):
    make_article('Le <script>alert("x")</script> soldat <img src=x onerror=alert(1)> arrive.', title="<b>Titre</b>")
    html = client.get("/recherche/", {"q": "soldat"}).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;Titre&lt;/b&gt;" in html
    assert "<mark>soldat</mark>" in html


def test_the_query_is_escaped_where_it_is_shown(client):
    html = client.get("/recherche/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in html


def test_any_slice_of_a_search_reads_the_right_results(seeds):
    # haystack's Whoosh backend turned [5:8] into "page 2 of 3" (results 3–5).
    sqs = search_queryset(SearchState.from_query({"sort": "oldest"}))
    everything = [result.slug for result in sqs[0:5]]
    assert len(everything) == 5
    for start, stop in [(1, 3), (2, 5), (3, 4), (4, 9), (5, 8)]:
        again = search_queryset(SearchState.from_query({"sort": "oldest"}))
        assert [result.slug for result in again[start:stop]] == everything[start:stop]
