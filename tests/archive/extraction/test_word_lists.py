"""Where names come from when a sentence is not enough: places from the
gazetteer (pycountry, GeoNames) and French words from the model's dictionary."""

import pytest

from archive.extraction.dictionary import is_french_word
from archive.extraction.entities import ORGANISATION, PERSON, PLACE, RawMention, group_mentions, is_known_place


def test_places_come_from_the_packages_in_french_and_english():
    for key in ["mexique", "etats unis", "texas", "nouveau mexique", "sonora", "tijuana", "el paso", "pekin", "europe"]:
        assert is_known_place(key), key
    assert not is_known_place("trump")
    assert not is_known_place("garde nationale")


def test_the_dictionary_knows_words_in_any_form_and_not_names():
    for word in ["Bilan", "économie", "Economie", "considère", "mesures", "Garder"]:
        assert is_french_word(word), word
    for name in ["Trump", "Mexique", "Sinaloa", "Obama", "Camarena"]:
        assert not is_french_word(name), name


def test_a_place_the_recogniser_calls_a_person_is_a_place_unless_the_article_names_that_person():
    text = "Melbourne accueille le tournoi. Le joueur est arrivé à Melbourne mardi."
    found = group_mentions(
        [RawMention("Melbourne", "PER", 0), RawMention("Melbourne", "PER", text.rindex("Mel"))], text
    )
    assert [(e.kind, e.name) for e in found] == [(PLACE, "Melbourne")]
    text = "Whitney Houston chantait. Houston reste une légende."
    mentions = [RawMention("Whitney Houston", "PER", 0), RawMention("Houston", "PER", text.rindex("Houston"))]
    assert [(e.kind, e.name) for e in group_mentions(mentions, text)] == [(PERSON, "Whitney Houston")]


def test_a_capitalised_word_alone_is_no_name_but_a_known_place_or_a_fuller_name_is():
    text = "Bilan : la frontière reste fermée. Paris a protesté."
    found = group_mentions([RawMention("Bilan", "PER", 0), RawMention("Paris", "LOC", text.index("Paris"))], text)
    assert [e.name for e in found] == ["Paris"]


def test_a_span_glued_to_a_place_or_a_nationality_keeps_the_person():
    text = "a déclaré le chef de la police d'El Paso Greg Allen, puis l'Espagnol Rafael Nadal."
    mentions = [
        RawMention("El Paso Greg Allen", "PER", text.index("El Paso")),
        RawMention("Espagnol Rafael Nadal", "PER", text.index("Espagnol")),
    ]
    assert [e.name for e in group_mentions(mentions, text)] == ["El Paso", "Greg Allen", "Rafael Nadal"]


def test_the_publisher_is_not_a_source_the_article_cites():
    from archive.extraction.entities import ORGANISATION, FoundEntity
    from archive.extraction.pipeline import publisher_names, without_authors

    assert publisher_names("Orange Actu (Orange avec AFP)") == ["Orange Actu", "Orange"]
    assert publisher_names("Orange Actu (AFP)") == ["Orange Actu"]  # the agency is cited when named
    entities = [
        FoundEntity(ORGANISATION, "LE MONDE", "le monde"),
        FoundEntity(ORGANISATION, "Monde Afrique", "monde afrique"),
        FoundEntity(ORGANISATION, "AFP", "afp"),
        FoundEntity(ORGANISATION, "Mondelez", "mondelez"),
    ]
    kept = without_authors(entities, publisher_names("Le Monde avec AFP"))
    assert [e.name for e in kept] == ["AFP", "Mondelez"]


def test_an_article_without_mentions_has_no_entities():
    assert group_mentions([], "Le dessin paru en une le 1 janvier est signé par le dessinateur numéro 1.") == []


def test_a_name_written_more_often_as_a_place_than_as_a_person_is_the_place():
    text = "Un journaliste tué à Fresnillo. La société de Fresnillo est choquée. La localité de Fresnillo a peur."
    at = [i for i in range(len(text)) if text.startswith("Fresnillo", i)]
    mentions = [RawMention("Fresnillo", "LOC", at[0]), RawMention("Fresnillo", "PER", at[1])]
    mentions.append(RawMention("Fresnillo", "LOC", at[2]))
    assert [(e.kind, e.name, e.count) for e in group_mentions(mentions, text)] == [(PLACE, "Fresnillo", 3)]


def test_a_person_the_recogniser_once_calls_a_place_stays_the_person():
    text = "Trump a parlé. Trump a ensuite visité Trump Tower."
    mentions = [RawMention("Trump", "PER", 0), RawMention("Trump", "PER", 15), RawMention("Trump", "LOC", 38)]
    assert [(e.kind, e.name, e.count) for e in group_mentions(mentions, text)] == [(PERSON, "Trump", 3)]


@pytest.mark.parametrize("name", ["New-Yorkais", "Latino-Américains", "Nord-Coréens"])
def test_inhabitants_written_with_a_hyphen_are_no_place(name):
    text = f"Les {name} aisés partent en vacances."
    assert group_mentions([RawMention(name, "LOC", 4)], text) == []


@pytest.mark.parametrize(
    ("name", "label"),
    [("Cour de cassation", "LOC"), ("Santé publique France", "LOC"), ("Amaury Sport Organisation", "PER")],
)
def test_a_span_an_institution_word_opens_is_an_organisation(name, label):
    text = f"Selon la décision de la {name}, rendue hier."
    found = group_mentions([RawMention(name, label, text.index(name))], text)
    assert [(e.kind, e.name) for e in found] == [(ORGANISATION, name)]


@pytest.mark.parametrize("name", ["Affaire Theranos", "Opération Lone Star", "Primaire populaire"])
def test_a_span_a_thing_word_opens_is_no_entity(name):
    text = f"Elle a parlé de l'{name} hier."
    assert group_mentions([RawMention(name, "PER", text.index(name))], text) == []


def test_within_an_article_the_frequent_spelling_beats_a_stray_accent_on_a_small_letter():
    text = "Le Mali. Le Mali. Le Mâli. Les Etats-Unis, les États-Unis."
    mentions = [RawMention("Mali", "LOC", 3), RawMention("Mali", "LOC", 12), RawMention("Mâli", "LOC", 21)]
    mentions += [RawMention("Etats-Unis", "LOC", 31), RawMention("États-Unis", "LOC", 47)]
    assert [e.name for e in group_mentions(mentions, text)] == ["Mali", "États-Unis"]


@pytest.mark.parametrize("name", ["Coronavirus", "Mediapart"])
def test_what_the_whole_corpus_made_a_person_is_no_one(name):
    text = f"{name} a encore frappé hier."
    assert not [e for e in group_mentions([RawMention(name, "PER", 0)], text) if e.kind == PERSON]
