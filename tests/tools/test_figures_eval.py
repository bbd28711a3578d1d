"""tools/gold/figures.py scores what its docstring says."""

from tools.gold.figures import prf, same_announcer, score


def gold(*figures):
    return {"file": "topic.jsonl", "line": 0, "figures": [dict(f, words="") for f in figures]}


def test_figures_pair_on_their_count_as_a_multiset():
    articles = [gold({"count": 5000}, {"count": 5000}, {"count": 800})]
    found = [[{"count": 5000}, {"count": 64}, {"count": 800}]]
    scores = score(articles, found)
    assert (scores.tp, scores.fp, scores.fn) == (2, 1, 1)
    assert prf(scores.tp, scores.fp, scores.fn) == (2 / 3, 2 / 3, 2 / 3)


def test_an_article_without_figures_counts_only_false_alarms():
    scores = score([gold(), gold()], [[{"count": 2}], []])
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 0)


def test_announcer_accuracy_counts_every_gold_announcer_a_miss_being_wrong():
    articles = [
        gold(
            {"count": 15000, "announcer": "Donald Trump"},
            {"count": 3000, "announcer": "Pentagone"},
            {"count": 100, "announcer": "Jens Stoltenberg"},
            {"count": 700, "announcer": None},
        )
    ]
    found = [
        [
            {"count": 15000, "announcer": "Trump"},
            {"count": 3000, "announcer": "Maison Blanche"},
            {"count": 700, "announcer": "une source"},
        ]
    ]
    scores = score(articles, found)
    assert (scores.announcers, scores.announcers_right, scores.announcers_extra) == (3, 1, 1)
    assert scores.announcer_accuracy() == 1 / 3


def test_two_figures_of_one_count_go_to_the_gold_whose_announcer_they_give():
    articles = [gold({"count": 100000, "announcer": None}, {"count": 100000, "announcer": "Lloyd Austin"})]
    scores = score(articles, [[{"count": 100000, "announcer": "Lloyd Austin"}]])
    assert (scores.tp, scores.fn, scores.announcers_right, scores.announcers_extra) == (1, 1, 1, 0)


def test_an_announcer_matches_folded_or_by_its_words():
    assert same_announcer("Etats-Unis", "États-Unis")
    assert same_announcer("Stoltenberg", "Jens Stoltenberg")
    assert same_announcer("Préfecture de police de Paris", "la Préfecture de police de Paris")
    assert not same_announcer("Bratislav Gasic", "Milos Vucevic")
    assert not same_announcer("", "Milos Vucevic")
