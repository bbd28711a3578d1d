"""The benchmark's queries against Whoosh itself, without Django's request
stack: our parser (search.engine.backend.build_parser), one warm searcher. Run as a
subprocess of tools.bench.run, a JSON request on stdin, a JSON answer on stdout:

    {"action": "describe"}                           segments and documents of the index
    {"action": "pick"}                               words, names, a passage and two people to search
    {"action": "time", "queries": [...], "rounds": 40}   p50/p95 of each query, with and without facets
"""

import heapq
import json
import os
import random
import sys
import time

from tools.bench import segments
from tools.bench.picks import best_pair, passage, surname, typo
from tools.bench.stats import summary

# What the search page counts: its six facets and the months of its coverage chart.
FACET_FIELDS = ("source", "year", "person", "place", "organisation", "theme", "period")
FILTER_FIELDS = ("source", "year", "person", "place", "organisation", "theme")
COMMON = ("président", "gouvernement", "pays", "police", "ministre", "france", "monde", "ans")
PHRASES = ('"premier ministre"', '"garde nationale"', '"union européenne"', '"emmanuel macron"', '"donald trump"')
PREFIXES = ("milit*", "gouvern*", "econom*")
FUZZY_WORD = "frontière"  # the archive's subject: its typo `frontire~` when the archive holds it
NAMES = ("sheinbaum",)  # a name whose typo (`Sheinbam`) the archive should correct, when it holds it
LONG_WORD = 8  # letters of a word whose typo is searched fuzzily
PEOPLE = 30  # the most mentioned people, among whom two named together are looked for
PASSAGE_CHARS = 2000
PASSAGE_TRIES = 500  # random articles read to find one long enough, with a curly apostrophe
VOCABULARY = "words"  # the unstemmed vocabulary suggestions come from
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
        self.max_query_length = settings.VIGIE_MAX_QUERY_LENGTH

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
            "fuzzy": self._fuzzy(),
            "names": self._names(),
            "passage": self._passage(),
            "people": self._people(),
        }

    def _known(self, word: str) -> bool:
        return (VOCABULARY, word.lower()) in self.searcher.reader()

    def _frequent_words(self, count: int) -> list[str]:
        """The archive's most frequent long words as written, most frequent first."""
        counted = (
            (info.doc_frequency(), word)
            for text, info in self.searcher.reader().iter_field(VOCABULARY)
            if (word := text.decode() if isinstance(text, bytes) else text).isalpha() and len(word) >= LONG_WORD
        )
        return [word for _, word in heapq.nlargest(count, counted)]

    def _fuzzy(self) -> dict:
        """A typo of a common word, searched with ~: `frontire~` when the archive
        holds "frontière", else a typo of one of its most frequent long words."""
        if VOCABULARY not in self.schema:
            word = FUZZY_WORD
        else:
            candidates = ([FUZZY_WORD] if self._known(FUZZY_WORD) else []) + self._frequent_words(20)
            word = next((w for w in candidates if not self._known(typo(w))), FUZZY_WORD)
        q = f"{typo(word)}~"
        return {"q": q, "hits": self.hits(q), "word": word}

    def _names(self) -> list[dict]:
        """Misspelt names the archive holds correctly, for "Vouliez-vous dire":
        Sheinbam when Sheinbaum is there, then typos of the surnames of the most
        mentioned people. The site says which ones it corrects (tools/bench/mix.py)."""
        if VOCABULARY not in self.schema:
            return []
        words = [name for name in NAMES if self._known(name)]
        if "person" in self.schema:
            for _, slug in self._top_terms("person", 20):
                word = surname(slug)
                if len(word) >= 6 and word.isalpha() and word not in words and self._known(word):
                    words.append(word)
        return [
            {"q": typo(word).capitalize(), "word": word.capitalize()} for word in words if not self._known(typo(word))
        ][:8]

    def _top_terms(self, field: str, count: int) -> list[tuple[int, str]]:
        terms = (
            (info.doc_frequency(), text.decode() if isinstance(text, bytes) else text)
            for text, info in self.searcher.reader().iter_field(field)
        )
        return heapq.nlargest(count, terms)

    def _passage(self) -> dict | None:
        """About 2,000 characters of one article's body, as a reader pastes them
        (curly apostrophes kept): of an article chosen at random among those
        long enough, one whose passage holds a curly apostrophe if any does."""
        reader = self.searcher.reader()
        docnums = list(range(reader.doc_count_all()))
        random.Random(5).shuffle(docnums)
        fallback = None
        for docnum in docnums[:PASSAGE_TRIES]:
            if reader.is_deleted(docnum):
                continue
            fields = reader.stored_fields(docnum)
            body = fields.get("body") or ""
            if len(body) < PASSAGE_CHARS * 1.2:
                continue
            text = passage(body, PASSAGE_CHARS)
            found = {"q": text, "slug": fields.get("slug"), "title": fields.get("title"), "chars": len(text)}
            if "’" in text:
                return found
            fallback = fallback or found
        return fallback

    def _people(self) -> dict | None:
        """Two people named together in the most articles, among the most mentioned."""
        if "person" not in self.schema:
            return None
        reader = self.searcher.reader()
        documents = {
            slug: set(reader.postings("person", slug).all_ids()) for _, slug in self._top_terms("person", PEOPLE)
        }
        pair = best_pair(documents)
        return pair and {"person": [pair[0], pair[1]], "together": pair[2]}

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

        q = _as_typed(params.get("q", ""), self.max_query_length)
        parsed = self.parser.parse(q) if q else wq.Every()
        filters = []
        for name in FILTER_FIELDS:
            values = params.get(name) or []
            terms = [wq.Term(name, value) for value in ([values] if isinstance(values, str) else values)]
            # Values of one facet combine with OR, or with AND for the facets `all` names.
            if terms:
                filters.append(wq.And(terms) if name in _listed(params.get("all")) else wq.Or(terms))
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


def _as_typed(q: str, limit: int) -> str:
    """The query as the search form keeps it: spaces collapsed, cut to `limit`
    characters at a space (search/query/state.py)."""
    q = " ".join(q.split())
    if len(q) > limit:
        q = q[:limit].rsplit(" ", 1)[0] if " " in q[:limit] else q[:limit]
    return q


def _listed(value) -> list:
    return [] if not value else [value] if isinstance(value, str) else list(value)


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
