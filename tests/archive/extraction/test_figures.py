"""Deployment figures read from the dependency parse, on sentences of the
corpus (topic.jsonl, lemonde_2022, orangesum_fr) and of the seeds."""

import pytest

from archive.extraction.batch import analyse
from archive.extraction.figures import candidate_sentences, find_figures


def counts(text, **kwargs):
    return [(f.count, f.unit) for f in find_figures(text, **kwargs)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Le président américain, qui avait déjà annoncé le déploiement de 15 000 hommes pour aller les "
            "contrer à la frontière, est même allé plus loin ce vendredi.",
            [(15000, "hommes")],
        ),
        (
            "Mexico a d'ores et déjà déployé 15.000 hommes à la frontière nord et 6.500 à la frontière avec le "
            "Guatemala, au sud du pays.",
            [(15000, "hommes"), (6500, "hommes")],
        ),
        ("AMLO a déployé 150 000 soldats sur le territoire.", [(150000, "soldats")]),
        (
            "Les effectifs de Barkhane sont récemment passés de 4.500 à 5.100 militaires.",
            [(4500, "militaires"), (5100, "militaires")],
        ),
        ("Au total, 720 policiers et gendarmes sont mobilisés pour le retrouver.", [(720, "policiers")]),
        (
            "Les Etats-Unis ont annoncé mercredi l’envoi de 3 000 soldats américains supplémentaires en Europe.",
            [(3000, "soldats")],
        ),
        (
            "La France, engagée au Sahel avec les plus de 5.000 hommes de la force antijihadiste Barkhane, a appelé "
            "la junte à poursuivre le combat contre les jihadistes.",
            [(5000, "hommes")],
        ),
    ],
)
def test_a_force_sent_stationed_or_mobilised_is_a_figure(sentence, expected):
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Les deux hommes ont été emmenés de force à bord de leurs propres véhicules.",
        "Ces soixante-quatre policiers et militaires sont recherchés pour « crime organisé, disparition forcée, "
        "tortures, homicide et délits contre l’administration de la justice », a précisé le parquet.",
        "La justice mexicaine a ordonné, vendredi 19 août, l’arrestation de l’ancien procureur général du pays "
        "ainsi que de 64 policiers et militaires pour la disparition en 2014 de 43 étudiants.",
        "Les documents révèlent que durant l’opération, « un gradé et dix soldats ont été blessés ».",
        "Plus de 200 militaires arméniens ont été tués depuis le 13 septembre dans les pires affrontements "
        "frontaliers depuis la guerre de 2020.",
        "Deux policiers ont été condamnés jeudi à quatre ans de prison, dont deux ferme, pour avoir roué de coups "
        "un adolescent de 16 ans à Marseille en 2018.",
        "En ce qui concerne le Mali, c’est surtout le sort de 46 militaires ivoiriens arrêtés le 10 juillet à leur "
        "arrivée à Bamako et détenus depuis qui devrait occuper la Cedeao.",
        "Selon des responsables européens, la Mission européenne de formation l'armée malienne (EUTM Mali) a "
        "entraîné environ 18.000 soldats au Mali depuis son lancement en février 2013.",
        "Moscou étant accusé par les Occidentaux d’avoir déplacé des dizaines de milliers de soldats vers les "
        "frontières ukrainiennes en vue d’une offensive.",
        "Le Creek Fire a déjà brûlé plus de 70.000 hectares, selon les pompiers californiens, qui ont déployé "
        "près de 1.000 hommes pour combattre les flammes.",
    ],
)
def test_victims_suspects_the_wounded_and_the_sought_are_not_figures(sentence):
    assert find_figures(sentence) == []


def test_a_date_after_a_figure_is_not_an_elliptic_count():
    sentence = (
        "Un peu plus de 2\u00a0000 policiers et gendarmes seront mobilisés vendredi 3\u00a0juin pour assurer la "
        "sécurité du match France-Danemark, a annoncé jeudi soir la Préfecture de police de Paris."
    )
    [figure] = find_figures(sentence)
    assert (figure.count, figure.qualifier, figure.announcer) == (
        2000,
        "un peu plus de",
        "Préfecture de police de Paris",
    )


