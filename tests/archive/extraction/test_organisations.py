"""Organisations recognised whole from the editors' list (archive/extraction/organisations.py):
the list's spans win over the recogniser's, every spelling counts for one organisation
under the list's name. No database and no model: the recogniser's mentions are written
out as it gives them on these sentences."""

import pytest

from archive.extraction.entities import ORGANISATION, ORGANISATIONS, PERSON, PLACE, RawMention, entity_key
from archive.extraction.organisations import (
    KnownOrganisation,
    KnownOrganisations,
    SpellingError,
    check_spelling,
    compiled,
    known_organisations,
    literal_spellings,
    seed_organisations,
    spelling_keys,
    variants,
)
from archive.extraction.pipeline import analysed_text, find_facts

SEED = compiled(tuple(seed_organisations()))


def entities(body, *spans, organisations=SEED):
    """The article's entities, the recogniser having found `spans`: (text, label)
    or (text, label, a text before it)."""
    text = analysed_text("", body)
    mentions = []
    for span, label, *after in spans:
        start = text.index(span, text.index(after[0]) if after else 0)
        mentions.append(RawMention(span, label, start))
    return find_facts("", body, mentions, [], organisations=organisations).entities


def named(found):
    return [(e.kind, e.name, e.count) for e in found]


def spans(text, *organisations):
    return [(m.text, text[m.start : m.end]) for m in known_organisations(text, organisations)]


# The recogniser's mistakes, put right


def test_an_ngo_the_recogniser_calls_a_person_is_one_organisation():
    body = "Selon l'ONG Pueblos Sin Fronteras, qui voyage avec les migrants, la caravane ne comptait plus que 4.000."
    found = entities(body, ("Pueblos Sin Fronteras", "PER"))
    assert named(found) == [(ORGANISATION, "Pueblo Sin Fronteras", 1)]
    assert "Pueblos Sin Fronteras" in found[0].aliases


def test_a_ministry_the_recogniser_cuts_short_is_whole_and_named_as_the_list_names_it():
    body = "Le président lançait sa nouvelle garde nationale, sous l'égide civile du ministère de la sécurité publique."
    found = entities(body, ("sécurité publique", "ORG"))
    assert ("organisation", "ministère de la Sécurité publique", 1) in named(found)
    assert not any(e.name == "sécurité publique" or e.key == "securite publique" for e in found)


def test_a_force_the_recogniser_calls_a_place_and_an_agency_it_misses_are_organisations():
    body = (
        "Les agents de la Border Patrol ont arrêté 200 migrants, a annoncé la CBP. "
        "Plus tard, la Border Patrol a relâché les familles au Texas."
    )
    found = entities(body, ("Border Patrol", "LOC"), ("Border Patrol", "LOC", "Plus tard"), ("Texas", "LOC"))
    assert named(found) == [(ORGANISATION, "Border Patrol", 2), (ORGANISATION, "CBP", 1), (PLACE, "Texas", 1)]


def test_a_gang_and_a_magazine_called_people_are_organisations():
    body = (
        "Les tueurs de Guerreros Unidos ont enlevé les étudiants, a révélé l'hebdomadaire Proceso. "
        "Guerreros Unidos dément."
    )
    found = entities(body, ("Guerreros Unidos", "PER"), ("Proceso", "PER"), ("Guerreros Unidos", "PER", "Proceso"))
    assert named(found) == [(ORGANISATION, "Guerreros Unidos", 2), (ORGANISATION, "Proceso", 1)]
    assert not [e for e in found if e.kind == PERSON]


def test_every_spelling_is_one_organisation_under_the_list_name():
    body = (
        "La police de l'immigration (ICE) a multiplié les arrestations. "
        "Un porte-parole de l'Immigration and Customs Enforcement a confirmé ; l'ICE n'a pas commenté."
    )
    [ice] = entities(body, ("ICE", "ORG"), ("Immigration and Customs Enforcement", "ORG"))
    assert (ice.kind, ice.name, ice.count) == (ORGANISATION, "ICE", 4)
    assert {"police de l'immigration", "Immigration and Customs Enforcement"} <= ice.aliases
    assert ice.canonical
    assert ice.first_position == analysed_text("", body).index("police")


def test_the_longest_spelling_wins():
    body = "Des membres lourdement armés de la Garde nationale mexicaine ont arrêté deux femmes."
    assert named(entities(body, ("Garde nationale", "ORG"))) == [(ORGANISATION, "Garde nationale mexicaine", 1)]


