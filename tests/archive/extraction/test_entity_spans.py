"""Recognised spans made names: no punctuation at either end, no span across a line
or sentence, one spelling for soft hyphens, odd spaces, apostrophes and dashes.
Pure functions; one test runs the real recogniser."""

import pytest

from archive.extraction.entities import ORGANISATION, PERSON, PLACE, RawMention, entity_key, group_mentions, name_span


def found(text, span, label):
    """The entities of `text` when the recogniser labelled `span` in it."""
    return group_mentions([RawMention(span, label, text.index(span))], text)


def names(text, span, label):
    return [e.name for e in found(text, span, label)]


@pytest.mark.parametrize(
    "span, name",
    [
        ("Emmanuel Macron –", "Emmanuel Macron"),
        ("Omicron –", "Omicron"),
        ("Omicron —", "Omicron"),
        ("Omicron -", "Omicron"),
        ("« Le Monde »", "Le Monde"),
        ("“Pfizer”", "Pfizer"),
        ("'Bruxelles'", "Bruxelles"),
        ("Paris,", "Paris"),
        ("Lyon :", "Lyon"),
        ("(Marseille)", "Marseille"),
        ("– Jean Castex", "Jean Castex"),
    ],
)
def test_punctuation_and_dashes_at_either_end_are_not_part_of_a_name(span, name):
    assert name_span(span, 0)[0] == name


@pytest.mark.parametrize("span, name", [("Canal+ –", "Canal+"), ("OPEP+", "OPEP+"), ("@VP", "@VP")])
def test_a_brand_plus_and_a_handle_sign_are_kept(span, name):
    assert name_span(span, 0)[0] == name


def test_the_start_moves_with_what_is_cut_off_the_front():
    assert name_span("« Le Monde »", 10) == ("Le Monde", 12)


@pytest.mark.parametrize("span", ["–", "« »", "’", "\n", "\u00ad"])
def test_a_span_of_punctuation_alone_is_no_name(span):
    assert name_span(span, 0) is None


def test_an_elided_letter_is_no_name():
    text = "S' il le faut, nous irons."
    assert found(text, "S'", "PER") == []


@pytest.mark.parametrize(
    "span, name",
    [
        ("Donald Trump\nTant", "Donald Trump"),
        ("Al-Qaida\nCet été encore", "Al-Qaida"),
        ("Etats-Unis\nMelania Trump", "Etats-Unis"),
        ("Washington. Selon", "Washington"),
        ("Kiev ! Les", "Kiev"),
        ("Paris – Berlin", "Paris"),
    ],
)
def test_a_span_is_cut_at_a_line_or_sentence_boundary(span, name):
    assert name_span(span, 0)[0] == name


def test_what_comes_before_the_boundary_may_be_empty():
    assert name_span("–\nJean Castex", 5) == ("Jean Castex", 7)


@pytest.mark.parametrize("span", ["M. Dunford", "J. Biden", "U.S. Army", "Jean-Pierre Raffarin"])
def test_initials_and_abbreviations_are_not_a_sentence_boundary(span):
    assert name_span(span, 0)[0] == span


def test_a_name_followed_by_a_line_is_counted_at_its_own_position():
    text = "a déclaré Donald Trump\nTant que les frontières resteront ouvertes."
    [trump] = found(text, "Donald Trump\nTant", "PER")
    assert (trump.name, trump.kind, trump.first_position) == ("Donald Trump", PERSON, text.index("Donald"))


def test_a_soft_hyphen_is_dropped_from_the_name_and_the_key():
    text = "Dans les Hauts-\u00adde-Seine, comme dans les Hauts-de-Seine."
    [place] = group_mentions(
        [RawMention("Hauts-\u00adde-Seine", "LOC", 9), RawMention("Hauts-de-Seine", "LOC", text.rindex("Hauts"))],
        text,
    )
    assert (place.name, place.count, place.aliases) == ("Hauts-de-Seine", 2, set())
    assert entity_key("Hauts-\u00adde-Sei\u00adne") == entity_key("Hauts-de-Seine")


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007"])
def test_no_break_and_thin_spaces_are_plain_spaces(space):
    text = f"Selon Jean{space}Castex, tout va bien."
    assert names(text, f"Jean{space}Castex", "PER") == ["Jean Castex"]
    assert entity_key(f"Jean{space}Castex") == "jean castex"


def test_typographic_apostrophes_and_dashes_are_one_spelling():
    assert entity_key("Côte d’Ivoire") == entity_key("Côte d'Ivoire") == entity_key("Côte dʼIvoire")
    assert entity_key("Al–Qaida") == entity_key("Al‑Qaida") == entity_key("Al-Qaida")
    text = "En Côte d’Ivoire, Al–Qaida."
    assert names(text, "Côte d’Ivoire", "LOC") == ["Côte d'Ivoire"]
    assert names(text, "Al–Qaida", "ORG") == ["Al-Qaida"]


def test_spellings_with_a_soft_hyphen_or_curly_apostrophe_merge():
    text = "L’Oréal et L'Oréal, puis Hauts-de-Seine et Hauts-\u00adde-Seine."
    mentions = [
        RawMention("Oréal", "ORG", 2),
        RawMention("Oréal", "ORG", text.index("Oréal", 5)),
        RawMention("Hauts-de-Seine", "LOC", text.index("Hauts")),
        RawMention("Hauts-\u00adde-Seine", "LOC", text.rindex("Hauts")),
    ]
    entities = group_mentions(mentions, text)
    assert [(e.kind, e.name, e.count) for e in entities] == [(ORGANISATION, "Oréal", 2), (PLACE, "Hauts-de-Seine", 2)]


@pytest.fixture(scope="module")
def recognised():
    from archive.extraction.nlp import recognise  # noqa: PLC0415 - loads spaCy

    texts = [
        "Le président américain a déclaré Donald Trump\nTant que les frontières resteront ouvertes, rien ne changera.",
        "Les combattants d'Al-Qaida\nCet été encore, la menace a pesé sur les Etats-Unis\nMelania Trump est à Paris.",
        "Selon Emmanuel Macron –\nle gouvernement restera prudent face au variant Omicron –\nqui se répand.",
    ]
    return [(text, group_mentions(mentions, text)) for text, mentions in zip(texts, recognise(texts), strict=True)]


def test_the_real_recogniser_spans_are_cut_at_line_ends(recognised):
    for text, entities in recognised:
        for entity in entities:
            for name in {entity.name} | entity.aliases:
                assert "\n" not in name
                assert name[0].isalnum() and name[-1].isalnum(), name
                assert text[entity.first_position :].startswith(name), name
    people = {e.name for e in recognised[0][1] if e.kind == PERSON}
    assert "Donald Trump" in people
    assert not any("Tant" in e.name for _, entities in recognised for e in entities)
    assert not any("Cet" in e.name for _, entities in recognised for e in entities)


@pytest.mark.parametrize(
    "span, label, name",
    [("Donald Trump n'", "PER", "Donald Trump"), ("Mexique jusqu’", "LOC", "Mexique"), ("OTAN qu'", "ORG", "OTAN")],
)
def test_an_elided_word_after_a_name_goes_whole(span, label, name):
    assert names(f"Hier, {span}il est venu.", span, label) == [name]
