import pytest

from archive.extraction.text import fold
from search.engine.analysis import french_analyzer


def words(text):
    return [token.text for token in french_analyzer()(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l'armée", ["arme"]),
        ("l’armée", ["arme"]),
        ("d'Amérique", ["amer"]),
        ("qu'il", []),
        ("n'entrons", ["entron"]),
        ("s'associeraient", ["associ"]),
        ("j'ai", []),
        ("jusqu'à", []),
    ],
)
def test_it_removes_elisions_with_either_apostrophe(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("militaire", "militaires"),
        ("soldat", "soldats"),
        ("migrant", "migrants"),
        ("caravane", "caravanes"),
        ("frontière", "frontières"),
    ],
)
def test_singular_and_plural_meet(a, b):
    assert words(a) == words(b)


@pytest.mark.parametrize(
    "accented, plain",
    [
        ("armée", "armee"),
        ("États-Unis", "Etats-Unis"),
        ("sécurité", "securite"),
        ("frontière", "frontiere"),
        ("déployés", "deployes"),
        ("Œuvre", "oeuvre"),
    ],
)
def test_accents_fold_in_both_directions(accented, plain):
    assert words(accented) == words(plain)
    assert words(accented.upper()) == words(plain.lower())


def test_french_stop_words_are_dropped():
    assert words("le la les des du de et à dans pour") == []


def test_numbers_keep_their_separators():
    assert "5.000" in words("plus de 5.000 soldats")


def test_offsets_cover_the_word_after_an_elision():
    token = next(iter(french_analyzer()("l'armée", chars=True)))
    assert (token.startchar, token.endchar) == (2, 7)


def test_fold_spells_out_ligatures():
    assert fold("cœur Æ") == "coeur AE"
