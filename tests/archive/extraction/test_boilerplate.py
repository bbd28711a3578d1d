"""Press boilerplate that must not reach entity recognition, and real sentences
that look like it but must stay. Examples are made up in the shape of copied
press pages."""

from archive.extraction.boilerplate import clean_body


def body_lines(text):
    return clean_body(text).split("\n\n")


def test_a_masthead_with_its_agencies_is_removed():
    lines = body_lines("Le conseil a voté la réforme.\nLe Journal avec AFP et Reuters\nLe Monde")
    assert lines == ["Le conseil a voté la réforme."]


def test_a_masthead_inside_a_sentence_stays():
    text = "Le Monde avec AFP a révélé l’affaire en mars."
    assert clean_body(text) == text


def test_a_photo_credit_after_a_caption_is_removed_and_the_caption_kept():
    lines = body_lines(
        "Le port de Brest, le 3 mai 2021.  JEANNE DUPONT / AGENCE NORD POUR « LE JOURNAL »\nLa suite du texte."
    )
    assert lines == ["Le port de Brest, le 3 mai 2021.", "La suite du texte."]


def test_a_credit_alone_on_its_line_is_removed():
    assert body_lines("Le texte.\nPAUL MARTIN / ZEPHYR\nDR\nLa fin.") == ["Le texte.", "La fin."]


def test_an_uppercase_section_label_is_removed():
    assert body_lines("L’AVIS DU « JOURNAL » – À VOIR\nUn film drôle.") == ["Un film drôle."]


def test_an_uppercase_line_with_a_figure_stays():
    assert body_lines("Le bilan.\nPIB : 2,3 %") == ["Le bilan.", "PIB : 2,3 %"]


def test_a_caption_whose_end_is_mixed_case_stays():
    text = "Jeanne Dupont et  Paul Martin"
    assert clean_body(text) == text


def test_link_announcements_are_removed_and_the_linked_titles_kept():
    lines = body_lines(
        "Lire l’enquête :  Article réservé à nos abonnés  Une affaire à Lyon\n"
        "Lire la tribune de Jeanne Dupont :  « Il faut agir »\n"
        "Retrouvez le reportage :  A Nantes, la colère\n"
        "Article réservé à nos abonnés  Les paysans de l’Aubrac\n"
        "Lire aussi | Le vote à Marseille"
    )
    assert lines == ["Une affaire à Lyon", "« Il faut agir »", "A Nantes, la colère", "Les paysans de l’Aubrac",
                     "Le vote à Marseille"]  # fmt: skip


def test_a_podcast_label_is_removed():
    assert body_lines("Le texte.\nÉcouter aussi\nLa crise au Pérou") == ["Le texte.", "La crise au Pérou"]


def test_newsletter_and_channel_promotions_are_removed():
    lines = body_lines(
        "Pour ne rien manquer de l’actualité, inscrivez-vous à la newsletter du Journal Sud. "
        "Chaque lundi à 7 heures, retrouvez une semaine d’actualité.\n"
        "Suivez l’actualité du Tour sur WhatsApp\n"
        "Retrouvez tous nos articles sur la sécheresse\n"
        "Le texte."
    )
    assert lines == ["Le texte."]


def test_an_instagram_embed_is_removed():
    lines = body_lines(
        "Le texte.\nVoir cette publication sur Instagram\nUne publication partagée par Paul (@paulm)\nFin."
    )
    assert lines == ["Le texte.", "Fin."]


def test_an_archive_note_is_removed():
    assert body_lines("Le texte.\nCet article est paru dans « Le Journal » du 3 mai 1990.") == ["Le texte."]


def test_a_section_label_before_the_first_sentence_is_removed():
    assert clean_body("Tribune. Le climat change vite.") == "Le climat change vite."
    assert clean_body("ReportageDans la vallée, tout a brûlé.") == "Dans la vallée, tout a brûlé."
    assert body_lines("Chronique\nLe climat change vite.") == ["Le climat change vite."]


def test_a_word_that_starts_like_a_label_stays():
    text = "Reportages et enquêtes ont suivi. Tribunes libres aussi."
    assert clean_body(text) == text


def test_sentences_that_merely_mention_reading_or_finding_stay():
    text = (
        "Il aime lire des romans : ceux de Zola surtout.\n"
        "On peut retrouvez-le au marché, dit-il.\n"
        "Retrouvez-le ce soir à Lille, où il joue à 20 heures.\n"
        "Lire Proust à 15 ans : voilà ce qu’il a fait.\n"
        "Écouter la radio, c’est son métier."
    )
    assert clean_body(text) == text.replace("\n", "\n\n")
