"""Capitalised words the recogniser takes for people, places or organisations but that
name none: diseases, section labels, holidays, centuries, a lone institutional word.
Each is dropped; the real entity written beside it is kept. No model, no database."""

import pytest

from archive.extraction.entities import ORGANISATION, PERSON, PLACE, RawMention, group_mentions, is_noise


def kinds_found(text, *spans):
    """{name: kind} of what group_mentions keeps from (span, label) mentions of `text`."""
    mentions = [RawMention(span, label, text.index(span)) for span, label in spans]
    return {e.name: e.kind for e in group_mentions(mentions, text)}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Covid", PERSON),
        ("Omicron", PERSON),
        ("Omicron", PLACE),
        ("Delta", PLACE),
        ("SARS", ORGANISATION),
        ("PCR", ORGANISATION),
        ("FFP2", PERSON),
        ("Variant Omicron", PERSON),
    ],
)
def test_a_disease_variant_or_test_is_not_an_entity(name, kind):
    assert is_noise(name, kind)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Retrouvez", PERSON),
        ("Difficile", PERSON),
        ("Monsieur", PERSON),
        ("Lire", PLACE),
        ("Écouter", PLACE),
        ("Douze", PLACE),
        ("AVIS", ORGANISATION),
        ("Tribune", PLACE),
        ("Série", PLACE),
        ("EnquêtePour", ORGANISATION),
        ("RécitRetrouvez", PLACE),
    ],
)
def test_a_sentence_opener_or_section_label_is_not_an_entity(name, kind):
    assert is_noise(name, kind)


@pytest.mark.parametrize("name", ["Nouvel An", "Saint-Sylvestre", "Noël", "Pâques", "Toussaint"])
def test_a_holiday_is_not_an_entity(name):
    assert is_noise(name, ORGANISATION)
    assert is_noise(name, PLACE)


def test_a_holiday_of_several_words_is_not_a_person_either():
    assert is_noise("Nouvel An", PERSON)
    assert is_noise("Père Noël", PERSON)


@pytest.mark.parametrize("name", ["XXe", "XIXe siècle", "XXIe siècle", "IIIe siècle"])
def test_a_century_is_not_an_entity(name):
    assert is_noise(name, ORGANISATION)


@pytest.mark.parametrize("name", ["Conseil", "Commission", "Cour", "Autorité", "Chambre"])
def test_a_lone_institutional_word_is_not_an_entity(name):
    assert is_noise(name, ORGANISATION)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Conseil de sécurité", ORGANISATION),
        ("Conseil d'Etat", ORGANISATION),
        ("Commission européenne", ORGANISATION),
        ("Cour suprême", ORGANISATION),
        ("Cour des comptes", ORGANISATION),
        ("Autorité de la concurrence", ORGANISATION),
        ("Monsieur de Pourceaugnac", PERSON),
        ("Tova Noel", PERSON),
        ("Delta du Mékong", PLACE),
        ("Île de Pâques", PLACE),
        ("Tariq Ramadan", PERSON),
        ("Ve République", ORGANISATION),
        ("Chicago Tribune", ORGANISATION),
        ("Serie A", ORGANISATION),
        ("Douzens", PLACE),
        ("Vice", PLACE),
        ("Lille", PLACE),
        ("LILLE", PLACE),
        ("Noel", PERSON),
        ("Toussaint", PERSON),
    ],
)
def test_a_real_entity_holding_one_of_those_words_is_kept(name, kind):
    assert not is_noise(name, kind)


def test_a_media_name_taken_for_a_place_is_an_organisation():
    text = "Jean-Luc Mélenchon s'est exprimé sur BFM-TV, puis sur Franceinfo, depuis Marseille."
    found = kinds_found(text, ("BFM-TV", "LOC"), ("Franceinfo", "LOC"), ("Marseille", "LOC"))
    assert found == {"BFM-TV": ORGANISATION, "Franceinfo": ORGANISATION, "Marseille": PLACE}


def test_a_platform_or_carmaker_taken_for_a_person_or_place_is_an_organisation():
    text = "Elon Musk a annoncé sur Twitter que Tesla ouvrirait une usine ; la photo est sur Instagram."
    found = kinds_found(text, ("Elon Musk", "PER"), ("Twitter", "PER"), ("Tesla", "PER"), ("Instagram", "LOC"))
    assert found == {"Elon Musk": PERSON, "Twitter": ORGANISATION, "Tesla": ORGANISATION, "Instagram": ORGANISATION}


def test_the_variant_is_dropped_and_the_country_beside_it_kept():
    text = "Le variant Omicron progresse en Afrique du Sud, après Delta."
    found = kinds_found(text, ("Omicron", "PER"), ("Afrique du Sud", "LOC"), ("Delta", "LOC"))
    assert found == {"Afrique du Sud": PLACE}
