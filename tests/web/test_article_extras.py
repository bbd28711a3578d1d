"""The article page's extras: related articles, previous/next in the search it
was opened from, the citation, the raw original, the editor's link."""

import datetime
import re
from html import unescape

import pytest
from django.test import override_settings
from django.utils.html import strip_tags

from archive.citation import bibtex, bibtex_text, plain_citation
from archive.models import Article, DatePrecision, Source
from search.engine.connection import backend
from search.query.related import related_articles

TRICKY_TITLE = 'Le « mur » de Trump : 50 % du budget & {l\'armée} \\ coûts $ #1 _x_ ^ ~ "ici"'


def result_links(html):
    """(slug, querystring) of each result of a search page, in order."""
    return [
        (slug, query.replace("&amp;", "&"))
        for slug, query in re.findall(r'class="result-title"><a href="/articles/([^/]+)/\?([^"]*)"', html)
    ]


def neighbour_link(html, rel):
    match = re.search(rf'rel="{rel}" href="/articles/([^/]+)/\?([^"]*)"', html)
    return (match.group(1), match.group(2).replace("&amp;", "&")) if match else None


def link_text(html, rel):
    """What a reader (or a screen reader) gets of the link: its text, tags left out."""
    inner = re.search(rf'rel="{rel}"[^>]*>(.*?)</a>', html, re.S).group(1)
    return " ".join(unescape(strip_tags(inner)).split())


# Related articles ---------------------------------------------------------


def test_related_articles_leave_out_the_article_itself(seeds):
    related = related_articles(seeds[0])
    slugs = [other.slug for other in related]
    assert related
    assert seeds[0].slug not in slugs
    assert len(slugs) == len(set(slugs))
    assert set(slugs) <= {article.slug for article in seeds.values()}


def test_related_articles_leave_out_near_duplicates_already_shown(seeds):
    duplicates = list(seeds[1].near_duplicates.all())
    assert seeds[2] in duplicates  # the same wire story (seeds 001 and 002)
    slugs = {other.slug for other in related_articles(seeds[1])}
    assert seeds[1].slug not in slugs
    assert seeds[2].slug not in slugs
    assert slugs


def test_related_articles_come_from_stored_fields_with_source_names_in_one_query(seeds, django_assert_num_queries):
    article = Article.objects.get(pk=seeds[0].pk)
    with django_assert_num_queries(1):
        related = related_articles(article, limit=5, exclude=[])
    by_slug = {other.slug: other for other in related}
    belga = by_slug[seeds[1].slug]
    assert belga.title == seeds[1].title
    assert belga.source_name == "Belga"
    assert belga.date == seeds[1].published_on
    assert belga.date_precision == seeds[1].date_precision


def test_the_limit_caps_the_related_articles(seeds):
    assert len(related_articles(seeds[0], limit=2)) == 2


def test_the_article_page_links_to_related_articles(client, seeds):
    html = client.get(f"/articles/{seeds[0].slug}/").content.decode()
    section = html[html.index('<section class="related"') :]
    assert '<h2 id="related-heading">Articles proches</h2>' in section
    slugs = re.findall(r'href="/articles/([^/]+)/"', section[: section.index("</section>")])
    assert slugs and seeds[0].slug not in slugs


def test_an_article_missing_from_the_index_shows_no_related_articles_and_no_error(client, make_article):
    article = make_article("Des soldats américains patrouillent le long de la frontière avec le Mexique.")
    make_article("Des soldats de la Garde nationale sont envoyés à la frontière mexicaine.")
    backend().remove(article)
    assert related_articles(article) == []
    response = client.get(f"/articles/{article.slug}/")
    assert response.status_code == 200
    assert "Articles proches" not in response.content.decode()


# Previous / next in the search ----------------------------------------------


def test_search_results_link_to_articles_with_their_rank(client, seeds):
    links = result_links(client.get("/recherche/", {"q": "frontière"}).content.decode())
    assert len(links) >= 3
    assert [query for _, query in links[:3]] == [
        "q=fronti%C3%A8re&rang=1",
        "q=fronti%C3%A8re&rang=2",
        "q=fronti%C3%A8re&rang=3",
    ]


@override_settings(VIGIE_RESULTS_PER_PAGE=2)
def test_ranks_continue_on_later_result_pages(client, seeds):
    links = result_links(client.get("/recherche/", {"page": "2"}).content.decode())
    assert [query for _, query in links] == ["page=2&rang=3", "page=2&rang=4"]


