"""Ranking metrics over graded judgments, no Django: `ranked` is the list of
article keys the search returned, best first; `judged` maps a key to its grade
(2 = about exactly this, 1 = relevant; a key not judged counts 0)."""

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain: the gain at rank r (from 1) divided by log2(r + 1)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at(ranked: Sequence[str], judged: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k: the DCG of the first k results over that of the ideal ranking,
    every judged article by descending grade. A query without relevant
    articles scores 0 (there is nothing to find)."""
    ideal = dcg(sorted((grade for grade in judged.values() if grade > 0), reverse=True)[:k])
    if not ideal:
        return 0.0
    return dcg([judged.get(key, 0) for key in ranked[:k]]) / ideal


def precision_at(ranked: Sequence[str], judged: Mapping[str, int], k: int = 5) -> float:
    """The share of the first k places holding an article graded 1 or more.
    Fewer than k results leave empty places, which count as misses."""
    return sum(1 for key in ranked[:k] if judged.get(key, 0) >= 1) / k


def first_rank(ranked: Sequence[str], judged: Mapping[str, int], grade: int = 2) -> int | None:
    """The rank (from 1) of the first result graded `grade` or more, None if none is returned."""
    return next((rank for rank, key in enumerate(ranked, start=1) if judged.get(key, 0) >= grade), None)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
