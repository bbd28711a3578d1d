"""The ranking metrics of `make eval-search` (tools/ranking/metrics.py), and the
judgments file they are computed against."""

import json
import math
from pathlib import Path

import pytest

from tools.ranking.metrics import dcg, first_rank, mean, ndcg_at, precision_at

JUDGED = {"a": 2, "b": 1, "c": 1}


def test_a_perfect_ranking_scores_one():
    assert ndcg_at(["a", "b", "c", "x", "y"], JUDGED) == pytest.approx(1.0)
    assert precision_at(["a", "b", "c"], {"a": 1, "b": 1, "c": 1}, k=3) == 1.0


def test_articles_of_equal_grade_may_come_in_any_order():
    assert ndcg_at(["a", "c", "b"], JUDGED) == pytest.approx(1.0)


def test_a_ranking_without_any_judged_article_scores_zero():
    assert ndcg_at(["x", "y", "z"], JUDGED) == 0.0
    assert precision_at(["x", "y", "z"], JUDGED) == 0.0


def test_no_result_at_all_scores_zero():
    assert ndcg_at([], JUDGED) == 0.0
    assert precision_at([], JUDGED) == 0.0
    assert first_rank([], JUDGED) is None


def test_the_discount_is_log2_of_the_rank_plus_one():
    assert dcg([2, 1, 1]) == pytest.approx(2 + 1 / math.log2(3) + 1 / 2)


def test_the_best_article_second_loses_what_the_discount_says():
    # Actual: b (1) then a (2); ideal: a (2) then b (1), then c (1).
    expected = (1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3) + 1 / 2)
    assert ndcg_at(["b", "a"], JUDGED) == pytest.approx(expected)


def test_a_grade_two_article_counts_twice_a_grade_one():
    only_best = ndcg_at(["a"], {"a": 2, "b": 1})
    only_relevant = ndcg_at(["b"], {"a": 2, "b": 1})
    assert only_best > only_relevant
    assert only_best * (2 + 1 / math.log2(3)) == pytest.approx(2)
    assert only_relevant * (2 + 1 / math.log2(3)) == pytest.approx(1)


def test_ndcg_looks_at_the_first_ten_results_only():
    ranked = [f"x{n}" for n in range(10)] + ["a"]
    assert ndcg_at(ranked, JUDGED) == 0.0
    assert ndcg_at(ranked, JUDGED, k=11) > 0.0


def test_the_ideal_ranking_is_cut_at_k_too():
    judged = {f"r{n}": 1 for n in range(12)}
    assert ndcg_at([f"r{n}" for n in range(10)], judged) == pytest.approx(1.0)


def test_precision_counts_any_grade_as_a_hit_and_missing_places_as_misses():
    assert precision_at(["a", "x", "b", "y", "z"], JUDGED) == pytest.approx(2 / 5)
    assert precision_at(["a"], JUDGED) == pytest.approx(1 / 5)


def test_precision_looks_at_the_first_five_results_only():
    assert precision_at(["x", "y", "z", "v", "w", "a", "b"], JUDGED) == 0.0


def test_a_query_with_nothing_relevant_scores_zero_rather_than_dividing_by_zero():
    assert ndcg_at(["a"], {}) == 0.0
    assert ndcg_at(["a"], {"a": 0}) == 0.0


def test_the_first_grade_two_article_is_found_past_relevant_ones():
    assert first_rank(["x", "b", "a"], JUDGED) == 3
    assert first_rank(["x", "b"], JUDGED) is None
    assert first_rank(["x", "b"], JUDGED, grade=1) == 2


def test_the_mean_of_nothing_is_zero():
    assert mean([]) == 0.0
    assert mean([1.0, 0.5]) == 0.75


def test_every_judgment_line_is_well_formed():
    path = Path(__file__).resolve().parents[2] / "tools" / "ranking" / "judgments.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 30
    assert len({line["query"] for line in lines}) == len(lines), "a query is judged twice"
    for line in lines:
        assert set(line) == {"query", "relevant", "note"}, line["query"]
        assert line["query"].strip() and line["note"].strip()
        assert line["relevant"], f"{line['query']!r} judges no article"
        for key, grade in line["relevant"].items():
            assert grade in (1, 2), (line["query"], key)
            assert key.startswith(("http://", "https://")) or (key[:5] == "seed:" and key[5:].isdigit()), key


def test_a_seed_is_known_by_its_file_number_and_an_article_by_its_url():
    from tools.ranking.evaluate import key_of

    assert key_of("", "001_5aa9b0819a99d367.txt") == "seed:001"
    assert key_of("", "seeds/004_cb43997cc680d1fa.txt") == "seed:004"
    assert key_of("https://www.lemonde.fr/a.html", "topic.jsonl:12") == "https://www.lemonde.fr/a.html"
