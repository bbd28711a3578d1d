import xml.etree.ElementTree as ET

from archive.models import Article

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def atom(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed):
    return feed.findall("atom:entry", ATOM)


def link_of(element):
    return element.find("atom:link[@rel='alternate']", ATOM).get("href")


def test_the_feed_of_a_search_lists_its_articles_newest_first(client, seeds):
    feed = atom(client.get("/recherche/atom/", {"q": "caravane"}))

    assert feed.findtext("atom:title", namespaces=ATOM) == "Vigie — « caravane »"
    assert link_of(feed) == "http://testserver/recherche/?q=caravane"
    assert feed.find("atom:link[@rel='self']", ATOM).get("href") == "http://testserver/recherche/atom/?q=caravane"
    items = entries(feed)
    assert {link_of(entry) for entry in items} == {f"http://testserver/articles/{seeds[n].slug}/" for n in (0, 1, 2)}
    # Newest first even though a query sorts the page by relevance; the dated article leads.
    first = items[0]
    assert link_of(first) == f"http://testserver/articles/{seeds[1].slug}/"
    assert first.findtext("atom:title", namespaces=ATOM) == seeds[1].title
    assert first.findtext("atom:published", namespaces=ATOM).startswith("2018-10-01T00:00:00")
    summary = first.find("atom:summary", ATOM)
    assert summary.get("type") == "html"
    assert summary.text.startswith("Belga, octobre 2018. ")
    assert "Caravanes de migrants" in {c.get("term") for c in first.findall("atom:category", ATOM)}


def test_an_undated_article_is_dated_by_its_arrival_in_the_archive(client, seeds):
    feed = atom(client.get("/recherche/atom/", {"q": "caravane"}))
    undated = next(e for e in entries(feed) if link_of(e).endswith(f"/{seeds[0].slug}/"))

    seeds[0].refresh_from_db()
    assert undated.findtext("atom:published", namespaces=ATOM) == seeds[0].imported_at.isoformat()
    assert "date inconnue" in undated.find("atom:summary", ATOM).text


def test_without_a_query_the_feed_gives_the_latest_articles(client, seeds):
    feed = atom(client.get("/recherche/atom/"))

    assert feed.findtext("atom:title", namespaces=ATOM) == "Vigie — derniers articles"
    assert len(entries(feed)) == 5


def test_the_feed_keeps_the_search_filters_and_names_them(client, seeds):
    feed = atom(client.get("/recherche/atom/", {"q": "caravane", "source": "belga"}))

    assert feed.findtext("atom:title", namespaces=ATOM) == "Vigie — « caravane » (Belga)"
    assert [link_of(e) for e in entries(feed)] == [f"http://testserver/articles/{seeds[1].slug}/"]


def test_markup_in_an_article_reaches_feed_readers_as_text(client, make_article):
    make_article(
        "<script>alert('frontière')</script> Des soldats à la frontière <b>texas</b>.",
        title="<script>alert(1)</script> La frontière",
    )

    response = client.get("/recherche/atom/", {"q": "frontiere"})
    (entry,) = entries(atom(response))

    assert b"<script" not in response.content
    assert entry.findtext("atom:title", namespaces=ATOM) == "<script>alert(1)</script> La frontière"
    # The summary is HTML: the article's markup is escaped in it, so a reader shows it as text.
    summary = entry.find("atom:summary", ATOM).text
    assert "&lt;script&gt;alert(&#x27;frontière&#x27;)&lt;/script&gt;" in summary
    assert "<script>" not in summary and "<b>" not in summary


def test_the_feed_refuses_bad_parameters_with_a_french_400(client, seeds):
    response = client.get("/recherche/atom/", {"q": "armee", "theme": "Pas un slug!"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Paramètre « Thème » ignoré : valeur non reconnue" in response.content.decode()


def test_the_feed_answers_503_when_the_index_cannot_be_read(client, db, unreadable_index):
    response = client.get("/recherche/atom/", {"q": "armee"})

    assert response.status_code == 503
    assert "momentanément indisponible" in response.content.decode()


def test_the_feed_costs_the_same_two_queries_for_one_article_or_many(client, seeds, django_assert_max_num_queries):
    # The articles, then their themes: never a query per article.
    with django_assert_max_num_queries(2):
        one = entries(atom(client.get("/recherche/atom/", {"year": "2021"})))
    with django_assert_max_num_queries(2):
        every = entries(atom(client.get("/recherche/atom/")))
    assert (len(one), len(every)) == (1, 5)


def test_control_characters_in_a_query_or_an_article_leave_the_feed_valid(client, seeds):
    # Found by hypothesis: "?q=%01" made the feed a 500 (XML 1.0 holds no control characters).
    feed = atom(client.get("/recherche/atom/?q=fronti%01%C3%A8re%1F"))
    assert feed.findtext("atom:title", namespaces=ATOM) == "Vigie — « fronti ère »"
    Article.objects.filter(pk=seeds[0].pk).update(title="Titre\x01 avec\x0b contrôle", lead="Chapeau\x02.")
    titles = [entry.findtext("atom:title", namespaces=ATOM) for entry in entries(atom(client.get("/recherche/atom/")))]
    assert "Titre avec contrôle" in titles
