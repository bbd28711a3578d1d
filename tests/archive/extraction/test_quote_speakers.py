"""Speakers of quotes read from the dependency parse, on sentences of real
articles (../shared/corpus/topic.jsonl and the seeds), through the recogniser
and the parser as an import runs them."""

from archive.extraction.batch import analyse
from archive.extraction.entities import ORGANISATION, PERSON


def speakers(body, title="Titre"):
    [facts] = analyse([(title, body)], [])
    return [(q.text[:30], q.speaker, q.speaker_kind) for q in facts.quotes]


def test_a_role_followed_by_an_institution_is_the_person_not_the_institution():
    body = (
        "Donald Trump a une nouvelle fois défendu vendredi son projet de mur. "
        "\"J'ai nommé un groupe, nous allons nous voir ce week-end\", a déclaré le chef de l'Etat depuis les "
        "jardins de la Maison Blanche. "
        '"Oui, j\'ai dit cela", a confirmé le locataire de la Maison Blanche.'
    )
    assert speakers(body) == [
        ("J'ai nommé un groupe, nous all", "Donald Trump", PERSON),
        ("Oui, j'ai dit cela", "Donald Trump", PERSON),
    ]


def test_a_pronoun_is_the_subject_before_it_not_the_last_name_in_between():
    body = (
        "Donald Trump a une nouvelle fois défendu son mur. Si le président américain a évoqué des discussions, "
        "les démocrates ont été moins optimistes. Ce programme avait été créé par Barack Obama puis supprimé par "
        "Donald Trump. Le président américain a cependant laissé entendre que ces discussions n'étaient pas à "
        'l\'ordre du jour. "Nous en parlerons à un autre moment", a-t-il indiqué.'
    )
    assert speakers(body)[-1] == ("Nous en parlerons à un autre m", "Donald Trump", PERSON)


def test_a_pronoun_after_a_sentence_about_someone_else_is_its_subject():
    body = (
        "Le candidat à la primaire démocrate Beto O'Rourke, originaire d'El Paso, a accusé M. Trump "
        "d'encourager le racisme aux États-Unis. \"Nous assistons à une augmentation des crimes haineux chaque "
        'année depuis trois ans", a-t-il dénoncé après avoir rendu visite aux blessés.'
    )
    assert speakers(body) == [("Nous assistons à une augmentat", "Beto O'Rourke", PERSON)]


def test_an_institution_speaks_as_an_organisation():
    body = (
        "Le monde économique s'est réjoui de cette décision. "
        '"Conformément aux idéaux américains de justice, les enfants ne doivent pas être punis pour les '
        "décisions de leurs parents\", a ajouté l'Association des avocats américains (ABA), reprenant un des "
        "arguments les plus fréquemment avancés."
    )
    assert speakers(body) == [("Conformément aux idéaux améric", "Association des avocats américains", ORGANISATION)]


def test_an_institution_at_the_head_of_the_speaker_is_the_speaker():
    body = (
        "Le monde économique s'est réjoui de cette décision. "
        '"Notre nation dépend de professionnels talentueux comme les bénéficiaires du DACA", a souligné '
        "la Maison Blanche dans un communiqué."
    )
    assert [speaker for _, speaker, _ in speakers(body)] == ["Maison Blanche"]


def test_someone_the_text_does_not_name_stays_as_written():
    body = (
        'Le Français enlevé dimanche a été libéré lundi. "Le Français ainsi que le Mexicain ont été libérés", '
        "a indiqué une source gouvernementale mexicaine à l'AFP sans fournir plus de détails."
    )
    assert speakers(body) == [("Le Français ainsi que le Mexic", "une source gouvernementale mexicaine", "")]


def test_a_role_is_the_person_the_article_first_gave_it():
    body = (
        "Depuis deux mois, le père Fabian Arias est constamment en deuil: ce pasteur new-yorkais a vu 44 de ses "
        "paroissiens emportés par le coronavirus, un bilan illustrant les inégalités exacerbées par le "
        "gouvernement Trump.\n\n"
        "Dans un grand dépôt du Bronx, des bénévoles trient tomates et tortillas. "
        "\"Notre communauté n'a pas de quoi payer les loyers ou la nourriture\", dit à l'AFP ce pasteur."
    )
    assert speakers(body) == [("Notre communauté n'a pas de qu", "Fabian Arias", PERSON)]


def test_a_present_tense_incise_names_the_speaker_before():
    body = (
        "Si elle tombait malade, Rosa Martinez, qui a perdu son emploi, sait déjà qu'elle n'irait pas à "
        "l'hôpital. \"C'est difficile quand vous n'avez pas les moyens de payer\", dit-elle."
    )
    assert speakers(body) == [("C'est difficile quand vous n'a", "Rosa Martinez", PERSON)]


def test_a_quote_after_a_colon_is_the_subject_s():
    body = (
        "Et même si le cortège s'est rétréci, Donald Trump s'est montré intransigeant : "
        '"Nous ne laisserons entrer personne".'
    )
    assert speakers(body) == [("Nous ne laisserons entrer pers", "Donald Trump", PERSON)]


def test_two_people_named_at_the_same_place_of_a_subject_do_not_stop_extraction():
    # Two roles start at one offset (« président » and « président américain »,
    # each given to one person): the subject's person is the first by offset.
    from archive.extraction.entities import FoundEntity, speaker_resolver
    from archive.extraction.quotes import find_quotes
    from archive.extraction.syntax import Parse, Word

    body = 'Le président américain a parlé. "Nous ne céderons pas à la pression", a-t-il dit.'
    people = [
        FoundEntity(PERSON, "Joe Biden", "joe biden", roles={"président"}),
        FoundEntity(PERSON, "Donald Trump", "donald trump", roles={"président américain"}),
    ]
    words = [
        Word(0, "Le", "DET", "det", 1, "Def"),
        Word(3, "président", "NOUN", "nsubj", 4),
        Word(13, "américain", "ADJ", "amod", 1),
        Word(23, "a", "AUX", "aux:tense", 4),
        Word(25, "parlé", "VERB", "ROOT", 4),
        Word(30, ".", "PUNCT", "punct", 4),
    ]
    [quote] = find_quotes(body, speaker_resolver(people), Parse(words))
    assert quote.speaker in ("Joe Biden", "Donald Trump")
