"""Relevance to the archive's subject (archive/extraction/relevance.py), on real
French sentences and the definition Vigie ships with."""

import pytest

from archive.extraction.relevance import (
    CORE,
    OFF_TOPIC,
    ON_TOPIC,
    RELATED,
    Definition,
    TermsError,
    default_definition,
    definition,
    level_of,
    parse_terms,
    score,
)

SUBJECT = default_definition()


def relevance(title, body, lead=None, subject=SUBJECT):
    return score(title, body.split("\n\n")[0] if lead is None else lead, body, subject)


def terms(result):
    return {item["term"]: item["count"] for item in result.evidence}


# On the subject ------------------------------------------------------------------


def test_troops_sent_to_the_mexican_border_are_at_the_core_of_the_subject():
    result = relevance(
        "Plus de 5.000 militaires américains déployés à la frontière mexicaine",
        "Le Pentagone va déployer plus de 5.000 militaires à la frontière avec le Mexique pour faire face "
        "à la caravane de migrants centraméricains qui traverse le pays, a annoncé lundi Washington.\n\n"
        "Les soldats viendront appuyer la police aux frontières (CBP) et la Garde nationale déjà présente "
        "au Texas, en Arizona et en Californie, selon le ministère de la Sécurité intérieure.",
    )
    assert result.level == CORE
    found = terms(result)
    assert found["frontière mexicaine"] == 1 and found["frontière avec le Mexique"] == 1
    assert found["Garde nationale"] == 1 and found["caravane*"] == 1 and found["CBP"] == 1


def test_a_cartel_story_in_mexico_is_on_the_subject():
    result = relevance(
        "Mexique : le cartel de Sinaloa visé par une vaste opération de l'armée",
        "L'armée mexicaine a lancé jeudi une opération contre le cartel de Sinaloa dans l'État du même nom. "
        "Les narcotrafiquants contrôlent une partie des routes de la drogue vers les États-Unis.",
    )
    assert result.level in ON_TOPIC
    assert {"Mexique", "cartel*", "Sinaloa", "narco*"} <= set(terms(result))


def test_a_short_standfirst_about_deportations_by_the_united_states_is_related_at_least():
    result = relevance(
        "Près de 200 migrants expulsés des États-Unis sont arrivés au Venezuela",
        "Un avion transportant près de 200 migrants vénézuéliens expulsés par l'administration Trump "
        "a atterri à Caracas.",
    )
    assert result.level in ON_TOPIC


# Off the subject -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Coupe du monde : la Pologne bat l'Arabie saoudite",
            "Robert Lewandowski a marqué son premier but en Coupe du monde. La Pologne affrontera "
            "ensuite l'Argentine, tandis que le Mexique devra battre l'Arabie saoudite pour espérer se "
            "qualifier. Le sélectionneur mexicain reste confiant.",
        ),
        (
            "Méditerranée : 300 migrants secourus au large de Lampedusa",
            "Les garde-côtes italiens ont secouru dans la nuit plus de 300 migrants partis de Libye. "
            "Les demandeurs d'asile ont été conduits au centre d'accueil de l'île, déjà saturé.",
        ),
        (
            "Guerre en Ukraine : Kiev demande des chars à ses alliés",
            "Le président ukrainien a de nouveau réclamé des chars lourds. Les troupes russes "
            "poursuivent leur offensive dans le Donbass, où des milliers de soldats sont déployés.",
        ),
        (
            "Retraites : le gouvernement maintient le report de l'âge légal",
            "La première ministre a confirmé que l'âge de départ serait porté à 64 ans, malgré la "
            "mobilisation des syndicats.",
        ),
    ],
)
def test_news_beside_the_subject_is_off_topic(title, body):
    assert relevance(title, body).level == OFF_TOPIC


def test_words_of_one_list_only_count_for_half():
    where_only = relevance("Le Mexique et les États-Unis", "Le Mexique et les États-Unis se rencontrent.")
    both = relevance("Le Mexique et les États-Unis", "Le Mexique et les États-Unis parlent des migrants.")
    # Adding one "what" word more than doubles the score: the "where" words count in full again.
    assert both.score > 2 * where_only.score


# How the score is built -------------------------------------------------------------