def test_previous_and_next_follow_the_search_order(client, seeds):
    links = result_links(client.get("/recherche/", {"q": "frontière"}).content.decode())
    slug, query = links[1]
    html = client.get(f"/articles/{slug}/?{query}").content.decode()
    assert neighbour_link(html, "prev") == (links[0][0], "q=fronti%C3%A8re&rang=1")
    assert neighbour_link(html, "next") == (links[2][0], "q=fronti%C3%A8re&rang=3")
    titles = {article.slug: article.title for article in seeds.values()}
    previous = link_text(html, "prev")
    assert previous.startswith("← Précédent : ")
    assert titles[links[0][0]][:60] in previous
    assert link_text(html, "next").startswith("Suivant : → ")
    assert f"Résultat 2 sur {len(links)}" in html


def test_the_first_result_has_no_previous_and_the_last_no_next(client, seeds):
    links = result_links(client.get("/recherche/").content.decode())
    assert len(links) == 5
    first = client.get(f"/articles/{links[0][0]}/?{links[0][1]}").content.decode()
    assert neighbour_link(first, "prev") is None
    assert neighbour_link(first, "next") == (links[1][0], "rang=2")
    last = client.get(f"/articles/{links[4][0]}/?{links[4][1]}").content.decode()
    assert neighbour_link(last, "prev") == (links[3][0], "rang=4")
    assert neighbour_link(last, "next") is None
    assert "Résultat 5 sur 5" in last


def test_following_next_walks_through_every_result(client, seeds):
    links = result_links(client.get("/recherche/", {"sort": "oldest"}).content.decode())
    visited, step = [], links[0]
    while step:
        visited.append(step[0])
        step = neighbour_link(client.get(f"/articles/{step[0]}/?{step[1]}").content.decode(), "next")
    assert visited == [slug for slug, _ in links]


@pytest.mark.parametrize("rang", ["abc", "0", "-1", "999999", "", "1.5", "²", "1" * 40])
def test_a_bad_rank_shows_the_article_without_navigation(client, seeds, rang):
    response = client.get(f"/articles/{seeds[0].slug}/", {"q": "frontière", "rang": rang})
    assert response.status_code == 200
    html = response.content.decode()
    assert "search-neighbours" not in html
    assert 'href="/recherche/?q=fronti%C3%A8re"' in html


def test_a_rank_past_the_last_result_shows_no_navigation(client, seeds):
    response = client.get(f"/articles/{seeds[0].slug}/", {"q": "frontière", "rang": "150000"})
    assert response.status_code == 200
    assert "search-neighbours" not in response.content.decode()


def test_an_article_that_moved_in_the_results_is_found_nearby(client, seeds):
    links = result_links(client.get("/recherche/").content.decode())
    html = client.get(f"/articles/{links[0][0]}/", {"rang": "4"}).content.decode()
    assert "Résultat 1 sur 5" in html
    assert neighbour_link(html, "next") == (links[1][0], "rang=2")


def test_an_article_no_longer_in_the_search_shows_no_navigation(client, seeds):
    html = client.get(f"/articles/{seeds[3].slug}/", {"q": "caravane", "source": "belga", "rang": "1"}).content.decode()
    assert "search-neighbours" not in html
    assert 'href="/recherche/?q=caravane&amp;source=belga"' in html


def test_a_query_the_index_cannot_run_costs_only_the_navigation(client, seeds):
    response = client.get(f"/articles/{seeds[0].slug}/", {"q": '"frontière (', "rang": "1"})
    assert response.status_code == 200


@override_settings(VIGIE_RESULTS_PER_PAGE=2)
def test_the_way_back_drops_the_rank_and_returns_to_the_results_page_that_holds_it(client, seeds):
    links = result_links(client.get("/recherche/", {"sort": "oldest", "page": "2"}).content.decode())
    slug, query = links[1]
    assert query == "sort=oldest&page=2&rang=4"
    html = client.get(f"/articles/{slug}/?{query}").content.decode()
    assert 'href="/recherche/?sort=oldest&amp;page=2">← Retour aux résultats' in html
    first = client.get(f"/articles/{links[0][0]}/", {"sort": "oldest", "page": "7", "rang": "1"}).content.decode()
    assert 'href="/recherche/?sort=oldest">← Retour aux résultats' in first
    # Following "next" past the page's end leads back to the page that shows it.
    after = neighbour_link(html, "next")
    assert after[1] == "sort=oldest&page=2&rang=5"
    html = client.get(f"/articles/{after[0]}/?{after[1]}").content.decode()
    assert 'href="/recherche/?sort=oldest&amp;page=3">← Retour aux résultats' in html


