"""Capture of one page, end to end, against a page served on 127.0.0.1: fetch,
extraction of the page (trafilatura), WARC record written, then the import
(entities, figures, database write, index update). Each round serves another
corpus article, so no import is skipped as a repeat; the model is loaded once
before timing, as in a running command or worker.

    VIGIE_DATA_DIR=/tmp/copy-of-an-archive python -m tools.bench.capture_page --rounds 10
"""

import argparse
import gzip
import itertools
import json
import os
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tools.bench.crawl_files import CORPUS, news_page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--skip", type=int, default=28_000, help="articles of the corpus passed over first")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from archive.capture.capturing import capture_url
    from archive.extraction.nlp import pipeline
    from archive.importing import import_article
    from search.upkeep import indexing

    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        pages = [news_page(json.loads(line)) for line in itertools.islice(lines, args.skip, args.skip + args.rounds)]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages[int(self.path.strip("/"))]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pipeline()  # the model, loaded once as a running process has it
    captures, imports = [], []
    for n in range(args.rounds):
        start = time.perf_counter()
        raw = capture_url(f"http://127.0.0.1:{server.server_port}/{n}")
        captured = time.perf_counter()
        _, article, _ = import_article(raw)
        indexing.update_articles([article.pk])
        captures.append(captured - start)
        imports.append(time.perf_counter() - captured)
    server.shutdown()
    total = [c + i for c, i in zip(captures, imports, strict=True)]
    print(
        f"{args.rounds} pages : capture (fetch, trafilatura, WARC) "
        f"médiane {statistics.median(captures) * 1000:.0f} ms ; "
        f"import (extraction, écriture, index) médiane {statistics.median(imports) * 1000:.0f} ms ; "
        f"bout à bout médiane {statistics.median(total) * 1000:.0f} ms, max {max(total) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
