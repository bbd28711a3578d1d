"""Vigie's French analysis and index fields for Elasticsearch 7 and Solr.

Generated from the constants of search/engine/analysis.py (ELIDED, WORD_PATTERN,
french_stop_words()), so a search server analyses French as the Whoosh index
does and the three cannot drift. The same chain, filter for filter:

    words (WORD_PATTERN) → lowercase → elision of ELIDED with ' or ’ →
    ’ written ' → accents folded → stop words → Snowball French stemming

- Stemming is Snowball French (ES `snowball`/French, Solr
  SnowballPorterFilterFactory French), not the "light" French stemmer
  (`french_light`, FrenchLightStemFilterFactory): Whoosh's StemFilter(lang="fr")
  is Snowball, and an archive moved to a server must find what it found before.
- Accents are folded before stemming, as in Whoosh (see search/engine/analysis.py):
  ASCII folding then Snowball on both sides of the search.
- The tokenizer is a `pattern` tokenizer on WORD_PATTERN with group 0 (the
  match is the token, not the separator), where Java's \\w is made Unicode-aware
  (UNICODE_CHARACTER_CLASS; `(?U)` in Solr, whose factory has no flags option):
  without it Java's \\w is ASCII and "armée" would split in two.
- ElisionFilter strips ELIDED before the first ' or ’ like ElisionFilter of
  analysis.py; that one also writes ’ as ', hence the pattern_replace after it.

Known differences, all outside French words: Lucene's ASCII folding maps a few
letters NFKD leaves alone (ø→o, ł→l, đ→d, ß→ss); Python's \\w also takes numeric
signs such as ² or ½; and Whoosh closes the gaps removed stop words leave
(StopFilter renumbers positions) where Lucene keeps them, so a phrase query
skips stop words in Whoosh but counts their places on a server.
"""

import xml.etree.ElementTree as ET

from haystack.constants import DJANGO_CT, DJANGO_ID, ID

from search.engine.analysis import ELIDED, WORD_PATTERN, french_stop_words

FRENCH_ANALYZER = "vigie_french"
VOCABULARY_ANALYZER = "vigie_vocabulary"
# vocabulary_analyzer()'s StopFilter(minsize=2): one-letter words are not vocabulary.
VOCABULARY_MIN_LENGTH = 2
APOSTROPHE = "’"
JAVA_UNICODE_FLAG = "UNICODE_CHARACTER_CLASS"

# Elasticsearch ----------------------------------------------------------------

ES_TOKENIZER = "vigie_words"
ES_FILTERS = {
    "elision": "vigie_elision",
    "apostrophe": "vigie_apostrophe",
    "stop": "vigie_french_stop",
    "stemmer": "vigie_french_snowball",
    "min_length": "vigie_vocabulary_length",
}


def elasticsearch_analysis() -> dict:
    """The `analysis` settings of the index: both analyzers and their parts."""
    front = ["lowercase", ES_FILTERS["elision"], ES_FILTERS["apostrophe"]]
    return {
        "tokenizer": {
            ES_TOKENIZER: {"type": "pattern", "pattern": WORD_PATTERN, "group": 0, "flags": JAVA_UNICODE_FLAG}
        },
        "filter": {
            ES_FILTERS["elision"]: {"type": "elision", "articles": list(ELIDED)},
            ES_FILTERS["apostrophe"]: {"type": "pattern_replace", "pattern": APOSTROPHE, "replacement": "'"},
            ES_FILTERS["stop"]: {"type": "stop", "stopwords": sorted(french_stop_words())},
            ES_FILTERS["stemmer"]: {"type": "snowball", "language": "French"},
            ES_FILTERS["min_length"]: {"type": "length", "min": VOCABULARY_MIN_LENGTH},
        },
        "analyzer": {
            FRENCH_ANALYZER: {
                "type": "custom",
                "tokenizer": ES_TOKENIZER,
                "filter": [*front, "asciifolding", ES_FILTERS["stop"], ES_FILTERS["stemmer"]],
            },
            # Words as written (accents kept, unstemmed) for "Vouliez-vous dire".
            VOCABULARY_ANALYZER: {
                "type": "custom",
                "tokenizer": ES_TOKENIZER,
                "filter": [*front, ES_FILTERS["min_length"], ES_FILTERS["stop"]],
            },
        },
    }