@pytest.mark.parametrize(
    "sentence, announcer",
    [
        (
            "Cette source a confirmé une information du Wall Street Journal, selon lequel 5.000 soldats américains "
            "pourraient être déployés à la frontière sud-ouest des Etats-Unis.",
            "Wall Street Journal",
        ),
        (
            "Les Etats-Unis ont annoncé mercredi l’envoi de 3 000 soldats supplémentaires en Europe de l’Est.",
            "Etats-Unis",
        ),
        (
            "Comme le précise par ailleurs La Dépêche du Midi, le gouvernement andorran a mobilisé 41 policiers à la "
            "frontière.",
            "Dépêche du Midi",
        ),
        (
            "« Cela n’a pas lieu », a déclaré vendredi devant les députés le ministre de la défense ukrainien, "
            "Oleksii Reznikov, selon lequel la Russie a massé 149 000 soldats à la frontière ukrainienne.",
            "Oleksii Reznikov",
        ),
        ("Ces troupes s'ajoutent aux 8 500 militaires placés en état d’alerte à la fin de janvier.", ""),
        (
            "Plus de 5.000 militaires américains vont être déployés à la frontière mexicaine pour empêcher l'entrée "
            "sur le territoire d'une caravane de migrants, a annoncé lundi le Pentagone.",
            "Pentagone",
        ),
        (
            '"Nous allons déployer plus de 5.200 soldats à la frontière sud-ouest", a affirmé lors d\'une conférence '
            "de presse le général Terrence O'Shaughnessy.",
            "Terrence O'Shaughnessy",
        ),
        (
            "Plus de 700 soldats sont déployés pour assurer la sécurité de l’ouvrage, a précisé à l’AFP une source "
            "sécuritaire sous le couvert de l’anonymat.",
            "",
        ),
    ],
)
def test_the_announcer_is_read_from_the_parse(sentence, announcer):
    assert [f.announcer for f in find_figures(sentence)] == [announcer]


def test_a_pronoun_or_a_title_announcer_is_the_person_named_before():
    people = {"": "Mariusz Blaszczak"}
    text = "Selon lui, le contingent de 1 700 soldats de la 82e division aéroportée américaine sera déployé en Pologne."
    assert [f.announcer for f in find_figures(text, resolve=lambda phrase, at: people.get(phrase, ""))] == [
        "Mariusz Blaszczak"
    ]
    text = (
        "« L'armée est prête », a déclaré le ministre de la défense, Milos Vucevic. Le ministre de la défense a de "
        "son côté ajouté que le chef de l’Etat avait ordonné de renforcer la présence militaire serbe – de 1 500 "
        "soldats actuellement à 5 000."
    )
    assert [(f.count, f.announcer) for f in find_figures(text)] == [(1500, "Milos Vucevic"), (5000, "Milos Vucevic")]


def test_a_figure_said_in_a_quote_is_announced_by_its_speaker():
    from archive.extraction.quotes import Quote

    text = "« Plus de 100 000 soldats russes sont déployés à la frontière ukrainienne. »"
    quote = Quote(text.strip("« »"), "Linda Thomas-Greenfield", 0)
    assert [f.announcer for f in find_figures(text, quotes=[quote])] == ["Linda Thomas-Greenfield"]


def test_the_whole_pipeline_types_the_announcer():
    body = "Le Pentagone a annoncé l'envoi de 5.200 soldats à la frontière mexicaine."
    [facts] = analyse([("", body)], [])
    [figure] = facts.figures
    assert (figure.count, figure.announcer, figure.announcer_kind) == (5200, "Pentagone", "organisation")


def test_only_sentences_with_a_candidate_are_parsed():
    def parse(sentences):
        raise AssertionError(f"parsed {sentences}")

    assert find_figures("La pluie est tombée sur Paris. Le match a eu lieu en 2018.", parse=parse) == []
    body = "Il pleut. Washington a envoyé 800 agents à la frontière. Le match a eu lieu."
    assert [c.sentence for c in candidate_sentences(body)] == ["Washington a envoyé 800 agents à la frontière."]
