"""Whoosh's BM25F with each segment's field lengths read once into a list.

Scoring a hit reads the length of the field in that document; Whoosh decodes it
from the segment's length column at every posting, which was half the cost of
scoring a common word (three microseconds a hit). The same lengths, decoded
once per segment and field, give the same scores.
"""

import threading
import weakref

from whoosh.scoring import BM25F

_lengths = weakref.WeakKeyDictionary()  # segment reader → {field: [length of the field in each document]}
_lock = threading.Lock()


def field_lengths(reader, fieldname) -> list:
    with _lock:
        fields = _lengths.setdefault(reader, {})
        if fieldname not in fields:
            fields[fieldname] = [reader.doc_field_length(doc, fieldname, 1) for doc in range(reader.doc_count_all())]
        return fields[fieldname]


class CachedLengthsBM25F(BM25F):
    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if hasattr(scorer, "dfl"):
            scorer.dfl = field_lengths(searcher.reader(), fieldname).__getitem__
        return scorer
