"""Nicknames and acronyms an article gives a person (archive/extraction/nicknames.py),
on the sentences of topic.jsonl that give them, through the real recogniser."""

import pytest

from archive.extraction import nlp
from archive.extraction.entities import PERSON
from archive.extraction.pipeline import article_entities


def people(text):
    [mentions] = nlp.recognise([text])
    return {e.name: (e.count, e.aliases) for e in article_entities(mentions, text) if e.kind == PERSON}


@pytest.mark.parametrize(
    "text",
    [
        'Le narcotrafiquant mexicain Joaquin Guzman, alias "El Chapo", a été condamné. El Chapo fera appel.',
        "Le célèbre narcotrafiquant, Joaquin «\xa0El Chapo\xa0» Guzman, condamné en\xa02019. «\xa0El Chapo\xa0» exige "
        "un procès.",
        "Le narcotrafiquant mexicain Joaquin Guzman –\xa0surnommé «\xa0El Chapo\xa0»\xa0– a demandé la révision. "
        "El Chapo accuse son avocat.",
    ],
)
def test_a_nickname_given_beside_the_name_is_the_person(text):
    found = people(text)
    assert "El Chapo" in found["Joaquin Guzman"][1]
    assert "El Chapo" not in found


def test_a_name_in_brackets_after_a_nickname_is_its_person():
    found = people("Des réseaux de trafiquants comme celui d'El Chapo (Joaquin Guzman), qui purge sa peine.")
    assert found["Joaquin Guzman"][1] == {"El Chapo"}


def test_initials_in_quotes_and_alone_count_as_the_person():
    text = (
        "Le président mexicain, Andres Manuel Lopez Obrador («\xa0AMLO\xa0»), a répondu. "
        "AMLO a déployé 150\xa0000\xa0soldats. M. Lopez Obrador a défendu la garde nationale."
    )
    count, aliases = people(text)["Andres Manuel Lopez Obrador"]
    assert "AMLO" in aliases
    assert count == 4  # the full name, AMLO twice (the recogniser sees neither), "M. Lopez Obrador"


def test_an_acronym_no_one_spells_stays_out():
    found = people("Le président Andres Manuel Lopez Obrador a parlé à la BBC. La BBC a diffusé l'entretien.")
    assert found["Andres Manuel Lopez Obrador"][1] == set()


@pytest.mark.parametrize(
    "text, person",
    [
        ("Tony Wong (Soulasath Saul) et France (Nini Vilivong) dans « Goodbye Mister Wong ».", "Nini Vilivong"),
        ("De nouvelles voix : Viviane Blassel (Europe 1), Sophie Garel (RTL) ou Kriss (FIP).", "Sophie Garel"),
        ("Elles ont devancé la Russie (Valeriia Vasnetcova, Svetlana Mironova) de 35 secondes.", "Valeriia Vasnetcova"),
    ],
)
def test_a_place_a_role_or_a_radio_beside_a_name_in_brackets_is_no_nickname(text, person):
    [mentions] = nlp.recognise([text])
    entities = article_entities(mentions, text)
    holder = next((e for e in entities if e.name == person), None)
    assert holder is None or not holder.aliases
    assert all(e.kind != PERSON or not ({"France", "RTL", "Russie"} & (e.aliases | {e.name})) for e in entities)
