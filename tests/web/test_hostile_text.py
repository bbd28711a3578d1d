"""One article hostile everywhere an importer or an editor could put text:
title, lead, body, source, entity names, quotes, figures, address and
provenance. Every page shows it as text, every data format carries it as data.

What other files already check is not repeated here: the body on the article
page (tests/web/test_article.py), the snippet of a plain search
(test_search.py), the feed's title and summary (test_feed.py), a formula
title in the CSV (test_exports.py), entity and figure pages with hostile names
(tests/web/test_entities.py, test_figures.py), `</textarea>` in a citation
(tests/web/test_article_extras.py)."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from archive.models import Article, Entity, EntityKind, Figure, Mention, Quote
from search.upkeep import indexing

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TITLE = f"zorglub{SCRIPT} Titre <b><i>unclosed }}, note = {{x"
SOURCE = f"+1{IMG}"
ENTITY = f'=HYPERLINK("http://evil"){SCRIPT}'
ORGANISATION = f"-1{IMG}"
QUOTE = f"</blockquote>{IMG} ]]> fin"
REF = f"@SUM(1)</span>{SCRIPT}.txt"
URL = "javascript:alert(1)"
LEAD = f"zorglub{IMG} ouvre le chapeau</textarea> avec des soldats à la frontière."
BODY = f"Le second paragraphe{SCRIPT} parle du texas et de zorglub]]><b>gras."
# What must never reach an HTML page as markup.
LIVE = [SCRIPT, "<img src=x", "<b><i>", "<b>gras", 'href="javascript:', "</blockquote><img"]
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def hostile(make_article):
    article = make_article(f"{LEAD}\n\n{BODY}", title=TITLE, source=SOURCE, url=URL, ref=REF)
    # The import keeps only http(s) addresses: this one is written as another tool might.
    assert article.url == ""
    Article.objects.filter(pk=article.pk).update(url=URL)
    article.refresh_from_db()
    entity = Entity.objects.create(kind=EntityKind.PERSON, name=ENTITY, slug="hostile-person")
    Mention.objects.create(article=article, entity=entity, count=3)
    organisation = Entity.objects.create(kind=EntityKind.ORGANISATION, name=ORGANISATION, slug="hostile-org")
    Mention.objects.create(article=article, entity=organisation)
    Quote.objects.create(article=article, text=QUOTE, speaker=f"-1{SCRIPT}")
    Figure.objects.create(article=article, count=700, unit="soldats", force=SCRIPT, sentence=f"700 soldats{IMG}")
    indexing.update_articles([article.pk])
    return article


def html_of(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert [fragment for fragment in LIVE if fragment in html] == [], url
    return html


def body_of(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_article_page_shows_every_hostile_field_as_text(client, hostile):
    html = html_of(client, hostile.get_absolute_url(), {"q": "zorglub"})
    assert "zorglub&lt;script&gt;alert(1)&lt;/script&gt; Titre &lt;b&gt;&lt;i&gt;unclosed" in html  # title
    assert "<mark>zorglub</mark>&lt;img src=x onerror=alert(1)&gt;" in html  # lead, highlighted
    assert "+1&lt;img src=x onerror=alert(1)&gt;" in html  # source
    assert "=HYPERLINK(&quot;http://evil&quot;)&lt;script&gt;" in html  # entity
    assert "&lt;/blockquote&gt;&lt;img src=x onerror=alert(1)&gt; ]]&gt; fin" in html  # quote
    assert "@SUM(1)" not in html  # the import reference is the editors' (admin), not shown to readers
    assert "700 soldats&lt;img src=x onerror=alert(1)&gt;" in html  # figure sentence


def test_an_address_that_is_not_a_web_address_is_never_a_link(client, hostile):
    html = html_of(client, hostile.get_absolute_url())
    assert 'href="javascript:' not in html.lower()
    assert "<dd>javascript:alert(1)</dd>" in html  # shown, as text
    hostile.url = "http://example.org/a"
    hostile.save(update_fields=["url"])
    assert 'href="http://example.org/a"' in html_of(client, hostile.get_absolute_url())


def test_the_results_page_escapes_the_highlighted_title_snippet_and_facets(client, hostile):
    html = html_of(client, "/recherche/", {"q": "zorglub"})
    assert "<mark>zorglub</mark>&lt;img src=x onerror=alert(1)&gt;" in html  # snippet, highlighted
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Titre" in html  # title
    assert "+1&lt;img src=x onerror=alert(1)&gt;" in html  # source, in the hit and its facet
    assert "=HYPERLINK(&quot;http://evil&quot;)&lt;script&gt;" in html  # entity facet
    # Filtered on the hostile entity and source: their names as chips.
    filtered = html_of(client, "/recherche/", {"person": "hostile-person", "source": hostile.source.slug})
    assert "=HYPERLINK(&quot;http://evil&quot;)&lt;script&gt;" in filtered


def test_the_entity_and_figures_pages_escape_the_article_and_its_facts(client, hostile):
    # The hostile article is about nothing: these pages show it once asked for all the archive.
    everything = {"sujet": "tout"}
    entity_page = html_of(client, "/entites/hostile-person/", everything)
    assert "zorglub&lt;script&gt;alert(1)&lt;/script&gt; Titre" in entity_page
    figures = html_of(client, "/chiffres/", everything)
    assert "zorglub&lt;script&gt;alert(1)&lt;/script&gt; Titre" in figures
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_of(client, "/entites/", everything)  # the index lists it


def test_the_admin_shows_hostile_text_as_text(editor_client, hostile):
    changelist = html_of(editor_client, "/admin/archive/article/", {"q": "zorglub"})
    assert "zorglub&lt;script&gt;alert(1)&lt;/script&gt;" in changelist
    change = html_of(editor_client, f"/admin/archive/article/{hostile.pk}/change/")
    assert "zorglub&lt;script&gt;alert(1)&lt;/script&gt; Titre &lt;b&gt;&lt;i&gt;unclosed" in change
    assert "&lt;/blockquote&gt;&lt;img src=x onerror=alert(1)&gt;" in change  # quote inline
    assert "=HYPERLINK(&quot;http://evil&quot;)" in change  # entity in the mention inline
    entities = html_of(editor_client, "/admin/archive/entity/")
    assert "=HYPERLINK(&quot;http://evil&quot;)&lt;script&gt;" in entities


def test_the_feed_is_valid_xml_with_hostile_names_in_its_title(client, hostile):
    response = client.get("/recherche/atom/", {"person": "hostile-person", "q": "zorglub"})
    feed = ET.fromstring(body_of(response))
    assert ENTITY in feed.findtext("atom:title", namespaces=ATOM)
    entry = feed.find("atom:entry", ATOM)
    assert entry.findtext("atom:title", namespaces=ATOM) == TITLE
    # The summary is HTML: the source's markup arrives escaped in it.
    assert "+1&lt;img src=x onerror=alert(1)&gt;" in entry.findtext("atom:summary", namespaces=ATOM)
    assert b"]]>" not in body_of(client.get("/recherche/atom/", {"q": "zorglub"}))


def test_the_json_formats_carry_the_hostile_text_as_data(client, hostile):
    article = json.loads(body_of(client.get(f"/api/articles/{hostile.slug}/")))
    assert article["title"] == TITLE and article["source"] == SOURCE and article["ref"] == REF
    assert article["url"] == URL
    assert article["people"] == [ENTITY] and article["organisations"] == [ORGANISATION]
    assert article["quotes"][0]["text"] == QUOTE

    hit = json.loads(body_of(client.get("/api/search/", {"q": "zorglub"})))["results"][0]
    assert hit["title"] == TITLE and hit["source"] == SOURCE
    # The snippet is HTML for a page to show: the text in it is escaped, only <mark> is markup.
    assert "<mark>zorglub</mark>&lt;img src=x onerror=alert(1)&gt;" in hit["snippet"]
    assert "<img" not in hit["snippet"] and "<script" not in hit["snippet"]

    exported = json.loads(body_of(client.get("/recherche/export.json", {"q": "zorglub", "texte": "1"})))
    row = next(row for row in exported["results"] if row["slug"] == hostile.slug)
    assert row["title"] == TITLE and row["source"] == SOURCE and row["people"] == [ENTITY]


def test_the_csv_export_neutralises_every_formula_cell(client, hostile):
    response = client.get("/recherche/export.csv", {"q": "zorglub", "texte": "1"})
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    row = next(row for row in rows if row["slug"] == hostile.slug)
    assert row["source"] == "'" + SOURCE  # +
    assert row["people"] == "'" + ENTITY  # =
    assert row["ref"] == "'" + REF  # @
    assert row["organisations"] == "'" + ORGANISATION  # -
    for cells in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells.values())


def test_the_bibtex_file_keeps_hostile_text_inside_its_fields(client, hostile):
    response = client.get(f"/articles/{hostile.slug}/citation.bib")
    assert response["Content-Type"].startswith("text/x-bibtex")
    assert response["Content-Disposition"].startswith("attachment")
    bib = body_of(response).decode()
    assert SCRIPT in bib  # text in a file no browser renders, as the title is
    # Braces balance: no field value can close its entry and open another.
    depth = 0
    for before, char in zip(" " + bib, bib, strict=False):
        if before != "\\":
            depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
