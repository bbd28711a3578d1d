def test_the_article_page_shows_title_date_source_and_paragraphs(client, seeds):
    article = seeds[1]
    html = client.get(f"/articles/{article.slug}/").content.decode()
    assert "<h1>Plus de 5.000 militaires américains" in html
    assert "octobre 2018" in html
    assert "Belga" in html
    assert html.count('<p class="lead">') == 1


def test_paragraphs_of_the_text_are_kept(client, seeds):
    html = client.get(f"/articles/{seeds[0].slug}/").content.decode()
    assert html.count("<p") >= 17
    assert "Titre tiré de la première phrase" in html


def test_arriving_from_a_search_highlights_the_query_terms(client, seeds):
    html = client.get(f"/articles/{seeds[0].slug}/", {"q": "armee"}).content.decode()
    assert "l&#x27;<mark>armée</mark> américaine" in html
    assert html.count("<mark>") >= 3
    assert "Retour aux résultats pour « armee »" in html


def test_without_a_query_nothing_is_highlighted(client, seeds):
    assert "<mark>" not in client.get(f"/articles/{seeds[0].slug}/").content.decode()


def test_an_unknown_article_is_a_404_page_in_french(client, db):
    response = client.get("/articles/nexiste-pas/")
    assert response.status_code == 404


def test_hostile_text_is_escaped_on_the_article_page(client, make_article):
    article = make_article('<script>alert(1)</script> Le soldat <a href="javascript:alert(1)">lien</a>.')
    html = client.get(f"/articles/{article.slug}/", {"q": "soldat"}).content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    assert "<mark>soldat</mark>" in html


def test_the_way_back_keeps_the_whole_search(client, seeds):
    search = client.get("/recherche/", {"q": "caravane", "source": "belga", "sort": "newest"}).content.decode()
    assert f'href="/articles/{seeds[1].slug}/?q=caravane&amp;source=belga&amp;sort=newest&amp;rang=1"' in search
    article = client.get(
        f"/articles/{seeds[1].slug}/", {"q": "caravane", "source": "belga", "sort": "newest", "rang": "1"}
    )
    assert 'href="/recherche/?q=caravane&amp;source=belga&amp;sort=newest"' in article.content.decode()


def test_the_article_page_says_who_signed_it(client, make_article):
    article = make_article(
        "Le conseil municipal a voté lundi le budget.\n\nJeanne Fictive, Marc Imaginaire et Luc Inventé",
        title="Le budget voté",
    )
    html = client.get(f"/articles/{article.slug}/").content.decode()
    assert "Par Jeanne Fictive, Marc Imaginaire et Luc Inventé" in html
    assert "Jeanne Fictive, Marc Imaginaire et Luc Inventé, « Le budget voté »" in html  # the citation
    assert "author = {Jeanne Fictive and Marc Imaginaire and Luc Inventé}" in html


def test_an_article_nobody_signed_has_no_byline(client, seeds):
    assert '<dd class="byline">' not in client.get(f"/articles/{seeds[1].slug}/").content.decode()


def test_the_article_page_and_its_api_say_who_announced_a_figure(client, seeds):
    from archive.models import Figure

    # Seed 002: « … du Wall Street Journal, selon lequel 5.000 soldats américains pourraient être déployés »
    figure = Figure.objects.get(article__in=seeds, count=5000, announcer="Wall Street Journal")
    assert figure.announcer_kind == "organisation"
    html = client.get(figure.article.get_absolute_url()).content.decode()
    assert '<span class="announcer">annoncé par : Wall Street Journal</span>' in html
    data = client.get(f"/api/articles/{figure.article.slug}/").json()
    item = next(f for f in data["figures"] if f["count"] == 5000)
    assert (item["announcer"], item["announcer_kind"]) == ("Wall Street Journal", "organisation")
    assert all("announcer" in f for f in data["figures"])
