"""SEARCH_URL switches haystack to Elasticsearch or Solr, whose French analysis
is generated from search/engine/analysis.py and must stay equal to the Whoosh chain.
No search server runs here: what a server would receive is checked instead."""

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils.module_loading import import_string
from haystack import connections
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

from config.search_url import haystack_connection
from search.engine.analysis import (
    ELIDED,
    WORD_PATTERN,
    ElisionFilter,
    FoldFilter,
    french_analyzer,
    french_stop_words,
    vocabulary_analyzer,
)
from search.engine.backend import FrenchWhooshEngine
from search.engine.server_backends import (
    FrenchElasticsearchEngine,
    FrenchElasticsearchSearchBackend,
    FrenchSolrEngine,
    FrenchSolrSearchBackend,
)
from search.engine.server_schema import elasticsearch_index, solr_fields

WHOOSH_PATH = "/srv/vigie/whoosh_index"
TEXT_FIELDS = {"text", "title", "person_name", "place_name", "organisation_name", "source_name", "theme_name"}
KEYWORD_FIELDS = {
    "slug",
    "date_precision",
    "year",
    "source",
    "period",
    "person",
    "place",
    "organisation",
    "theme",
    "relevance",
}
STORED_FIELDS = {"body", "ref", "url"}


def article_fields():
    return connections["default"].get_unified_index().all_searchfields()


def engine_of(search_url):
    return import_string(haystack_connection(search_url, WHOOSH_PATH)["ENGINE"])


# The switch ---------------------------------------------------------------------


@pytest.mark.parametrize("search_url", ["", "   ", "whoosh://"])
def test_no_search_url_keeps_whoosh_in_the_data_folder(search_url):
    connection = haystack_connection(search_url, WHOOSH_PATH)
    assert connection == {"ENGINE": "search.engine.backend.FrenchWhooshEngine", "PATH": WHOOSH_PATH}
    assert engine_of(search_url) is FrenchWhooshEngine


def test_a_whoosh_url_names_the_index_folder():
    assert haystack_connection("whoosh:///var/lib/vigie/index", WHOOSH_PATH)["PATH"] == "/var/lib/vigie/index"


@pytest.mark.parametrize(
    "search_url, url, index_name",
    [
        ("elasticsearch://es.local:9200/vigie", "http://es.local:9200/", "vigie"),
        ("elasticsearch://es.local/archive", "http://es.local:9200/", "archive"),
        ("elasticsearchs://vigie:s3cret@es.local:9243/vigie", "https://vigie:s3cret@es.local:9243/", "vigie"),
        ("elasticsearch://es.local:9200/proxy/vigie", "http://es.local:9200/proxy/", "vigie"),
        ("elasticsearch://es.local:9200", "http://es.local:9200/", "vigie"),
    ],
)
def test_an_elasticsearch_url_names_the_server_and_the_index(search_url, url, index_name):
    connection = haystack_connection(search_url, WHOOSH_PATH)
    assert connection == {
        "ENGINE": "search.engine.server_backends.FrenchElasticsearchEngine",
        "URL": url,
        "INDEX_NAME": index_name,
    }
    assert engine_of(search_url) is FrenchElasticsearchEngine


@pytest.mark.parametrize(
    "search_url, url",
    [
        ("solr://solr.local:8983/solr/vigie", "http://solr.local:8983/solr/vigie"),
        ("solr://solr.local/solr/vigie/", "http://solr.local:8983/solr/vigie"),
        ("solrs://solr.local:443/solr/vigie", "https://solr.local:443/solr/vigie"),
    ],
)
def test_a_solr_url_names_the_core(search_url, url):
    expected = {"ENGINE": "search.engine.server_backends.FrenchSolrEngine", "URL": url}
    assert haystack_connection(search_url, WHOOSH_PATH) == expected
    assert engine_of(search_url) is FrenchSolrEngine


@pytest.mark.parametrize(
    "search_url",
    [
        "http://es.local:9200/vigie",
        "postgres://db/vigie",
        "elastic://es.local/vigie",
        "whoosh://relative/index",
        "elasticsearch:///vigie",
        "elasticsearch://es.local/Vigie",
        "elasticsearch://es.local:99999/vigie",
        "solr://solr.local:8983",
        "solr://solr.local/solr/vigie?commit=true",
    ],
)
def test_an_unknown_search_url_is_refused_with_the_accepted_forms(search_url):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        haystack_connection(search_url, WHOOSH_PATH)


def test_the_refusal_names_every_accepted_form_and_hides_the_password():
    with pytest.raises(ImproperlyConfigured) as refused:
        haystack_connection("opensearch://vigie:s3cret@os.local/vigie", WHOOSH_PATH)
    message = str(refused.value)
    assert "s3cret" not in message
    for form in ("whoosh:///", "elasticsearch://", "elasticsearchs://", "solr://", "solrs://"):
        assert form in message


