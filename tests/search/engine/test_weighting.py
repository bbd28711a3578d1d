"""Scoring with each segment's field lengths decoded once gives Whoosh's own
BM25F scores, segment by segment."""

import pytest
from whoosh.scoring import BM25F

from search.engine.connection import backend
from search.engine.weighting import CachedLengthsBM25F


@pytest.mark.parametrize("q", ["frontière", "garde nationale", "Trump OR caravane", '"armée américaine"'])
def test_scores_equal_whooshs_own(seeds, make_article, q):
    make_article("Une frontière, une caravane, la Garde nationale : un second segment.")
    searcher = backend().searcher()
    parsed = backend().parse(q)

    cached = {hit.docnum: round(hit.score, 9) for hit in searcher.search(parsed, limit=None)}
    with backend().index.searcher(weighting=BM25F()) as whooshs:
        plain = {hit.docnum: round(hit.score, 9) for hit in whooshs.search(parsed, limit=None)}

    assert isinstance(searcher.weighting, CachedLengthsBM25F)
    assert len(searcher.reader().leaf_readers()) > 1
    assert cached == plain and cached
