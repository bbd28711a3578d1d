"""The archive's subject on the reader's side: the `relevance` facet and
parameter of the search, the API and the exports, the article page, and the
pages that count the subject's articles by default (`?sujet=tout` for all)."""

import csv
import io
import json
import re

import pytest

from archive.models import Article
from tests.archive.test_curation import change_form, change_url
from tests.web.page_parts import counted, html_of, section

OFF_TOPIC = (
    "Les Bleus se sont qualifiés mercredi pour la finale au stade Al-Bayt. Kylian Mbappé a été décisif. "
    "Plus de 3.000 soldats ont été mobilisés à Paris pour sécuriser la fête, a annoncé le ministre Gérald Darmanin. "
    "Même l'ancien président Donald Trump a salué la victoire."
)


@pytest.fixture
def football(seeds, make_article):
    """The seeds (four core, one related) and one article about football, with a person and a figure."""
    article = make_article(OFF_TOPIC, title="Coupe du monde : la France bat le Maroc", date="2022-12-14")
    assert article.relevance == "off_topic"
    return article


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(data):
    return {result["slug"] for result in data["results"]}


def related_seed():
    """The one seed only related to the subject (002, a wire story on drug cartels and the wall)."""
    return Article.objects.get(relevance="related")


# Search -----------------------------------------------------------------------------


def test_the_relevance_facet_counts_each_level_in_its_order_with_french_labels(client, football):
    data = api(client)
    assert data["facets"]["relevance"] == [
        {"value": "core", "label": "au cœur du sujet", "count": 4},
        {"value": "related", "label": "lié au sujet", "count": 1},
        {"value": "off_topic", "label": "hors sujet", "count": 1},
    ]


def test_the_relevance_parameter_narrows_the_search_and_combines_its_values(client, seeds, football):
    assert slugs(api(client, relevance="off_topic")) == {football.slug}
    assert slugs(api(client, relevance="related")) == {related_seed().slug}
    on_topic = api(client, relevance=["core", "related"])
    assert slugs(on_topic) == {seeds[n].slug for n in range(5)}
    assert slugs(api(client, q="Mbappé", relevance="core")) == set()


def test_each_api_result_carries_its_relevance(client, seeds, football):
    results = {result["slug"]: result["relevance"] for result in api(client)["results"]}
    assert results[football.slug] == "off_topic" and results[related_seed().slug] == "related"
    assert results[seeds[1].slug] == "core"


def test_the_search_page_stays_on_every_article_and_offers_the_facet(client, football):
    html = html_of(client, "/recherche/")
    assert "6 articles" in html or "6 résultats" in html or football.title in html
    facets = section(html, "facets", "aside")
    assert "Sujet de l&#x27;archive" in facets
    assert '<a href="/recherche/?relevance=off_topic"><span class="facet-label">hors sujet</span>' in facets
    chosen = html_of(client, "/recherche/", relevance="core")
    assert football.title not in chosen and "au cœur du sujet" in chosen


@pytest.mark.parametrize("value", ["bogus", "CORE", "<script>", "core;related"])
def test_an_unknown_relevance_value_is_a_clear_note_never_an_error(client, seeds, value):
    response = client.get("/api/search/", {"relevance": value})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert "valeurs possibles : core, related, off_topic" in error
    page = client.get("/recherche/", {"relevance": value})
    assert page.status_code == 200
    assert "valeurs possibles : core, related, off_topic" in page.content.decode()
    assert "<script>" not in page.content.decode().split("</head>")[1].replace("<script src", "")
    assert client.get("/recherche/export.csv", {"relevance": value}).status_code == 400


def test_an_editors_relevance_reaches_the_search_at_once(
    client, seeds, editor_client, django_capture_on_commit_callbacks
):
    article = seeds[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(article), change_form(article, relevance="off_topic"))
    assert response.status_code == 302
    assert slugs(api(client, relevance="off_topic")) == {article.slug}


# Exports ----------------------------------------------------------------------------------


def test_exports_carry_each_articles_relevance(client, seeds, football):
    body = b"".join(client.get("/recherche/export.csv").streaming_content).decode("utf-8-sig")
    rows = {row["slug"]: row["relevance"] for row in csv.DictReader(io.StringIO(body))}
    assert rows[football.slug] == "off_topic" and rows[related_seed().slug] == "related"
    data = json.loads(b"".join(client.get("/recherche/export.json", {"relevance": "off_topic"}).streaming_content))
    assert data["search"]["relevance"] == ["off_topic"]
    assert [(row["slug"], row["relevance"]) for row in data["results"]] == [(football.slug, "off_topic")]


# The article ---------------------------------------------------------------------------------


