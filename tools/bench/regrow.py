"""Grow the index of an archive already imported again, as successive imports
grew it, without extracting anything again: empty the index, then write the
archive's articles (in the order they were imported) in K batches through the
writer path an import ends with (search.upkeep.indexing.update_articles), each
batch its own commit, so its own segment(s). Run by tools.bench.run --regrow K:

    python -m tools.bench.regrow K        (VIGIE_DATA_DIR names the archive)

Prints one JSON line: documents written and each batch's figures.
"""

import json
import os
import sys
import time

from tools.bench.picks import split


def main(argv=None):
    batches = int((argv or sys.argv[1:])[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from search.engine.connection import article_index, backend
    from search.upkeep.indexing import update_articles

    pks = list(article_index().index_queryset().order_by("pk").values_list("pk", flat=True))
    backend().clear(commit=True)
    figures = []
    for batch in split(pks, batches):
        started = time.perf_counter()
        written = update_articles(batch)
        figures.append({"documents": written, "seconds": round(time.perf_counter() - started, 1)})
    print(json.dumps({"documents": sum(f["documents"] for f in figures), "batches": figures}))


if __name__ == "__main__":
    main()
