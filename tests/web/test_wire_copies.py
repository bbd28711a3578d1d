"""Wire copies on the reader's pages: the article shows how much text it shares
with each copy and what differs; a search can show each story once with
« N reprises », which opens them all."""

from html import unescape

from django.utils.html import strip_tags

from archive.models import Article
from tests.archive.extraction.test_wire_copies import STORY
from tests.web.page_parts import html_of, section


def text_of(html):
    return " ".join(unescape(strip_tags(html)).split())


def test_the_article_page_shows_the_similarity_and_the_escaped_differences(client, make_article):
    story = make_article(STORY, title="Des soldats à la frontière", date="2018-10-30", source="AFP", ref="a.txt")
    hostile = STORY.replace("mardi", "<b>mercredi</b>") + "\n\nAjout <script>alert(1)</script> de la rédaction."
    copy = make_article(hostile, title="Reprise", date="2018-10-30", source="Belga", ref="b.txt")
    html = html_of(client, story.get_absolute_url())
    shown = section(html, "duplicates", tag="ul")
    assert f'href="{copy.get_absolute_url()}"' in shown
    assert "du texte en commun" in shown and "\u00a0%" in shown
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<del>mardi</del>" in shown and "<ins>&lt;b&gt;mercredi&lt;/b&gt;</ins>" in shown
    assert "Seulement dans l'autre" in text_of(shown)


def test_seeds_001_and_002_show_their_share_of_text_in_common(client, seeds):
    shown = text_of(section(html_of(client, seeds[1].get_absolute_url()), "duplicates", tag="ul"))
    assert seeds[2].title[:40] in shown
    assert "du texte en commun" in shown and "Ce qui diffère" in shown


def test_a_search_by_story_shows_the_seeds_wire_story_once_with_its_copy(client, seeds):
    grouped = client.get("/api/search/", {"q": "caravane", "stories": "1"}).json()
    assert grouped["count"] == 2  # seed 000, and the story of seeds 001 and 002
    story = next(result for result in grouped["results"] if result["story"] == seeds[1].slug)
    assert story["copies"] == 1
    assert {result["copies"] for result in grouped["results"]} == {0, 1}
    every = client.get("/api/search/", {"story": seeds[1].slug}).json()
    assert {result["slug"] for result in every["results"]} == {seeds[1].slug, seeds[2].slug}
    ungrouped = client.get("/api/search/", {"q": "caravane"}).json()
    assert ungrouped["count"] == 3 and {result["copies"] for result in ungrouped["results"]} == {None}


def test_the_search_page_links_n_reprises_to_every_article_of_the_story(client, seeds):
    html = html_of(client, "/recherche/", q="caravane", stories="1")
    assert 'name="stories" type="checkbox" value="1" checked' in html
    copies = section(html, "copies", tag="p")
    assert "1 reprise" in text_of(copies)
    assert f'href="/recherche/?story={seeds[1].slug}&amp;sort=oldest"' in copies
    opened = html_of(client, "/recherche/", story=seeds[1].slug, sort="oldest")
    assert "2 articles" in opened
    # The chip names the story by its first article's title, escaped.
    assert "Reprises de :" in text_of(section(opened, "chips", tag="ul"))
    assert Article.objects.get(slug=seeds[1].slug).title[:30] in text_of(section(opened, "chips", tag="ul"))


def test_an_unknown_story_finds_nothing_and_a_bad_one_is_explained(client, seeds):
    assert client.get("/api/search/", {"story": "pas-une-histoire"}).json()["count"] == 0
    response = client.get("/api/search/", {"story": "<script>"})
    assert response.status_code == 400
    assert "Reprises de" in response.json()["errors"][0]
