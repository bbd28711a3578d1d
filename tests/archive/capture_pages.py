"""Pages and WARC files the capture tests serve and import: small, written here."""

import datetime as dt
import html
import io
import json
import zipfile

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = [
    "Le Pentagone a annoncé lundi l'envoi de 5 200 militaires supplémentaires à la frontière avec le Mexique, "
    "où une caravane de migrants centraméricains est attendue dans les prochaines semaines.",
    "Les soldats poseront des barbelés et appuieront les agents de la police des frontières dans les postes "
    "du Texas, de l'Arizona et de la Californie, a précisé le général Terrence O'Shaughnessy.",
    "À Tijuana, les autorités mexicaines disent se préparer à accueillir plusieurs milliers de personnes "
    "qui demandent l'asile aux États-Unis, tandis que les refuges de la ville sont déjà pleins.",
]


def article_html(
    title="Le Pentagone envoie 5 200 militaires à la frontière",
    published="2018-10-29T18:30:00+01:00",
    author="Claire Martin",
    paragraphs=PARAGRAPHS,
    og_type="article",
    extra="",
):
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    meta_date = f'<meta property="article:published_time" content="{published}">' if published else ""
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="og:type" content="{og_type}"><meta property="og:site_name" content="La Gazette du Rio Grande">
<meta name="author" content="{html.escape(author)}">{meta_date}
<script>document.title = "SCRIPT-RAN";</script></head>
<body><nav><a href="/">Accueil</a> <a href="/monde/">Monde</a></nav>
<article><h1>{html.escape(title)}</h1>{body}</article>{extra}
<script>document.body.innerHTML = "<p id=hacked>SCRIPT-RAN</p>";</script>
</body></html>"""


MENU_HTML = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Monde</title></head>
<body><nav><a href="/a">Politique</a> <a href="/b">Économie</a> <a href="/c">Sport</a></nav></body></html>"""

LOGIN_HTML = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion</title></head>
<body><h1>Connectez-vous pour lire la suite</h1><form method="post" action="/login">
<label>Courriel <input type="email" name="email"></label>
<label>Mot de passe <input type="password" name="password"></label><button>Se connecter</button></form></body></html>"""


def warc_response(writer, url, body, *, status="200 OK", content_type="text/html; charset=utf-8", date=None):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date or "2024-03-05T09:15:00Z"},
    )
    writer.write_record(record)
    return record.rec_headers.get_header("WARC-Record-ID")


def warc_request(writer, url):
    headers = StatusAndHeaders(
        f"GET {url} HTTP/1.1", [("User-Agent", "crawler")], protocol="HTTP/1.1", is_http_request=True
    )
    writer.write_record(writer.create_warc_record(url, "request", http_headers=headers))


def write_warc(path, records, gzip=None):
    """`records`: (url, html or bytes, options) for responses; ("request", url) and ("revisit", url) too."""
    gzip = path.name.endswith(".gz") if gzip is None else gzip
    ids = {}
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for record in records:
            if record[0] == "request":
                warc_request(writer, record[1])
            elif record[0] == "revisit":
                revisit = writer.create_revisit_record(
                    record[1], digest="sha1:AAAA", refers_to_uri=record[1], refers_to_date="2024-03-01T00:00:00Z"
                )
                writer.write_record(revisit)
            else:
                url, body, options = record
                data = body.encode() if isinstance(body, str) else body
                ids[url] = warc_response(writer, url, data, **options)
    return ids


def write_wacz(path, warcs: dict, pages: list[str] | None):
    """A WACZ: `warcs` maps names under archive/ to WARC bytes; `pages` the addresses of pages.jsonl."""
    with zipfile.ZipFile(path, "w") as wacz:
        for name, data in warcs.items():
            wacz.writestr(f"archive/{name}", data, compress_type=zipfile.ZIP_STORED)
        if pages is not None:
            lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})]
            lines += [json.dumps({"url": url, "ts": "2024-03-05T09:15:00Z", "title": "Page"}) for url in pages]
            wacz.writestr("pages/pages.jsonl", "\n".join(lines) + "\n")
        wacz.writestr("datapackage.json", json.dumps({"profile": "data-package", "resources": []}))


def utc(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
