"""Whether two texts are one story republished, and what differs between them."""

import datetime

from archive.extraction.wire_copies import (
    days_apart,
    differences,
    is_republication,
    own_paragraphs,
    passage_key,
    passage_keys,
    resemblance,
)

STORY = (
    "Le Pentagone a annoncé mardi l'envoi de 5.200 militaires à la frontière avec le Mexique, "
    "où ils doivent épauler la police aux frontières face à l'arrivée d'une caravane de migrants.\n\n"
    "Les soldats poseront des barbelés, installeront des barrières temporaires et fourniront des "
    "hélicoptères pour transporter les agents, a précisé le général chargé de l'opération devant la presse.\n\n"
    "Le président a multiplié les messages sur cette caravane, qu'il présente comme une invasion, "
    "à une semaine des élections de mi-mandat qui décideront du contrôle du Congrès."
)
FURNITURE = (
    "Chaque jour, notre rédaction publie en une un dessin de presse issu du réseau des dessinateurs "
    "de l'association partenaire. Vous pouvez les retrouver tous dans la rubrique consacrée aux dessins "
    "de presse, avec les archives des années précédentes et le portrait de chaque dessinateur."
)


def test_a_wire_copy_with_another_opening_line_resembles_the_story():
    copy = "Washington (AFP) - Dépêche reprise par un autre journal.\n\n" + STORY
    assert resemblance(STORY, copy) == 1.0
    assert is_republication(resemblance(STORY, copy), days_apart=0)


def test_texts_sharing_only_a_common_passage_do_not_resemble_each_other():
    first = "Le dessin du lundi est signé par un dessinateur suisse.\n\n" + FURNITURE
    second = "Le dessin du mardi est signé par une dessinatrice algérienne.\n\n" + FURNITURE
    assert resemblance(first, second) > 0.6  # without knowing the passage recurs
    assert resemblance(first, second, common={passage_key(FURNITURE)}) == 0.0


def test_own_paragraphs_leave_out_common_passages_whatever_their_punctuation():
    body = STORY + "\n\n" + FURNITURE
    common = {passage_key(FURNITURE.replace(",", "").upper())}
    assert own_paragraphs(body, common) == STORY.split("\n\n")
    assert len(passage_keys(body)) == 4


def test_a_follow_up_days_later_is_no_republication_however_alike():
    assert not is_republication(0.95, days_apart=6)
    assert is_republication(0.95, days_apart=1)
    assert is_republication(0.95, days_apart=None)
    assert not is_republication(0.4, days_apart=0)


def test_days_apart_needs_both_dates_to_the_day():
    day = datetime.date(2018, 10, 29)
    assert days_apart(day, "day", day + datetime.timedelta(days=2), "day") == 2
    assert days_apart(day, "month", day, "day") is None
    assert days_apart(None, "unknown", day, "day") is None


def test_differences_give_rewritten_words_and_paragraphs_only_in_one_text():
    paragraphs = STORY.split("\n\n")
    other = "\n\n".join(
        [paragraphs[0].replace("mardi", "lundi"), paragraphs[1], "Un paragraphe ajouté par l'autre journal."]
    )
    changes = differences(STORY, other)
    assert [change.kind for change in changes] == ["rewritten", "only_here", "only_there"]
    assert ("removed", "mardi") in changes[0].words and ("added", "lundi") in changes[0].words
    assert changes[1].here == (paragraphs[2],)
    assert changes[2].there == ("Un paragraphe ajouté par l'autre journal.",)


def test_identical_texts_have_no_differences():
    assert differences(STORY, STORY) == []


def test_paragraphs_cut_elsewhere_are_no_difference():
    glued = STORY.replace("\n\n", " ", 1)
    assert differences(STORY, glued) == []
