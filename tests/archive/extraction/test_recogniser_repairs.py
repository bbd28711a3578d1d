"""What the recogniser gets wrong on real news and extraction repairs
(archive/extraction/entities.py): a name cut at a hyphen, an organisation's
acronym written as a word, two places in one span, common nouns and codes."""

import pytest

from archive.extraction import nlp
from archive.extraction.entities import ORGANISATION, PERSON, PLACE, spells_initials
from archive.extraction.pipeline import analysed_text, find_facts


def entities(body):
    """The entities extraction finds in `body`, without the editors' list of organisations."""
    [mentions] = nlp.recognise([analysed_text("", body)])
    return {(e.kind, e.name): (e.count, e.aliases) for e in find_facts("", body, mentions, []).entities}


def test_a_name_cut_at_a_hyphen_goes_to_the_end_of_the_word():
    found = entities("Le dirigeant nord-coréen Kim Jong-un a tiré un missile. Kim Jong-un a ensuite parlé.")
    assert (PERSON, "Kim Jong-un") in found
    assert (PERSON, "Kim Jong") not in found


def test_an_acronym_written_as_a_word_after_the_name_it_spells_is_that_organisation():
    text = (
        "La Communauté économique des Etats de l’Afrique de l’Ouest (Cédéao) a réitéré sa position. "
        "La Cédéao a invité le Mali à accélérer le calendrier."
    )
    found = entities(text)
    long = (ORGANISATION, "Communauté économique des Etats de l'Afrique de l'Ouest")
    assert found[long] == (3, {"Cédéao"})
    assert not any(name == "Cédéao" for _, name in found)


def test_a_person_named_in_brackets_after_a_nickname_is_still_the_person():
    found = entities("Il est arrivé à El Chapo (Joaquin Guzman) de fuir deux fois.")
    assert found[(PERSON, "Joaquin Guzman")][1] == {"El Chapo"}


@pytest.mark.parametrize(
    ("acronym", "name", "spells"),
    [
        ("Cédéao", "Communauté économique des Etats de l'Afrique de l'Ouest", True),
        ("Otan", "Organisation du traité de l'Atlantique nord", True),
        ("Onu", "Organisation des Nations unies", True),
        ("Proceso", "Organisation des Nations unies", False),  # starts with another letter
        ("Oxfam", "Organisation des Nations unies", False),
    ],
)
def test_an_acronym_spells_the_initials_of_the_name_in_order(acronym, name, spells):
    assert spells_initials(acronym, name) is spells


def test_two_known_places_in_one_span_are_two_places():
    found = entities("Les relations Mexique-Russie se tendent depuis janvier.")
    assert (PLACE, "Mexique") in found and (PLACE, "Russie") in found
    assert not any("-" in name for _, name in found)


def test_a_known_place_with_a_hyphen_stays_whole():
    found = entities("Les Etats-Unis et le Nouveau-Mexique renforcent la frontière.")
    assert {name for kind, name in found if kind == PLACE} >= {"Etats-Unis", "Nouveau-Mexique"}


def test_the_common_noun_state_and_visa_codes_are_no_names():
    found = entities(
        "Les visas H-1B et H-4 sont suspendus. L’Etat fédéral et les Etats du sud protestent. "
        "L’État de Mexico est touché."
    )
    names = {name for _, name in found}
    assert not names & {"H-1B", "H-4", "Etat fédéral", "Etats du sud"}
    assert "État de Mexico" in names


def test_a_town_the_recogniser_takes_for_an_organisation_is_a_place():
    found = entities("Les producteurs d’avocats d’Uruapan ont reçu la visite de Televisa. Uruapan vit de l’avocat.")
    assert (PLACE, "Uruapan") in found
    assert (ORGANISATION, "Televisa") in found


def test_a_country_ending_like_an_inhabitant_is_still_a_place():
    found = entities(
        "Après l’invasion de l’Ukraine par l’armée russe, une Ukrainienne témoigne. La guerre en Ukraine dure."
    )
    assert (PLACE, "Ukraine") in found
    assert not any(name == "Ukrainienne" for _, name in found)


def test_the_common_noun_state_with_a_hyphen_is_no_name_either():
    found = entities("Les Etats-clés voteront en novembre, et les Etats-Unis attendent.")
    assert {name for _, name in found} == {"Etats-Unis"}