def elasticsearch_field(field) -> dict:
    """The mapping of one haystack field, kind for kind as search/engine/backend.py
    maps it to Whoosh (FrenchWhooshSearchBackend._whoosh_field)."""
    if field.field_type == "keyword":
        # Whoosh lowercases multi-valued slugs; slugify already did.
        return {"type": "keyword"}
    if field.field_type == "stored" or field.indexed is False:
        # Kept in _source, not searchable; `text` rather than `keyword`, whose
        # doc values would refuse a body longer than 32 kB.
        return {"type": "text", "index": False}
    if field.field_type == "vocabulary":
        # Like Whoosh's TEXT(phrase=False): which words occur, no positions.
        return {"type": "text", "analyzer": VOCABULARY_ANALYZER, "index_options": "freqs"}
    if field.field_type in ("date", "datetime"):
        return {"type": "date"}
    if field.field_type in ("integer", "float"):
        # Whoosh stores numbers on 64 bits.
        return {"type": "long" if field.field_type == "integer" else "double"}
    if field.field_type == "boolean":
        return {"type": "boolean"}
    mapping = {"type": "text", "analyzer": FRENCH_ANALYZER}
    if field.boost != 1.0:
        mapping["boost"] = field.boost
    return mapping


def elasticsearch_mapping(fields) -> tuple[str, dict]:
    """(document field name, properties) for haystack's unified index fields:
    what a haystack Elasticsearch backend's build_schema returns."""
    properties = {DJANGO_CT: {"type": "keyword"}, DJANGO_ID: {"type": "keyword"}}
    content_field = ""
    for field in fields.values():
        properties[field.index_fieldname] = elasticsearch_field(field)
        if field.document:
            content_field = field.index_fieldname
    return content_field, properties


def elasticsearch_index(fields) -> dict:
    """The body that creates the index (PUT /<index>): settings and mappings."""
    return {
        "settings": {"analysis": elasticsearch_analysis()},
        "mappings": {"properties": elasticsearch_mapping(fields)[1]},
    }


# Solr -----------------------------------------------------------------------

SOLR_FRENCH_TYPE = "text_vigie_fr"
SOLR_VOCABULARY_TYPE = "text_vigie_vocabulary"
# Solr reads word lists from files of the configset, relative to conf/.
SOLR_ELIDED_FILE = "lang/vigie_elided_fr.txt"
SOLR_STOP_WORDS_FILE = "lang/vigie_stopwords_fr.txt"
SOLR_PRIMITIVE_TYPES = (
    ("string", "solr.StrField", {"sortMissingLast": "true"}),
    ("boolean", "solr.BoolField", {"sortMissingLast": "true"}),
    ("plong", "solr.LongPointField", {"docValues": "true"}),
    ("pdouble", "solr.DoublePointField", {"docValues": "true"}),
    ("pdate", "solr.DatePointField", {"docValues": "true"}),
)
SOLR_VALUE_TYPES = {"date": "pdate", "datetime": "pdate", "integer": "plong", "float": "pdouble", "boolean": "boolean"}


def solr_word_lists() -> dict[str, str]:
    """The files the Solr schema names, path relative to conf/ → content."""
    header = "# Generated by `manage.py search_schema --engine solr` from search/engine/analysis.py: do not edit.\n"
    return {
        SOLR_ELIDED_FILE: header + "".join(f"{word}\n" for word in ELIDED),
        SOLR_STOP_WORDS_FILE: header + "".join(f"{word}\n" for word in sorted(french_stop_words())),
    }


