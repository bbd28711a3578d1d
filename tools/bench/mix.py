"""The fixed query mix: each kind of search the issue names, with words and
facet values chosen for the archive at hand (a word common at 2,000 articles
may be absent from another sample), and a sample of article pages."""

import json
import random
from dataclasses import dataclass
from urllib.parse import urlencode

from tools.bench.http_latency import fetch

ARTICLES = 50
ENTITIES = ("person", "place", "organisation")
PAGE, API = "/recherche/", "/api/search/"


@dataclass
class Query:
    name: str
    params: dict

    @property
    def label(self) -> str:
        return " ".join(f"{key}={value}" for key, value in self.params.items()) or "(sans q)"

    def page(self) -> str:
        return _url(PAGE, self.params)

    def api(self) -> str:
        return _url(API, self.params)


def _url(path: str, params: dict) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def build(base: str, words: dict) -> list[Query]:
    """The mix, from words picked by document frequency (whoosh_direct.pick)
    and facet values the API reports for the common word."""
    common = words["common"]["q"]
    source = _top(_api(base, {"q": common})["facets"], "source")
    narrowed = {"q": common, **({"source": source} if source else {})}
    facets = _api(base, narrowed)["facets"]
    entity = next(((name, value) for name in ENTITIES if (value := _top(facets, name))), None)
    years = _api(base, {})["facets"].get("year", [])
    year = max(years, key=lambda value: value["count"])["value"] if years else "2022"
    return [
        Query("common", {"q": common}),
        Query("rare", {"q": words["rare"]["q"]}),
        Query("two_terms", {"q": f"{common} {words['second']['q']}"}),
        Query("phrase", {"q": words["phrase"]["q"]}),
        Query("prefix", {"q": words["prefix"]["q"]}),
        Query("fuzzy", {"q": words["fuzzy"]["q"]}),
        Query("facets", {**narrowed, **dict([entity] if entity else [])}),
        Query("date_range", {"q": common, "date_from": f"{year}-01-01", "date_to": f"{year}-06-30"}),
        Query("sorted_by_date", {"q": common, "sort": "newest"}),
        Query("browse", {}),
    ]


def article_paths(base: str, count: int = ARTICLES, seed: int = 5) -> list[str]:
    """Article pages of random browse pages (newest first)."""
    first = _api(base, {})
    pages = list(range(1, first["num_pages"] + 1))
    random.Random(seed).shuffle(pages)
    slugs = []
    for page in pages:
        answer = first if page == 1 else _api(base, {"page": page})
        slugs += [hit["slug"] for hit in answer["results"] if hit["slug"] not in slugs]
        if len(slugs) >= count:
            break
    random.Random(seed).shuffle(slugs)
    return [f"/articles/{slug}/" for slug in slugs[:count]]


def _api(base: str, params: dict) -> dict:
    status, _, body = fetch(base, _url(API, params))
    if status != 200:
        raise SystemExit(f"L'API répond {status} à {params}")
    return json.loads(body)


def _top(facets: dict, name: str) -> str | None:
    values = [value for value in facets.get(name, []) if not value.get("selected")]
    return values[0]["value"] if values else None
