"""The benchmark's queries against Whoosh itself, without Django's request
stack: our parser (search.engine.backend.build_parser), one warm searcher. Run as a
subprocess of tools.bench.run, a JSON request on stdin, a JSON answer on stdout:

    {"action": "describe"}                           segments and documents of the index
    {"action": "pick"}                               words to search, by document frequency
    {"action": "time", "queries": [...], "rounds": 40}   p50/p95 of each query, with and without facets
"""

import json
import os
import random
import sys
import time

from tools.bench import segments
from tools.bench.stats import summary

# What the search page counts: its six facets and the months of its coverage chart.
FACET_FIELDS = ("source", "year", "person", "place", "organisation", "theme", "period")
FILTER_FIELDS = ("source", "year", "person", "place", "organisation", "theme")
COMMON = ("président", "gouvernement", "pays", "police", "ministre", "france", "monde", "ans")
PHRASES = ('"premier ministre"', '"garde nationale"', '"union européenne"', '"emmanuel macron"', '"donald trump"')
PREFIXES = ("milit*", "gouvern*", "econom*")
FUZZY = ("frontire~", "gouvernment~", "presidnt~")
COMMON_SHARE = 0.10  # a common word is in at least this share of the articles
RARE_HITS = (2, 5)  # a rare word is in a handful of articles
WARM_UP = 3


class Index:
    def __init__(self):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.conf import settings
        from whoosh import index

        from search.engine.backend import build_parser

        self.index = index.open_dir(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        self.parser = build_parser("text", self.schema)

    def hits(self, q: str) -> int:
        return len(self.searcher.search(self.parser.parse(q), limit=1))

    def pick(self) -> dict:
        """Words that make each kind of query meaningful at this archive's size."""
        documents = self.searcher.doc_count()
        common = {word: self.hits(word) for word in COMMON}
        frequent = [word for word in COMMON if common[word] >= COMMON_SHARE * documents]
        ranked = frequent + sorted(set(COMMON) - set(frequent), key=common.get, reverse=True)
        phrases = {phrase: self.hits(phrase) for phrase in PHRASES}
        return {
            "documents": documents,
            "common": {"q": ranked[0], "hits": common[ranked[0]]},
            "second": {"q": ranked[1], "hits": common[ranked[1]]},
            "rare": self._rare(),
            "phrase": max(({"q": p, "hits": n} for p, n in phrases.items()), key=lambda found: found["hits"]),
            "prefix": self._first_found(PREFIXES),
            "fuzzy": self._first_found(FUZZY),
        }

    def _first_found(self, candidates) -> dict:
        counted = [{"q": q, "hits": self.hits(q)} for q in candidates]
        return next((found for found in counted if found["hits"]), counted[0])

    def _rare(self) -> dict:
        # Words as written come from the unstemmed vocabulary field when there is one
        # (the searched field holds stems); keep one that, typed as a query, finds a handful.
        low, high = RARE_HITS
        field = "words" if "words" in self.schema else "text"
        words = []
        for text, info in self.searcher.reader().iter_field(field):
            word = text.decode() if isinstance(text, bytes) else text
            if word.isalpha() and len(word) >= 8 and low <= info.doc_frequency() <= high:
                words.append(word)
                if len(words) >= 300:
                    break
        random.Random(5).shuffle(words)
        for word in words[:30]:
            if low <= (hits := self.hits(word)) <= 2 * high:
                return {"q": word, "hits": hits}
        return {"q": "frontière", "hits": self.hits("frontière")}

    def time(self, queries: list[dict], rounds: int) -> dict:
        from whoosh.fields import KEYWORD
        from whoosh.sorting import Count, FieldFacet

        groupedby = {
            name: FieldFacet(name, maptype=Count, allow_overlap=isinstance(self.schema[name], KEYWORD))
            for name in FACET_FIELDS
            if name in self.schema
        }
        seconds = {(query["name"], facets): [] for query in queries for facets in (False, True)}
        hits = {}
        for turn in range(WARM_UP + rounds):
            for query in queries:
                for facets in (False, True):
                    started = time.perf_counter()
                    results = self._search(query["params"], groupedby if facets else None)
                    hits[query["name"]] = len(results)  # the page shows the count: part of the work
                    elapsed = time.perf_counter() - started
                    if turn >= WARM_UP:
                        seconds[query["name"], facets].append(elapsed)
        return {
            "documents": self.searcher.doc_count(),
            "queries": {
                query["name"]: {
                    "hits": hits[query["name"]],
                    "plain": summary(seconds[query["name"], False]),
                    "facets": summary(seconds[query["name"], True]),
                }
                for query in queries
            },
        }

    def _search(self, params: dict, groupedby):
        """One search as the site runs it: parse, filter, sort, the first 20 hits'
        stored fields read, facets counted (with `groupedby`)."""
        from whoosh import query as wq

        q = params.get("q", "").strip()
        parsed = self.parser.parse(q) if q else wq.Every()
        filters = [wq.Term(name, params[name]) for name in FILTER_FIELDS if params.get(name)]
        # As search/query/run.py does: an article's period overlaps the range.
        if params.get("date_to"):
            filters.append(wq.NumericRange("oldest", 0, int(params["date_to"].replace("-", ""))))
        if params.get("date_from"):
            filters.append(wq.NumericRange("until", int(params["date_from"].replace("-", "")), 99999999))
        sort = params.get("sort") or ("relevance" if q else "newest")
        sortedby, reverse = {"newest": ("newest", True), "oldest": ("oldest", False)}.get(sort, (None, False))
        results = self.searcher.search(
            parsed,
            limit=20,
            filter=wq.And(filters) if filters else None,
            sortedby=sortedby,
            reverse=reverse,
            groupedby=groupedby,
        )
        for hit in results:
            hit.fields()
        return results


def main():
    request = json.load(sys.stdin)
    if request["action"] == "describe":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.conf import settings

        json.dump(segments.describe(settings.HAYSTACK_CONNECTIONS["default"]["PATH"]), sys.stdout)
        return
    index = Index()
    if request["action"] == "pick":
        answer = index.pick()
    else:
        answer = index.time(request["queries"], request["rounds"])
    json.dump(answer, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