def test_things_the_recogniser_calls_people_are_no_one():
    found = entities(
        "Valérie Pécresse veut « ressortir le Kärcher de la cave ». Racontez-nous votre expérience. "
        "Jean-Pierre Raffarin a été reçu à Matignon par Jean Castex."
    )
    people = {name for kind, name in found if kind == PERSON}
    assert people == {"Valérie Pécresse", "Jean-Pierre Raffarin", "Jean Castex"}
    assert (ORGANISATION, "Matignon") in found


def test_an_elided_article_is_no_part_of_a_place_the_recogniser_called_a_person():
    from archive.extraction.entities import RawMention, group_mentions  # noqa: PLC0415

    text = "L'Australie a gagné. L'Australie jouera la finale."
    mentions = [RawMention("L'Australie", "PER", 0), RawMention("L'Australie", "PER", 21)]
    assert [(e.kind, e.name, e.count) for e in group_mentions(mentions, text)] == [(PLACE, "Australie", 2)]


def test_a_word_after_a_determiner_in_quotes_is_no_one_anywhere_in_the_article():
    found = entities(
        "Valérie Pécresse ressort « le Kärcher » de Nicolas Sarkozy. Elle défend cette « opération Kärcher » "
        "devant les militants."
    )
    assert not any(kind == PERSON and name == "Kärcher" for kind, name in found)
    assert (PERSON, "Valérie Pécresse") in found


def test_a_verb_and_its_pronoun_joined_by_a_hyphen_is_no_one():
    from archive.extraction.entities import RawMention, group_mentions  # noqa: PLC0415

    text = "Racontez-nous votre expérience du télétravail."
    assert group_mentions([RawMention("Racontez-nous", "PER", 0)], text) == []


# A common first name makes a person (archive/extraction/first_names.py)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # The recogniser calls him an organisation, her a place.
        (
            "Le président mexicain de gauche Andres Manuel Lopez Obrador, au pouvoir depuis décembre, a démenti.",
            "Andres Manuel Lopez Obrador",
        ),
        ("Ils sont défiés par l’ex-présentatrice ralliée au trumpisme Kari Lake. Eux rêvent.", "Kari Lake"),
    ],
)
def test_a_name_that_opens_with_a_first_name_is_a_person_whatever_the_label(text, person):
    found = entities(text)
    assert (PERSON, person) in found
    assert not any(name == person for kind, name in found if kind != PERSON)


def test_a_person_run_into_the_place_before_is_split_from_it():
    found = entities(
        "« C'est un crime haineux », a déclaré le chef de la police d'El Paso Greg Allen au cours d'une conférence. "
        "Je condamne l’acte qui a visé cet après-midi à Fresnillo Juan Carlos Muniz, qui travaillait pour un site."
    )
    assert {(PERSON, "Greg Allen"), (PERSON, "Juan Carlos Muniz")} <= set(found)
    assert {(PLACE, "El Paso"), (PLACE, "Fresnillo")} <= set(found)
    assert not any("Allen" in name and "Paso" in name for _, name in found)


def test_a_name_cut_at_its_particle_is_joined_again():
    found = entities("Les armes arrivent des Etats-Unis, estime le sociologue Romain Le Cour Grandmaison.\n\nTu vas")
    assert (PERSON, "Romain Le Cour Grandmaison") in found
    assert not any(name == "Cour Grandmaison" for _, name in found)


@pytest.mark.parametrize(
    "text",
    [
        "Les soldats du Marine Corps ont été déployés.",  # an organisation named « Marine »
        "Les migrants ont rejoint San Isidro puis Santa Rosa de Lima.",  # saints open places
    ],
)
def test_a_first_name_alone_does_not_make_a_person(text):
    found = entities(text)
    assert not any(kind == PERSON for kind, _ in found), found


# A noun says the name after it is an organisation


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("L'homme a été arrêté, rapporte la chaîne KYMA News. Contrôlé par la police, il a avoué.", "KYMA News"),
        ("Heber Lopez, reporter du site d’information Noticias Web, a été tué jeudi.", "Noticias Web"),
        ("Sur la terrasse de la brasserie Cerveceria Chapultepec, des fêtards boivent.", "Cerveceria Chapultepec"),
        ("Des pistolets de marque autrichienne Glock ou de vieux fusils anglais.", "Glock"),
        ("Selon l'ONG Pueblos Sin Fronteras, qui voyage avec eux, la caravane avance.", "Pueblos Sin Fronteras"),
        ("L’omerta règne chez les employés du club de plage Mamita’s Beach Club, sur la plage.", "Mamita's Beach Club"),
    ],
)
def test_a_name_a_noun_calls_an_organisation_is_one(text, organisation):
    found = entities(text)
    assert (ORGANISATION, organisation) in found, found
    assert not any(name == organisation for kind, name in found if kind != ORGANISATION)


