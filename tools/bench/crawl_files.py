"""The same articles as JSON Lines and as a crawler's WARC file, to compare
their import rates; optionally a WARC padded with non-HTML records to a given
size, to measure the memory an import of a large crawl takes.

    python -m tools.bench.crawl_files --count 1000 --out /tmp/crawl
    python -m tools.bench.crawl_files --count 1000 --pad-mb 200 --out /tmp/crawl200

Each article becomes a news page (headline, byline, date in its metadata,
paragraphs in <article>, menus around) answered 200 on its own address.
"""

import argparse
import gzip
import html
import io
import itertools
import json
import os
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lemonde_2022.jsonl.gz"
FILLER_BYTES = 1_000_000


def news_page(article: dict) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n") if p.strip())
    title = html.escape(article.get("title") or "")
    date = html.escape(article.get("date") or "")
    source = html.escape(article.get("source") or "")
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="{source}">
<meta property="article:published_time" content="{date}T08:00:00+01:00"></head>
<body><header><nav><a href="/">Accueil</a> <a href="/international/">International</a>
<a href="/politique/">Politique</a></nav></header><main><article><h1>{title}</h1>{paragraphs}</article></main>
<footer><a href="/mentions-legales/">Mentions légales</a></footer></body></html>""".encode()


def response(writer, url, body, content_type, date):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--skip", type=int, default=29_000, help="articles of the corpus passed over first")
    parser.add_argument("--pad-mb", type=int, default=0, help="grow the WARC to this size with image records")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for line in itertools.islice(lines, args.skip, args.skip + args.count)]
    with (args.out / "articles.jsonl").open("w", encoding="utf-8") as jsonl:
        for article in articles:
            jsonl.write(json.dumps(article, ensure_ascii=False) + "\n")
    warc_path = args.out / "articles.warc.gz"
    with warc_path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for article in articles:
            response(writer, article["url"], news_page(article), "text/html; charset=utf-8", "2024-03-05T09:15:00Z")
        filler = 0
        while stream.tell() < args.pad_mb * 1_000_000:
            # Incompressible bytes: a photo weighs in the file what it weighs on the wire.
            response(
                writer,
                f"https://www.lemonde.fr/img/{filler}.jpg",
                os.urandom(FILLER_BYTES),
                "image/jpeg",
                "2024-03-05T09:15:00Z",
            )
            filler += 1
    print(f"{len(articles)} articles ; {warc_path} : {warc_path.stat().st_size / 1e6:.1f} Mo, {filler} images")


if __name__ == "__main__":
    main()