def test_the_article_api_gives_the_relevance_its_score_and_evidence(client, seeds):
    data = client.get(f"/api/articles/{seeds[1].slug}/").json()
    assert data["relevance"] == "core" and data["relevance_score"] >= 12
    first = data["relevance_evidence"][0]
    assert set(first) == {"term", "count", "in_title", "weight"}
    assert "frontière mexicaine" in {item["term"] for item in data["relevance_evidence"]}


def test_the_article_page_shows_its_relevance_and_what_decided_it(client, seeds, football):
    facts = section(html_of(client, seeds[1].get_absolute_url()), "facts", "aside")
    assert "<h2>Sujet de l'archive</h2>" in facts
    assert '<a href="/recherche/?relevance=core">Au cœur du sujet</a>' in facts
    assert "<summary>Termes du sujet trouvés</summary>" in facts and "frontière mexicaine" in facts
    other = section(html_of(client, football.get_absolute_url()), "facts", "aside")
    assert '<a href="/recherche/?relevance=off_topic">Hors sujet</a> <span class="meta">(score 0,' in other
    assert '<li>Trump <span class="meta">× 1</span></li>' in other  # a passing mention, shown as such


# Pages that count the subject's articles by default ----------------------------------------------


def test_the_home_page_counts_the_subject_by_default_with_a_switch_to_everything(client, football):
    html = html_of(client, "/")
    assert "kylian-mbappe" not in html and football.title not in html
    assert '<a href="/?sujet=tout">Toute l\'archive</a>' in html
    assert "6 articles" in re.sub(r"<[^>]+>", "", html) and "5</strong> au sujet de l" in html
    assert counted("donald-trump", "Donald Trump", 4) in html  # the football article names him too
    everything = html_of(client, "/", sujet="tout")
    assert counted("donald-trump", "Donald Trump", 5).replace('/"', '/?sujet=tout"') in everything
    assert football.title in everything
    assert '<a href="/">Seulement le sujet</a>' in everything


def test_the_list_of_entities_counts_the_subject_by_default(client, football):
    html = html_of(client, "/entites/")
    assert "Kylian Mbappé" not in html and counted("donald-trump", "Donald Trump", 4) in html
    assert '<a href="/entites/?sujet=tout">Toute l\'archive</a>' in html
    everything = html_of(client, "/entites/", sujet="tout")
    assert 'href="/entites/kylian-mbappe/?sujet=tout"' in everything
    assert counted("donald-trump", "Donald Trump", 5).replace('/"', '/?sujet=tout"') in everything


def test_an_entity_page_counts_the_subject_by_default(client, seeds, football):
    html = html_of(client, "/entites/kylian-mbappe/")
    assert "Aucun article au sujet de l'archive ne cite cette entité" in html
    assert football.title not in html
    everything = html_of(client, "/entites/kylian-mbappe/", sujet="tout")
    assert "Cité dans <strong>1 article</strong>" in everything and football.title in everything
    trump = html_of(client, "/entites/donald-trump/")
    assert "Cité dans <strong>4 articles</strong> au sujet de l'archive" in trump
    assert "kylian-mbappe" not in trump  # co-mentioned in the football article only
    trump = html_of(client, "/entites/donald-trump/", sujet="tout")
    assert "Cité dans <strong>5 articles</strong>" in trump and football.title in trump
    assert 'href="/entites/kylian-mbappe/?sujet=tout"' in trump


def test_the_figures_page_counts_the_subject_by_default(client, football):
    html = html_of(client, "/chiffres/")
    assert football.title not in html and "3\u202f000" not in html
    everything = html_of(client, "/chiffres/", sujet="tout")
    assert football.title in everything and "3\u202f000" in everything
    # The force filter keeps the scope.
    assert '<input type="hidden" name="sujet" value="tout">' in everything


def test_the_switch_keeps_the_pages_other_parameters_but_its_page_number(client, seeds):
    html = html_of(client, "/chiffres/", force="Garde nationale", page="2")
    assert '<a href="/chiffres/?force=Garde+nationale&amp;sujet=tout">Toute l\'archive</a>' in html
    back = html_of(client, "/chiffres/", force="Garde nationale", sujet="tout")
    assert '<a href="/chiffres/?force=Garde+nationale">Seulement le sujet</a>' in back


@pytest.mark.parametrize("url", ["/", "/entites/", "/entites/donald-trump/", "/chiffres/"])
def test_an_unknown_scope_is_a_note_and_the_subject_is_counted(client, football, url):
    html = html_of(client, url, sujet="<b>rien</b>")
    assert "Paramètre « sujet » ignoré : « &lt;b&gt;rien&lt;/b&gt; »" in html
    assert "Kylian Mbappé" not in html