def test_a_cued_name_that_goes_on_in_lower_case_is_not_taken_in_part():
    found = entities("Il y a eu 250 fusillades de masse, selon l'ONG Gun violence archives. Un employé a tiré.")
    assert (ORGANISATION, "Gun") not in found


def test_a_subheading_glued_to_the_next_sentence_is_cut_from_it():
    found = entities("Une enquête ouverte en FranceEn France, une enquête pour enlèvement a été ouverte à Paris.")
    assert (PLACE, "France") in found
    assert not any("FranceEn" in name or "Franceen" in name for _, name in found)


# What the article puts in quotes whole is a title, a slogan or a programme


def test_a_name_the_article_quotes_whole_is_a_title_not_a_name():
    found = entities(
        "Personnage central de la série « Narcos : Mexico », il a inspiré Narcos. "
        "Les médias « Fake News », a lancé Donald Trump en Floride, le « Sunshine State »."
    )
    assert {name for _, name in found} >= {"Donald Trump"}
    assert not {name for _, name in found} & {"Narcos", "Fake News", "Sunshine State"}, found


def test_people_and_acronyms_in_quotes_stay_names():
    found = entities(
        "Le parti d’« AMLO » (Morena) inquiète Washington. Le tribunal a condamné « Joaquin Guzman » hier."
    )
    assert (PERSON, "Joaquin Guzman") in found
    assert any(name == "AMLO" for _, name in found), found


def test_a_country_s_embassy_is_an_organisation():
    found = entities("L'ambassade de France a confirmé le rapt. Le consulat du Mexique à Paris n'a rien dit.")
    assert (ORGANISATION, "Ambassade de France") in found
    assert (ORGANISATION, "Consulat du Mexique") in found


def test_a_name_a_noun_calls_a_thing_is_no_entity():
    found = entities(
        "Les récoltes ont été perdues au passage de la tempête Amanda. Le logiciel espion Pegasus a infecté "
        "le téléphone. Pegasus a été vendu au Mexique. En 1983, Brian De Palma en fera le thème de son Scarface."
    )
    assert not {name for _, name in found} & {"Amanda", "Pegasus", "Scarface"}, found
    assert (PERSON, "Brian De Palma") in found


def test_a_word_after_an_elided_article_is_a_common_noun():
    found = entities("Un employé a été abattu par deux assaillants à moto. L’omerta règne aussi chez les employés.")
    assert not any("omerta" in name.lower() for _, name in found), found


def test_a_name_a_noun_calls_a_place_is_one():
    found = entities("Dans le village de Potrero Cubias, près de San Isidro, Antonio Iraheta, un paysan, a tout perdu.")
    assert (PLACE, "Potrero Cubias") in found
    assert (PERSON, "Antonio Iraheta") in found


def test_the_end_of_one_straight_quotation_and_the_start_of_the_next_are_no_quotation():
    found = entities(
        '"Voter pour un démocrate, c\'est voter pour la montée du socialisme", a affirmé Donald Trump. '
        '"Donald Trump est en campagne", a répondu Joe Biden.'
    )
    assert {(PERSON, "Donald Trump"), (PERSON, "Joe Biden")} <= set(found)


def test_a_platform_after_a_page_or_an_account_is_an_organisation():
    found = entities("Le site d’information Testigo Minero l’a écrit sur sa page Facebook, dimanche.")
    assert (ORGANISATION, "Facebook") in found


def test_a_channel_the_recogniser_calls_a_person_is_an_organisation():
    found = entities("Le documentaire sera diffusé mardi. Arte le rediffusera en mai.")
    assert not any(name == "Arte" for kind, name in found if kind != ORGANISATION), found


def test_slogans_in_quotes_are_no_organisations_but_newspapers_in_quotes_are():
    found = entities(
        'Le président a lancé "Make America Great Again" puis "Keep America Great" devant ses partisans, '
        "cité par « The Washington Post » et par « Proceso »."
    )
    assert not any("America" in name for _, name in found), found
    assert any(name in ("The Washington Post", "Washington Post") for _, name in found), found


def test_the_acronym_of_a_quoted_title_is_no_organisation():
    found = entities(
        "La politique, officiellement appelée « Protocoles de protection des migrants » (PPM), a été suspendue. "
        "Les PPM renvoyaient les demandeurs d'asile au Mexique."
    )
    assert not any(name == "PPM" for _, name in found), found
