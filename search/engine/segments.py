"""What is read once per index segment and kept while the segment lives.

A segment never changes once written (a commit adds segments, merges some, and
marks deletions, which leave words and field lengths as they were), but Whoosh
opens a new reader for every segment at each commit. So what is derived from a
segment is kept by the segment's id, not by its reader: after an editor's save,
only the new segment is read again.
"""

import threading
from collections import OrderedDict

KEPT = 256  # (segment, field, what) entries: the segments of a few index versions
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


def per_segment(reader, fieldname, what, build):
    """`build(reader, fieldname)` for the segment `reader` reads, built on first
    use; None for a reader of several segments (or of none)."""
    segment = reader.segment() if reader.is_atomic() else None
    if segment is None:
        return None
    key = (segment.segment_id(), fieldname, what)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = build(reader, fieldname)
    with _lock:
        _cache[key] = value
        while len(_cache) > KEPT:
            _cache.popitem(last=False)
    return value
