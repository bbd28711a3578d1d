"""A feed poll of N new items, end to end: a loopback site serves an RSS feed
and its N article pages (general news the everyday archive does not hold), then
`watch_feeds --add` and `watch_feeds --once` run against a data folder as
cron would run them; a second poll finds every item seen.

    VIGIE_DATA_DIR=/tmp/ev-copy python -m tools.bench.feed_poll --items 50

Run it on a copy of an archive: the poll imports into it.
"""

import argparse
import datetime as dt
import gzip
import html
import itertools
import json
import subprocess
import sys
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tools.bench.crawl_files import news_page

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def articles(count: int) -> list[dict]:
    with gzip.open(CORPUS / "lemonde_2022.jsonl.gz", "rt", encoding="utf-8") as news:
        # Far into the file: articles the everyday archive's runs did not import.
        return [json.loads(line) for line in itertools.islice(news, 20_000, 20_000 + count)]


def rss(base: str, items: list[dict]) -> bytes:
    now = dt.datetime.now(dt.UTC)
    entries = "".join(
        f"<item><title>{html.escape(a.get('title') or '')}</title><link>{base}/a/{i}.html</link>"
        f"<guid>{base}/a/{i}.html</guid><pubDate>{format_datetime(now - dt.timedelta(hours=i))}</pubDate></item>"
        for i, a in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Banc d\'essai</title>'
        f"<link>{base}/</link><description>bench</description>{entries}</channel></rss>"
    ).encode()


def serve(items: list[dict]):
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body, kind = pages.get(self.path, (b"", ""))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    for i, article in enumerate(items):
        pages[f"/a/{i}.html"] = (news_page(article), "text/html; charset=utf-8")
    pages["/rss.xml"] = (rss(base, items), "application/rss+xml")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def timed(*args) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "watch_feeds", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(done.stderr)
    return time.perf_counter() - start, done.stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    server, base = serve(articles(args.items))
    try:
        add, _ = timed("--add", f"{base}/rss.xml", "--name", "Banc d'essai")
        first, first_line = timed("--once")
        again, again_line = timed("--once")
    finally:
        server.shutdown()
    print(
        json.dumps(
            {
                "items": args.items,
                "add_s": round(add, 2),
                "poll_new_s": round(first, 2),
                "poll_new": first_line,
                "poll_seen_s": round(again, 2),
                "poll_seen": again_line,
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