# Citation -------------------------------------------------------------------


def article(**fields):
    defaults = {
        "slug": "le-mur-de-trump-1a2b3c4d",
        "title": "Le mur de Trump",
        "published_on": datetime.date(2018, 11, 12),
        "date_precision": DatePrecision.DAY,
        "source": Source(name="Belga", slug="belga"),
        "url": "https://www.example.org/monde/le-mur?id=42&x=1",
        "language": "fr",
    }
    return Article(**{**defaults, **fields})


URL = "http://testserver/articles/le-mur-de-trump-1a2b3c4d/"
TODAY = datetime.date(2025, 3, 3)


def test_plain_citation_in_french_style_with_the_day():
    assert plain_citation(article(), URL, today=TODAY) == (
        "« Le mur de Trump », Belga, 12 novembre 2018. "
        "En ligne : https://www.example.org/monde/le-mur?id=42&x=1. "
        "Archive Vigie : http://testserver/articles/le-mur-de-trump-1a2b3c4d/, consulté le 3 mars 2025."
    )


def test_plain_citation_gives_the_date_at_its_precision_and_s_d_when_unknown():
    month = article(published_on=datetime.date(2018, 10, 1), date_precision=DatePrecision.MONTH)
    assert "« Le mur de Trump », Belga, octobre 2018." in plain_citation(month, URL, today=TODAY)
    undated = article(published_on=None, date_precision=DatePrecision.UNKNOWN, source=None, url="")
    assert plain_citation(undated, URL, today=TODAY) == (
        "« Le mur de Trump », s. d. Archive Vigie : http://testserver/articles/le-mur-de-trump-1a2b3c4d/, "
        "consulté le 3 mars 2025."
    )


def test_plain_citation_turns_quotes_inside_the_title_into_inner_quotes():
    citation = plain_citation(article(title=TRICKY_TITLE), URL, today=TODAY)
    assert citation.startswith(
        '« Le “ mur ” de Trump : 50 % du budget & {l\'armée} \\ coûts $ #1 _x_ ^ ~ "ici" », Belga'
    )


def test_a_title_vigie_made_is_cited_as_attributed_in_both_formats():
    made = article(title="Cette source a confirmé une information du Wall Street Journal", title_generated=True)
    assert plain_citation(made, URL, today=TODAY).startswith(
        "« Cette source a confirmé une information du Wall Street Journal » [titre attribué], Belga, 12 novembre 2018."
    )
    assert "  title = {{Cette source a confirmé une information du Wall Street Journal} [titre attribué]},\n" in (
        bibtex(made, URL, today=TODAY)
    )
    assert "[titre attribué]" not in plain_citation(article(), URL, today=TODAY) + bibtex(article(), URL)


def test_bibtex_escapes_every_special_character_of_a_title():
    assert bibtex_text(TRICKY_TITLE) == (
        r"Le « mur » de Trump : 50 \% du budget \& \{l'armée\} \textbackslash{} coûts \$ \#1 \_x\_ "
        r'\textasciicircum{} \textasciitilde{} "ici"'
    )


def test_bibtex_entry_of_an_article_dated_to_the_day():
    assert bibtex(article(title="Trump & la 'Garde' à 100 %"), URL, today=TODAY) == (
        "@article{le-mur-de-trump-1a2b3c4d,\n"
        "  title = {{Trump \\& la 'Garde' à 100 \\%}},\n"
        "  journal = {Belga},\n"
        "  year = {2018},\n"
        "  month = nov,\n"
        "  day = {12},\n"
        "  url = {https://www.example.org/monde/le-mur?id=42&x=1},\n"
        "  urldate = {2025-03-03},\n"
        "  note = {Archive Vigie : http://testserver/articles/le-mur-de-trump-1a2b3c4d/},\n"
        "  langid = {french}\n"
        "}\n"
    )


