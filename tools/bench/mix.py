"""The fixed query mix: each kind of search the issue names, with words and
facet values chosen for the archive at hand (a word common at 2,000 articles
may be absent from another sample), and a sample of article pages. Each query
is tried once before it is measured (`probe`): what the API and the page
answer is checked and recorded (a passage finds its article first, a typo
gets its "Vouliez-vous dire"), and a query the API refuses is reported, not measured."""

import html
import json
import random
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from tools.bench.http_latency import fetch

ARTICLES = 50
ENTITIES = ("person", "place", "organisation")
PAGE, API = "/recherche/", "/api/search/"


LABEL_CHARS = 60  # a pasted passage is shown by its start and length
SUGGESTION_TRIES = 8
_MESSAGE = re.compile(r'<div class="messages"[^>]*>(.*?)</div>', re.S)
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_SUGGESTION = "Vouliez-vous dire"


@dataclass
class Query:
    name: str
    params: dict  # a list value is a repeated parameter (person=a&person=b)
    expect: str | None = None  # the slug that should come first (a pasted passage's article)
    probe: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        pairs = [(key, value) for key, values in self.params.items() for value in _listed(values)]
        return " ".join(f"{key}={_short(value)}" for key, value in pairs) or "(sans q)"

    def page(self) -> str:
        return _url(PAGE, self.params)

    def api(self) -> str:
        return _url(API, self.params)


def _listed(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= LABEL_CHARS else f"«{text[:30]}…» ({len(text)} car.)"


def _url(path: str, params: dict) -> str:
    return f"{path}?{urlencode(params, doseq=True)}" if params else path


def build(base: str, words: dict) -> list[Query]:
    """The mix, from words picked by document frequency (whoosh_direct.pick)
    and facet values the API reports for the common word; kinds the archive
    has nothing for (no two people named together) are left out."""
    common = words["common"]["q"]
    source = _top(_api(base, {"q": common})["facets"], "source")
    narrowed = {"q": common, **({"source": source} if source else {})}
    facets = _api(base, narrowed)["facets"]
    entity = next(((name, value) for name in ENTITIES if (value := _top(facets, name))), None)
    years = _api(base, {})["facets"].get("year", [])
    year = max(years, key=lambda value: value["count"])["value"] if years else "2022"
    queries = [
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
        _suggestion(base, words.get("names") or []),
    ]
    if pasted := words.get("passage"):
        queries.append(Query("passage", {"q": pasted["q"]}, expect=pasted["slug"]))
    if people := words.get("people"):
        # `all=person`: both people named, not either (values of a facet otherwise combine with OR).
        queries.append(Query("both_people", {"person": people["person"], "all": "person"}))
    return queries


def _suggestion(base: str, names: list[dict]) -> Query:
    """A misspelt name the site offers to correct ("Vouliez-vous dire"): the
    first candidate the API answers with a suggestion, else the first one."""
    for name in names[:SUGGESTION_TRIES]:
        status, _, body = fetch(base, _url(API, {"q": name["q"]}))
        if status == 200 and _json(body).get("suggestion"):
            return Query("suggestion", {"q": name["q"]})
    return Query("suggestion", {"q": names[0]["q"] if names else "Sheinbam"})


def probe(base: str, query: Query) -> dict:
    """One request of the query's API answer and page, before any measure:
    status, count, rank of the expected article, suggestion and messages."""
    status, _, body = fetch(base, query.api())
    answer = _json(body)
    found = {"api_status": status}
    if status == 200:
        slugs = [hit["slug"] for hit in answer.get("results", [])]
        found.update(count=answer.get("count"), suggestion=answer.get("suggestion"), first=slugs[0] if slugs else None)
        if query.expect:
            found["rank"] = slugs.index(query.expect) + 1 if query.expect in slugs else None
        if answer.get("messages"):
            found["messages"] = answer["messages"]
    else:
        found["api_errors"] = answer.get("errors") or [body[:200].decode("utf-8", "replace")]
    status, _, body = fetch(base, query.page())
    page = body.decode("utf-8", "replace")
    found["page_status"] = status
    found["page_suggestion"] = _SUGGESTION in page
    if messages := page_messages(page):
        found["page_messages"] = messages
    return found


def page_messages(page: str) -> list[str]:
    """The messages the search page shows above its results (notes, ignored parameters)."""
    block = _MESSAGE.search(page)
    paragraphs = _PARAGRAPH.findall(block.group(1)) if block else []
    return [html.unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in paragraphs]


def _json(body: bytes) -> dict:
    try:
        answer = json.loads(body)
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


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