def test_a_person_whose_name_holds_a_one_word_spelling_stays_that_person():
    text = "La candidate Marianne Williamson a répondu."
    found = entities(
        text, ("Marianne Williamson", "PER"), organisations=KnownOrganisations([KnownOrganisation("Marianne")])
    )
    assert named(found) == [(PERSON, "Marianne Williamson", 1)]


def test_a_name_the_recogniser_glued_to_a_known_organisation_is_cut_from_it():
    body = "« Ils devraient être ravis », avait ironisé mercredi sur Twitter Christina Pushaw, membre de son équipe."
    found = entities(body, ("Twitter Christina Pushaw", "PER"))
    assert named(found) == [(ORGANISATION, "Twitter", 1), (PERSON, "Christina Pushaw", 1)]


def test_what_the_recogniser_called_an_organisation_beyond_a_known_one_is_dropped():
    body = (
        "Le ministère de la justice des Etats-Unis s'est félicité de l'arrestation.\n"
        "Des migrants à Tapachula. AFP Geraldine Chinga"
    )
    found = entities(body, ("ministère de la justice des Etats-Unis", "ORG"), ("AFP Geraldine Chinga", "ORG"))
    assert [e.name for e in found] == ["ministère de la Justice", "AFP"]


def test_a_person_the_agency_quotes_is_kept_from_a_span_the_recogniser_called_an_organisation():
    body = "« Je respire à nouveau », a confié à l'AFP Geraldine Chinga, née au Pérou."
    found = entities(body, ("AFP Geraldine Chinga", "ORG"))
    assert [(e.kind, e.name) for e in found] == [("organisation", "AFP"), ("person", "Geraldine Chinga")]


def test_an_agency_credit_line_is_not_a_mention():
    body = "Le Pentagone a annoncé lundi l'envoi de troupes.\nLe Monde avec AFP"
    assert [e.name for e in entities(body)] == ["Pentagone"]


def test_without_a_list_the_recogniser_decides():
    body = "Selon Pueblos Sin Fronteras, la caravane avance."
    assert named(entities(body, ("Pueblos Sin Fronteras", "PER"), organisations=None)) == [
        (PERSON, "Pueblos Sin Fronteras", 1)
    ]


# Matching: accents, case, words


def test_accents_case_hyphens_and_apostrophes_are_ignored():
    text = "Le DEPARTEMENT DE LA SECURITE INTERIEURE et le département d’Etat ; la Maison-Blanche."
    assert spans(
        text,
        KnownOrganisation("Département de la Sécurité intérieure"),
        KnownOrganisation("Département d'État"),
        KnownOrganisation("Maison Blanche"),
    ) == [
        ("Département de la Sécurité intérieure", "DEPARTEMENT DE LA SECURITE INTERIEURE"),
        ("Département d'État", "département d’Etat"),
        ("Maison Blanche", "Maison-Blanche"),
    ]


def test_an_acronym_matches_capitals_only_and_a_one_word_name_a_capitalised_word():
    text = "Sur la banquise, l'ice fond ; l'ICE expulse. Un congrès de juristes a critiqué le Congrès."
    found = spans(text, KnownOrganisation("ICE"), KnownOrganisation("Congrès"))
    assert found == [("ICE", "ICE"), ("Congrès", "Congrès")]
    assert text.index("ICE") < text.index("le Congrès")


def test_a_spelling_matches_whole_words_only():
    text = "L'ICEBERG, la manifestation anti-ICE, @ICE, www.ice.gov et ICE.gov ; Interpolation. Interpol enquête."
    assert spans(text, KnownOrganisation("ICE"), KnownOrganisation("Interpol")) == [("Interpol", "Interpol")]


def test_a_star_ends_a_word_any_way():
    sinaloa = KnownOrganisation("cartel de Sinaloa", ("cartel* d* Sinaloa",))
    text = "Le cartel de Sinaloa, les cartels du Sinaloa, le cartel sinaloense et l'Etat de Sinaloa."
    assert spans(text, sinaloa) == [
        ("cartel de Sinaloa", "cartel de Sinaloa"),
        ("cartel de Sinaloa", "cartels du Sinaloa"),
    ]


def test_words_in_brackets_may_be_missing():
    sinaloa = KnownOrganisation("cartel de Sinaloa", ("cartel (mexicain) de Sinaloa",))
    text = "Le cartel mexicain de Sinaloa, ou cartel de Sinaloa ; le cartel colombien de Sinaloa n'existe pas."
    assert [s for _, s in spans(text, sinaloa)] == ["cartel mexicain de Sinaloa", "cartel de Sinaloa"]
    assert variants("cartel (mexicain) d* (du) Sinaloa") == [
        "cartel mexicain d* du Sinaloa",
        "cartel mexicain d* Sinaloa",
        "cartel d* du Sinaloa",
        "cartel d* Sinaloa",
    ]


