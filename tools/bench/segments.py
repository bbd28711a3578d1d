"""What a Whoosh index folder holds: its segments and documents. An archive
grown by successive imports has several segments (each import commits its
own, merged only now and then), and every search reads each of them; a
rebuilt index has one."""

from pathlib import Path


def describe(path: Path) -> dict:
    """Segments, live and deleted documents, and the documents of each segment
    (largest first), of the index in `path`."""
    from whoosh import index

    ix = index.open_dir(str(path))
    try:
        segments = ix._segments()
        with ix.reader() as reader:
            documents, stored = reader.doc_count(), reader.doc_count_all()
            # The same count from the public API: a MultiReader reads one leaf per segment.
            leaves = len(list(reader.leaf_readers())) if segments else 0
    finally:
        ix.close()
    if leaves != len(segments):
        raise RuntimeError(f"{path}: {len(segments)} segments listed, {leaves} read")
    return {
        "segments": len(segments),
        "documents": documents,
        "deleted": stored - documents,
        "segment_documents": sorted((segment.doc_count() for segment in segments), reverse=True),
    }