def _solr_analyzer(vocabulary=False) -> ET.Element:
    analyzer = ET.Element("analyzer")
    parts = [
        ("tokenizer", "solr.PatternTokenizerFactory", {"pattern": f"(?U){WORD_PATTERN}", "group": "0"}),
        ("filter", "solr.LowerCaseFilterFactory", {}),
        ("filter", "solr.ElisionFilterFactory", {"articles": SOLR_ELIDED_FILE, "ignoreCase": "true"}),
        ("filter", "solr.PatternReplaceFilterFactory", {"pattern": APOSTROPHE, "replacement": "'", "replace": "all"}),
    ]
    stop = ("filter", "solr.StopFilterFactory", {"words": SOLR_STOP_WORDS_FILE, "ignoreCase": "false"})
    if vocabulary:
        length = {"min": str(VOCABULARY_MIN_LENGTH), "max": str(2**31 - 1)}
        parts += [("filter", "solr.LengthFilterFactory", length), stop]
    else:
        parts += [
            ("filter", "solr.ASCIIFoldingFilterFactory", {}),
            stop,
            ("filter", "solr.SnowballPorterFilterFactory", {"language": "French"}),
        ]
    for tag, factory, attributes in parts:
        ET.SubElement(analyzer, tag, {"class": factory, **attributes})
    return analyzer


def solr_field(field) -> dict:
    """The <field> attributes of one haystack field, mapped as in Whoosh."""
    stored = field.stored
    if field.field_type == "keyword":
        solr_type, extra = "string", {"docValues": "true"}
    elif field.field_type == "stored" or field.indexed is False:
        solr_type, extra = "string", {"indexed": "false", "docValues": "false"}
        stored = True
    elif field.field_type == "vocabulary":
        solr_type, extra, stored = SOLR_VOCABULARY_TYPE, {}, False
    elif field.field_type in SOLR_VALUE_TYPES:
        solr_type, extra = SOLR_VALUE_TYPES[field.field_type], {}
    else:
        # The document field is searched, never shown (results show the stored body).
        solr_type, extra, stored = SOLR_FRENCH_TYPE, {}, field.stored and not field.document
    return {
        "name": field.index_fieldname,
        "type": solr_type,
        "indexed": "true",
        "stored": "true" if stored else "false",
        "multiValued": "true" if field.is_multivalued else "false",
        **extra,
    }


def solr_fields(fields) -> tuple[str, list[dict]]:
    """(document field name, <field> attributes): what the Solr backend's build_schema returns."""
    content_field = ""
    declared = []
    for field in fields.values():
        declared.append(solr_field(field))
        if field.document:
            content_field = field.index_fieldname
    return content_field, declared


def solr_schema(fields) -> str:
    """A complete schema (managed-schema / schema.xml) for haystack's fields."""
    root = ET.Element("schema", {"name": "vigie", "version": "1.6"})
    # No "--" in an XML comment: the command's option cannot be quoted here.
    root.append(ET.Comment(" Generated by manage.py search_schema from search/engine/server_schema.py: do not edit. "))
    for name, factory, attributes in SOLR_PRIMITIVE_TYPES:
        ET.SubElement(root, "fieldType", {"name": name, "class": factory, **attributes})
    root.append(ET.Comment(" French, as Vigie's Whoosh index analyses it (search/engine/analysis.py). "))
    french = ET.SubElement(root, "fieldType", {"name": SOLR_FRENCH_TYPE, "class": "solr.TextField"})
    french.set("positionIncrementGap", "100")
    french.append(_solr_analyzer())
    root.append(ET.Comment(" Words as written, for spelling suggestions: no folding, no stemming. "))
    vocabulary = ET.SubElement(root, "fieldType", {"name": SOLR_VOCABULARY_TYPE, "class": "solr.TextField"})
    vocabulary.set("omitPositions", "true")
    vocabulary.append(_solr_analyzer(vocabulary=True))
    for name in (ID, DJANGO_CT, DJANGO_ID):
        attributes = {"name": name, "type": "string", "indexed": "true", "stored": "true", "multiValued": "false"}
        ET.SubElement(root, "field", {**attributes, "required": "true"} if name == ID else attributes)
    # Solr's update log versions documents with it.
    ET.SubElement(root, "field", {"name": "_version_", "type": "plong", "indexed": "false", "stored": "false"})
    for attributes in solr_fields(fields)[1]:
        ET.SubElement(root, "field", attributes)
    ET.SubElement(root, "uniqueKey").text = ID
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