def test_between_quotes_case_counts():
    article19 = KnownOrganisation("Article 19", ('"Article 19"',))
    text = "Selon l'article 19 de la loi, et selon l'organisation Article 19, les journalistes sont menacés."
    assert spans(text, article19) == [("Article 19", "Article 19")]
    assert literal_spellings(article19) == ["Article 19"]


def test_offsets_survive_ligatures_soft_hyphens_and_ellipses():
    text = "Au cœur de l’affaire… le cartel de Sina\u00adloa, puis « le cartel de Sinaloa »."
    found = known_organisations(text, [KnownOrganisation("cartel de Sinaloa")])
    assert [text[m.start : m.end] for m in found] == ["cartel de Sina\u00adloa", "cartel de Sinaloa"]
    assert [m.spelling for m in found] == ["cartel de Sinaloa", "cartel de Sinaloa"]


@pytest.mark.parametrize(
    "spelling, error",
    [
        ("cartel (de Sinaloa", "parenthèse"),
        ("cartel ((de)) Sinaloa", "parenthèse"),
        ("car*tel de Sinaloa", "fin d'un mot"),
        ("(de la)", "aucun mot"),
        ("« Sinaloa » cartel", "lettre ou un chiffre"),
    ],
)
def test_a_spelling_that_cannot_be_matched_is_refused_with_the_reason(spelling, error):
    with pytest.raises(SpellingError, match=error):
        check_spelling(spelling)


def test_a_bad_spelling_in_the_list_is_skipped_not_fatal():
    organisations = KnownOrganisations([KnownOrganisation("CBP", ("C(BP",))])
    assert organisations.errors and spans("La CBP a parlé.", *organisations.organisations) == [("CBP", "CBP")]


def test_spelling_keys_say_when_two_spellings_match_the_same_words():
    assert spelling_keys("Maison-Blanche") == spelling_keys("maison blanche") == {"maison blanche"}
    assert spelling_keys("Garde nationale (mexicaine)") == {"garde nationale mexicaine", "garde nationale"}


# The list Vigie starts with


def test_the_seed_list_compiles_and_no_spelling_names_two_organisations():
    organisations = seed_organisations()
    assert len(organisations) >= 100
    assert SEED.errors == []
    owners = {}
    for organisation in organisations:
        for spelling in (organisation.name, *organisation.spellings):
            for key in spelling_keys(spelling):
                assert owners.setdefault(key, organisation.name) == organisation.name, key


@pytest.mark.parametrize(
    "text, name",
    [
        ("le ministère de la Sécurité intérieure, chargé des frontières", "Département de la Sécurité intérieure"),
        ("le patron du service des douanes et de la protection des frontières", "CBP"),
        ("un membre de l'Agence antidrogue américaine (DEA)", "DEA"),
        ("le fondateur du cartel de Guadalajara", "cartel de Guadalajara"),
        ("les Forces de la Garde nationale mexicaine", "Garde nationale mexicaine"),
        ("selon l'association mexicaine Alto Al Secuestro", "Alto al Secuestro"),
        ("le secrétariat de la Marine du Mexique", "Secrétariat de la Marine du Mexique"),
        ("le parti d'AMLO, le Mouvement Régénération nationale (Morena)", "Mouvement Régénération nationale"),
        ("la redoutable Mara Salvatrucha", "MS-13"),
        ("une information du Wall Street Journal", "Wall Street Journal"),
    ],
)
def test_the_seed_list_knows_the_domain_as_the_press_writes_it(text, name):
    assert name in [m.text for m in known_organisations(text, SEED)]


def test_the_code_keeps_generic_rules_only_the_domain_is_data():
    for name in ("Pentagone", "Border Patrol", "CBP", "ICE", "Garde nationale", "Maison Blanche", "AFP"):
        assert entity_key(name) not in ORGANISATIONS
        assert name in [o.name for o in seed_organisations()]
    assert "otan" in ORGANISATIONS


def test_the_list_is_compiled_once_per_distinct_list():
    rows = (KnownOrganisation("CBP"), KnownOrganisation("ICE"))
    assert compiled(rows) is compiled(tuple(rows))
    assert compiled(rows) is not compiled((KnownOrganisation("CBP"),))
