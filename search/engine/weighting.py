"""Whoosh's BM25F with each segment's field lengths read once into a list.

Scoring a hit reads the length of the field in that document; Whoosh decodes it
from the segment's length column at every posting, which was half the cost of
scoring a common word (three microseconds a hit). The same lengths, decoded
once per segment and field, give the same scores.
"""

from whoosh.scoring import BM25F

from search.engine.segments import per_segment


def field_lengths(reader, fieldname) -> list | None:
    """The length of `fieldname` in each document of the segment `reader` reads
    (None for a reader of several segments: Whoosh's own lookup is kept)."""
    return per_segment(reader, fieldname, "lengths", _read_lengths)


def _read_lengths(reader, fieldname) -> list:
    return [reader.doc_field_length(doc, fieldname, 1) for doc in range(reader.doc_count_all())]


class CachedLengthsBM25F(BM25F):
    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        lengths = field_lengths(searcher.reader(), fieldname) if hasattr(scorer, "dfl") else None
        if lengths is not None:
            scorer.dfl = lengths.__getitem__
        return scorer