def test_settings_read_search_url_from_the_environment(tmp_path):
    environment = {
        **os.environ,
        "SEARCH_URL": "elasticsearchs://es.example:9243/archive",
        "VIGIE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
    }
    script = "import json, config.settings as s; print(json.dumps(s.HAYSTACK_CONNECTIONS['default']))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout) == {
        "ENGINE": "search.engine.server_backends.FrenchElasticsearchEngine",
        "URL": "https://es.example:9243/",
        "INDEX_NAME": "archive",
    }


# Elasticsearch analysis ---------------------------------------------------------


@pytest.fixture(scope="module")
def es_index(tmp_path_factory):
    """The index settings and mapping as `make search-schema` writes them."""
    path = tmp_path_factory.mktemp("schema") / "elasticsearch.json"
    call_command("search_schema", engine="elasticsearch", output=str(path), stdout=io.StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def es_chain(es_index, analyzer):
    analysis = es_index["settings"]["analysis"]
    definition = analysis["analyzer"][analyzer]
    filters = [analysis["filter"].get(name, {"type": name}) for name in definition["filter"]]
    return analysis["tokenizer"][definition["tokenizer"]], filters


def test_the_elasticsearch_chain_is_the_whoosh_chain_in_order(es_index):
    tokenizer, filters = es_chain(es_index, "vigie_french")
    assert tokenizer == {"type": "pattern", "pattern": WORD_PATTERN, "group": 0, "flags": "UNICODE_CHARACTER_CLASS"}
    chain = ["lowercase", "elision", "pattern_replace", "asciifolding", "stop", "snowball"]
    assert [f["type"] for f in filters] == chain
    _, elision, apostrophe, _, stop, stemmer = filters
    assert elision["articles"] == list(ELIDED)
    assert (apostrophe["pattern"], apostrophe["replacement"]) == ("’", "'")
    assert stop["stopwords"] == sorted(french_stop_words())
    assert stemmer["language"] == "French"


def test_each_whoosh_filter_has_its_elasticsearch_counterpart(es_index):
    # If analysis.py gains, loses or reorders a filter, this fails until
    # search/engine/server_schema.py follows.
    counterparts = {
        RegexTokenizer: [],
        LowercaseFilter: ["lowercase"],
        ElisionFilter: ["elision", "pattern_replace"],
        FoldFilter: ["asciifolding"],
        StopFilter: ["stop"],
        StemFilter: ["snowball"],
    }
    whoosh = [type(part) for part in french_analyzer().items]
    expected = [name for part in whoosh for name in counterparts[part]]
    assert [f["type"] for f in es_chain(es_index, "vigie_french")[1]] == expected
    assert next(p for p in french_analyzer().items if isinstance(p, StemFilter)).lang == "fr"


def test_the_vocabulary_analyzer_keeps_accents_and_skips_short_words_as_in_whoosh(es_index):
    stop_filter = next(part for part in vocabulary_analyzer().items if isinstance(part, StopFilter))
    _, filters = es_chain(es_index, "vigie_vocabulary")
    assert [f["type"] for f in filters] == ["lowercase", "elision", "pattern_replace", "length", "stop"]
    assert filters[3]["min"] == stop_filter.min
    assert set(filters[4]["stopwords"]) == stop_filter.stops


def test_text_fields_are_french_and_exact_fields_are_keywords(es_index):
    properties = es_index["mappings"]["properties"]
    assert set(properties) == {DJANGO_CT, DJANGO_ID, *article_fields()}
    for name in TEXT_FIELDS:
        assert properties[name] == {"type": "text", "analyzer": "vigie_french"}, name
    for name in KEYWORD_FIELDS | {DJANGO_CT, DJANGO_ID}:
        assert properties[name] == {"type": "keyword"}, name
    for name in STORED_FIELDS:
        assert properties[name] == {"type": "text", "index": False}, name
    assert properties["words"] == {"type": "text", "analyzer": "vigie_vocabulary", "index_options": "freqs"}
    assert properties["date"] == {"type": "date"}
    assert properties["newest"] == properties["oldest"] == properties["until"] == {"type": "long"}


def test_every_article_field_of_each_kind_is_mapped_like_whoosh(es_index):
    properties = es_index["mappings"]["properties"]
    for name, field in article_fields().items():
        if field.field_type == "keyword":
            assert properties[name]["type"] == "keyword", name
        elif field.field_type == "char" and field.indexed:
            assert properties[name]["analyzer"] == "vigie_french", name


def test_the_elasticsearch_backend_from_search_url_sends_exactly_this_index(es_index):
    connection = haystack_connection("elasticsearch://localhost:9200/vigie", WHOOSH_PATH)
    engine = import_string(connection["ENGINE"])
    # Building the backend opens no connection; build_schema reads only the fields.
    backend = engine.backend("default", **connection)
    assert isinstance(backend, FrenchElasticsearchSearchBackend)
    assert backend.index_name == "vigie"
    content_field, mapping = backend.build_schema(article_fields())
    assert content_field == "text"
    # What haystack's setup() creates the index with, then puts as its mapping.
    assert backend.DEFAULT_SETTINGS == {"settings": es_index["settings"]}
    assert backend._get_current_mapping(mapping) == es_index["mappings"]
    assert es_index == json.loads(json.dumps(elasticsearch_index(article_fields())))


# Solr schema ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def solr_conf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("solr_conf")
    call_command("search_schema", engine="solr", output=str(folder / "managed-schema"), stdout=io.StringIO())
    return folder


def solr_analyzer(solr_conf, type_name):
    schema = ET.parse(solr_conf / "managed-schema").getroot()
    field_type = schema.find(f"fieldType[@name='{type_name}']")
    analyzer = field_type.find("analyzer")
    assert analyzer.get("type") is None  # the same chain indexes and reads queries, as in Whoosh
    return analyzer.find("tokenizer").attrib, [f.attrib for f in analyzer.findall("filter")]


def word_list(solr_conf, name):
    lines = (solr_conf / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_the_solr_chain_is_the_whoosh_chain_with_the_same_word_lists(solr_conf):
    tokenizer, filters = solr_analyzer(solr_conf, "text_vigie_fr")
    assert tokenizer == {"class": "solr.PatternTokenizerFactory", "pattern": f"(?U){WORD_PATTERN}", "group": "0"}
    assert [f["class"] for f in filters] == [
        "solr.LowerCaseFilterFactory",
        "solr.ElisionFilterFactory",
        "solr.PatternReplaceFilterFactory",
        "solr.ASCIIFoldingFilterFactory",
        "solr.StopFilterFactory",
        "solr.SnowballPorterFilterFactory",
    ]
    _, elision, apostrophe, _, stop, stemmer = filters
    assert word_list(solr_conf, elision["articles"]) == list(ELIDED)
    assert (apostrophe["pattern"], apostrophe["replacement"], apostrophe["replace"]) == ("’", "'", "all")
    assert word_list(solr_conf, stop["words"]) == sorted(french_stop_words())
    assert stemmer["language"] == "French"


def test_the_solr_vocabulary_type_is_unstemmed_and_unfolded(solr_conf):
    _, filters = solr_analyzer(solr_conf, "text_vigie_vocabulary")
    classes = [f["class"] for f in filters]
    assert "solr.SnowballPorterFilterFactory" not in classes
    assert "solr.ASCIIFoldingFilterFactory" not in classes
    assert classes[-2:] == ["solr.LengthFilterFactory", "solr.StopFilterFactory"]


def test_the_solr_schema_declares_every_article_field(solr_conf):
    schema = ET.parse(solr_conf / "managed-schema").getroot()
    declared = {field.get("name"): field.attrib for field in schema.findall("field")}
    assert set(declared) == {ID, DJANGO_CT, DJANGO_ID, "_version_", *article_fields()}
    assert schema.findtext("uniqueKey") == ID
    type_names = {field_type.get("name") for field_type in schema.findall("fieldType")}
    assert {field["type"] for field in declared.values()} <= type_names
    for name in TEXT_FIELDS:
        assert declared[name]["type"] == "text_vigie_fr", name
    for name in KEYWORD_FIELDS:
        assert declared[name]["type"] == "string" and declared[name]["indexed"] == "true", name
    for name in ("person", "place", "organisation", "theme"):
        assert declared[name]["multiValued"] == "true", name
    for name in STORED_FIELDS:
        assert (declared[name]["indexed"], declared[name]["stored"]) == ("false", "true"), name
    assert declared["words"]["type"] == "text_vigie_vocabulary"
    assert declared["text"]["stored"] == "false"


def test_the_solr_backend_from_search_url_builds_the_fields_of_the_schema(solr_conf):
    connection = haystack_connection("solr://localhost:8983/solr/vigie", WHOOSH_PATH)
    backend = import_string(connection["ENGINE"]).backend("default", **connection)
    assert isinstance(backend, FrenchSolrSearchBackend)
    content_field, fields = backend.build_schema(article_fields())
    assert (content_field, fields) == solr_fields(article_fields())
    schema = ET.parse(solr_conf / "managed-schema").getroot()
    assert [schema.find(f"field[@name='{f['name']}']").attrib for f in fields] == fields