def test_bibtex_gives_the_date_at_its_precision_and_misc_without_a_source():
    month = bibtex(article(published_on=datetime.date(2018, 10, 1), date_precision=DatePrecision.MONTH), URL)
    assert "year = {2018}" in month and "month = oct" in month and "day =" not in month
    year = bibtex(article(published_on=datetime.date(2018, 1, 1), date_precision=DatePrecision.YEAR), URL)
    assert "year = {2018}" in year and "month" not in year
    unknown = bibtex(
        article(published_on=None, date_precision=DatePrecision.UNKNOWN, source=None, url=""), URL, today=TODAY
    )
    assert unknown.startswith("@misc{le-mur-de-trump-1a2b3c4d,\n")
    assert "year" not in unknown and "journal" not in unknown
    assert "  url = {http://testserver/articles/le-mur-de-trump-1a2b3c4d/},\n" in unknown


def test_bibtex_braces_stay_balanced_whatever_the_title_and_url():
    entry = bibtex(article(title=TRICKY_TITLE + " }}{ \\", url="https://example.org/a{b}\\c d_%20"), URL)
    unescaped = re.sub(r"\\[{}]", "", entry)
    depth = 0
    for char in unescaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    assert "url = {https://example.org/a%7Bb%7D%5Cc%20d_%20}" in entry


def test_the_page_offers_the_citation_in_both_formats(client, seeds):
    article = seeds[1]
    html = client.get(f"/articles/{article.slug}/").content.decode()
    assert "<summary>Citer cet article</summary>" in html
    assert '<label for="citation-text">Référence</label>' in html
    assert '<label for="citation-bibtex">BibTeX</label>' in html
    plain = re.search(r'<textarea id="citation-text"[^>]*>([^<]*)</textarea>', html).group(1)
    assert plain.startswith("« Plus de 5.000 militaires américains")
    assert "» [titre attribué], Belga" in plain  # seed 001 came without a title
    assert f"Archive Vigie : http://testserver/articles/{article.slug}/, consulté le" in plain
    assert f"@article{{{article.slug}," in html
    assert f'href="/articles/{article.slug}/citation.bib"' in html
    assert '<script src="/static/js/copy.js" defer></script>' in html


def test_the_bibtex_file_downloads(client, seeds):
    article = seeds[1]
    response = client.get(f"/articles/{article.slug}/citation.bib")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}.bib"'
    text = response.content.decode("utf-8")
    assert text.startswith(f"@article{{{article.slug},\n  title = {{{{Plus de 5.000 militaires américains")
    assert "  journal = {Belga},\n  year = {2018},\n  month = oct,\n" in text
    assert client.get("/articles/inconnu/citation.bib").status_code == 404


def test_hostile_titles_are_escaped_in_the_citation_on_the_page(client, make_article):
    article = make_article("Le soldat est parti.", title="</textarea><script>alert(1)</script>")
    html = client.get(f"/articles/{article.slug}/").content.decode()
    assert "<script>alert(1)" not in html
    assert "« &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; »" in html


# Raw original ----------------------------------------------------------------


def test_the_raw_original_is_served_verbatim_as_plain_text(client, make_article):
    raw = "<script>alert(1)</script>\nVidéos associées :\nLe soldat <b>gras</b> est parti."
    article = make_article(raw, ref="hostile.html.txt")
    response = client.get(f"/articles/{article.slug}/original.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response.content.decode("utf-8") == Article.objects.get(pk=article.pk).raw_text
    assert "<script>alert(1)</script>" in response.content.decode("utf-8")
    assert client.get("/articles/inconnu/original.txt").status_code == 404


def test_the_page_links_to_the_raw_text_but_keeps_the_import_reference_for_editors(client, make_article):
    article = make_article("<script>alert(1)</script> Le soldat est parti.", ref="lot-3/<b>hostile</b>.txt")
    html = client.get(f"/articles/{article.slug}/").content.decode()
    assert f'href="/articles/{article.slug}/original.txt" type="text/plain">Voir le texte brut importé</a>' in html
    assert "lot-3" not in html and "Importé de" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


# Editor link -----------------------------------------------------------------


def test_editors_get_a_link_to_the_admin_page_and_readers_do_not(client, editor_client, seeds):
    article = seeds[0]
    admin_link = f'href="/admin/archive/article/{article.pk}/change/"'
    assert admin_link in editor_client.get(f"/articles/{article.slug}/").content.decode()
    editor_client.logout()
    assert admin_link not in client.get(f"/articles/{article.slug}/").content.decode()