def test_a_term_in_the_title_weighs_more_than_in_the_text():
    # The same words, in the title or in the text.
    in_title = relevance("Des migrants arrivent au Mexique", "Un article sur la ville.", lead="")
    elsewhere = relevance("Un article sur la ville", "Des migrants arrivent au Mexique.", lead="")
    assert in_title.score > 1.5 * elsewhere.score
    assert next(item for item in in_title.evidence if item["term"] == "Mexique")["in_title"] == 1


def test_a_term_in_the_lead_weighs_more_than_further_down():
    body = "Des migrants arrivent au Mexique.\n\nUn article sur la ville."
    in_lead = relevance("Un article", body, lead="Des migrants arrivent au Mexique.")
    further_down = relevance("Un article", body, lead="Un article sur la ville.")
    assert in_lead.score > further_down.score


def test_a_long_article_needs_more_than_a_passing_mention():
    sentence = "Des migrants mexicains ont franchi la frontière mexicaine."
    filler = " ".join(["Le conseil municipal a voté le budget de la ville pour l'année prochaine."] * 120)
    short = relevance("Conseil municipal", sentence, lead="")
    long = relevance("Conseil municipal", sentence + " " + filler, lead="")
    assert long.score < short.score / 2
    assert short.level in ON_TOPIC and long.level == OFF_TOPIC


def test_accents_case_and_prefixes_are_matched_as_editors_write_them():
    result = relevance("ETATS-UNIS", "Les Etats-Unis renvoient les MIGRANTS et les migrantes vers Ciudad Juarez.")
    found = terms(result)
    assert found["États-Unis"] == 2 and found["migrant*"] == 2 and found["Ciudad Juárez"] == 1


def test_evidence_lists_the_terms_that_weighed_most_first_with_their_counts():
    result = relevance(
        "La frontière mexicaine sous tension",
        "Des migrants attendent à la frontière mexicaine, près de Tijuana, où Trump veut un mur.",
    )
    points = [item["points"] for item in result.evidence]
    assert points == sorted(points, key=abs, reverse=True)
    assert result.evidence[0]["term"] == "frontière mexicaine"
    assert result.evidence[0] | {"points": 0} == {
        "term": "frontière mexicaine", "list": "places", "count": 2, "in_title": 1, "weight": 4.0, "points": 0,
    }  # fmt: skip


def test_an_article_without_any_term_scores_zero_with_no_evidence():
    result = relevance("Recette", "Faites revenir les oignons dans le beurre.")
    assert (result.level, result.score, result.evidence) == (OFF_TOPIC, 0, [])


def test_thresholds_make_the_levels():
    subject = Definition((), (), core=10, related=3)
    assert [level_of(value, subject) for value in (0, 2.99, 3, 9.99, 10, 50)] == [
        OFF_TOPIC, OFF_TOPIC, RELATED, RELATED, CORE, CORE,
    ]  # fmt: skip


def test_a_negative_weight_takes_an_article_away_from_the_subject():
    text = "Des migrants secourus en Méditerranée par un navire parti du Mexique."
    plain = definition("Mexique : 2", "migrant* : 2")
    with_negative = definition("Mexique : 2\nMéditerranée : -3", "migrant* : 2")
    assert relevance("Secours", text, subject=with_negative).score < relevance("Secours", text, subject=plain).score


# Definitions as editors write them ---------------------------------------------------


def test_terms_are_read_one_a_line_with_an_optional_weight():
    read = parse_terms(
        "Mexique : 2\n  garde   nationale:1,5\n\nmigrant*\n# une remarque\nMéditerranée : -1 # hors sujet"
    )
    assert [(term.text, term.weight) for term in read] == [
        ("Mexique", 2.0), ("garde nationale", 1.5), ("migrant*", 1.0), ("Méditerranée", -1.0),
    ]  # fmt: skip


def test_unreadable_lines_are_all_named():
    with pytest.raises(TermsError) as refused:
        parse_terms("Mexique : deux\nfrontière : 2\n*** : 1\nFRONTIÈRE : 3\nmur : 1000")
    problems = refused.value.problems
    assert len(problems) == 4
    assert problems[0].startswith("ligne 1 : « Mexique : deux »")
    assert problems[1].startswith("ligne 3 :")
    assert "ligne 4 : « FRONTIÈRE » figure déjà plus haut" in problems[2]
    assert problems[3].startswith("ligne 5 : poids 1000 hors des bornes")


def test_the_default_definition_reads_and_orders_its_thresholds():
    assert len(SUBJECT.places) > 20 and len(SUBJECT.topics) > 20
    assert 0 < SUBJECT.related < SUBJECT.core
