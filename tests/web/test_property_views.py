"""Arbitrary strings and parameter combinations thrown at every public view
(hypothesis): never a server error, never the input's markup live in an HTML
page, always valid JSON and XML where JSON and XML are promised.

Each test imports the five seeds once and runs all its examples against them
(the views only read), so the whole file stays within a few seconds a test."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Entity
from search.query.facets import FACETS

# Fragments that would run or restyle if a page printed them as markup. A page
# never contains them on its own, so any occurrence in an HTML body is input
# printed unescaped (in text, or breaking out of an attribute).
PAYLOADS = [
    "<script>alert(7)</script>",
    '"><img src=x onerror=alert(7)>',
    "'><svg/onload=alert(7)>",
    '" autofocus onfocus="alert(7)',
    "' onmouseover='alert(7)",
    "<b>gras7</b><i>",
    "</textarea></title><script>alert(7)",
    "javascript:alert(7)",
    "]]>",
    "=HYPERLINK(7)",
]
LIVE_MARKUP = [
    "<script>alert(7",
    "<img src=x onerror",
    "<svg/onload",
    '" autofocus onfocus="',
    "' onmouseover='",
    "<b>gras7",
    "</textarea></title>",
    'href="javascript:alert(7)',
]

# Text mixing the payloads with anything hypothesis draws: control characters,
# NUL, lone combining marks, right-to-left text, very long words.
hostile_text = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(PAYLOADS)), max_size=4).map("".join)
tokens = st.one_of(
    st.sampled_from(["", "1", "0", "-1", "2018", "2018-10", "12/10/2018", "afp", "donald-trump", "oui", "9" * 25]),
    hostile_text,
)
SEARCH_PARAMS = ["q", "page", "sort", "date_from", "date_to", "undated", "rang", "texte", *FACETS]
# Names other views read (figures, sitemaps, admin login) or none does.
OTHER_PARAMS = ["force", "p", "next", "format", "per_page", "per-page"]
# A parameter: a known name or any other, once or repeated (`?source=a&source=b`).
params = st.dictionaries(
    st.one_of(st.sampled_from(SEARCH_PARAMS), st.sampled_from(OTHER_PARAMS), hostile_text),
    st.one_of(tokens, st.lists(tokens, min_size=2, max_size=3)),
    max_size=5,
)
# Only names the search knows and free-text values, so that most answers are
# results (an unknown name or a malformed facet makes the API and exports 400).
search_params = st.dictionaries(
    st.sampled_from(["q", "q", "sort", "page", "date_from", "date_to", "undated", "texte", "rang"]),
    st.one_of(hostile_text, tokens),
    max_size=4,
)
# A raw query string: any bytes, percent-encoded (invalid UTF-8 included).
raw_queries = st.lists(
    st.tuples(st.sampled_from([b"q", b"page", b"source", b"date_from", b"sort", b"\xff", b""]), st.binary(max_size=12)),
    max_size=3,
).map(lambda pairs: "&".join(quote_from_bytes(k) + "=" + quote_from_bytes(v) for k, v in pairs))

EXAMPLES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(response, path):
    """The invariants every answer keeps, whatever it was asked."""
    assert response.status_code < 500, (path, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        html = body.decode()
        live = [fragment for fragment in LIVE_MARKUP if fragment in html]
        assert live == [], (path, live)
    elif "json" in content_type:
        json.loads(body.decode())
    elif "xml" in content_type:
        ET.fromstring(body)
    elif content_type.startswith("text/csv"):
        cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))], path
    return body


SEARCH_VIEWS = ["/recherche/", "/api/search/", "/recherche/export.csv", "/recherche/export.json", "/recherche/atom/"]


@EXAMPLES
@given(path=st.sampled_from(SEARCH_VIEWS), query=st.one_of(params, search_params))
def test_the_search_views_survive_any_parameters(client, seeds, path, query):
    check(client.get(path, query), path)


@EXAMPLES
@given(path=st.sampled_from(SEARCH_VIEWS), raw=raw_queries)
def test_the_search_views_survive_any_bytes_in_the_query_string(client, seeds, path, raw):
    check(client.get(f"{path}?{raw}"), path)


ARTICLE_VIEWS = ["/articles/{}/", "/articles/{}/citation.bib", "/articles/{}/original.txt", "/api/articles/{}/"]
# Slugs the URL pattern lets through ([-a-zA-Z0-9_]+) that name no article.
unknown_slugs = st.text(alphabet="-_abcXYZ0189", min_size=1, max_size=30)


@EXAMPLES
@given(pattern=st.sampled_from(ARTICLE_VIEWS), which=st.integers(0, 5), other=unknown_slugs, query=params)
def test_the_article_views_survive_any_parameters(client, seeds, pattern, which, other, query):
    slug = seeds[which].slug if which in seeds else other
    path = pattern.format(slug)
    check(client.get(path, query), path)


@pytest.fixture
def entity_slugs(seeds):
    return sorted(Entity.objects.values_list("slug", flat=True))


@EXAMPLES
@given(which=st.integers(0, 1000), other=unknown_slugs, query=params)
def test_the_entity_pages_survive_any_parameters(client, entity_slugs, which, other, query):
    slug = entity_slugs[which] if which < len(entity_slugs) else other
    for path in (f"/entites/{slug}/", "/entites/"):
        check(client.get(path, query), path)


OTHER_PAGES = [
    "/",
    "/chiffres/",
    "/aide/",
    "/sante/",
    "/robots.txt",
    "/opensearch.xml",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-entites.xml",
    "/admin/login/",
]


@EXAMPLES
@given(path=st.sampled_from(OTHER_PAGES), query=params, section=hostile_text)
def test_the_other_pages_survive_any_parameters(client, seeds, path, query, section):
    check(client.get(path, query), path)
    # The sitemap section is part of the path: any text the pattern lets through.
    section_path = "/sitemap-" + quote_from_bytes(section.encode()) + ".xml"
    check(client.get(section_path, query), section_path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=hostile_text, password=hostile_text, next_url=hostile_text)
def test_the_admin_login_survives_any_credentials(client, db, username, password, next_url):
    path = "/admin/login/"
    body = check(client.post(path, {"username": username, "password": password, "next": next_url}), path)
    assert b"/admin/logout/" not in body  # never logged in by a made-up account


ADMIN_LISTS = [
    "/admin/archive/article/",
    "/admin/archive/entity/",
    "/admin/archive/mention/",
    "/admin/archive/figure/",
    "/admin/archive/quote/",
    "/admin/archive/theme/",
    "/admin/archive/source/",
    "/admin/archive/extractionjob/",
    "/admin/archive/entity/autocomplete/",
    "/admin/autocomplete/",
]
# The admin's own parameters: search, ordering, page, filters with lookups.
ADMIN_PARAMS = ["q", "o", "p", "e", "all", "_to_field", "term", "app_label", "model_name", "field_name"]
ADMIN_PARAMS += ["source__id__exact", "published_on__gte", "published_on__lt", "verified__exact", "kind__exact"]
ADMIN_PARAMS += ["date_precision__exact", "review__exact", "name_edited__exact", "id__in", "article__id__exact"]
admin_params = st.dictionaries(
    st.one_of(st.sampled_from(ADMIN_PARAMS), hostile_text),
    st.one_of(tokens, st.lists(tokens, min_size=2, max_size=3)),
    max_size=4,
)


@EXAMPLES
@given(path=st.sampled_from(ADMIN_LISTS), query=admin_params)
def test_the_admin_lists_survive_any_parameters(editor_client, seeds, path, query):
    check(editor_client.get(path, query), path)
