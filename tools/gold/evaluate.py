"""Measure extraction against the hand-annotated gold set (tools/gold/topic.jsonl,
all 60 articles of ../shared/corpus/topic.jsonl): precision, recall and F1 per kind.

    python -m tools.gold.evaluate [--model fr_core_news_md]

Entities match on their folded key ("Etats-Unis" = "États-Unis"); figures on
their count; the date is read from the text alone (the file's date withheld)
and counts as right when its month is the article's.
"""

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from archive.extraction import nlp
from archive.extraction.entities import ORGANISATION, PERSON, PLACE, entity_key
from archive.extraction.organisations import KnownOrganisations, seed_organisations
from archive.extraction.pipeline import RawArticle, analysed_text, extract, find_facts, publisher_names
from archive.extraction.themes import SEED_THEMES, Lexicon, parse_keywords
from tools.bench.corpus import topic_articles

GOLD = Path(__file__).with_name("topic.jsonl")
KINDS = {"people": PERSON, "places": PLACE, "organisations": ORGANISATION}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=nlp.MODEL)
    parser.add_argument("--details", action="store_true", help="print each article's misses and false alarms")
    args = parser.parse_args()
    corpus = topic_articles()
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    lexicon = [Lexicon(name, parse_keywords(keywords)) for name, keywords in SEED_THEMES.items()]
    organisations = KnownOrganisations(seed_organisations())

    started = time.perf_counter()
    articles = [corpus[g["index"]] for g in gold]
    extracted = [extract(RawArticle(text=a["text"], title=a["title"], source=a["source"])) for a in articles]
    texts = [analysed_text(e.title, e.body) for e in extracted]
    mentions = nlp.recognise(texts, model=args.model)
    facts = [
        # As an import does (archive/extraction/batch.py): the publisher's names, and those the given source adds.
        find_facts(
            e.title,
            e.body,
            m,
            lexicon,
            e.authors + publisher_names(e.source_name) + publisher_names(a["source"]),
            organisations,
        )
        for e, m, a in zip(extracted, mentions, articles, strict=True)
    ]
    elapsed = time.perf_counter() - started

    scores = {kind: Counter() for kind in [*KINDS, "figures", "date"]}
    any_spelling = {kind: Counter() for kind in KINDS}
    for g, e, f in zip(gold, extracted, facts, strict=True):
        for field, kind in KINDS.items():
            found = {x.key for x in f.entities if x.kind == kind}
            expected = {entity_key(name) for name in g[field]}
            _score(scores[field], found, expected, g["index"], field, args.details)
            any_spelling[field].update(_by_any_spelling([x for x in f.entities if x.kind == kind], expected))
        found = Counter(x.count for x in f.figures)
        expected = Counter(x["count"] for x in g["figures"])
        scores["figures"].update(tp=sum((found & expected).values()), fp=sum((found - expected).values()),
                                 fn=sum((expected - found).values()))  # fmt: skip
        if e.published_on:
            right = e.published_on.strftime("%Y-%m") == g["date"][:7]
            scores["date"].update(tp=int(right), fp=int(not right), fn=int(not right))
        else:
            scores["date"].update(fn=1)

    print(f"Modèle {args.model} — {len(gold)} articles annotés, extraction en {elapsed:.1f} s")
    print(f"{'type':<15}{'précision':>10}{'rappel':>9}{'F1':>7}{'VP':>6}{'FP':>6}{'FN':>6}")
    for kind, counts in scores.items():
        p, r, f1 = _prf(counts)
        print(f"{kind:<15}{p:>10.2f}{r:>9.2f}{f1:>7.2f}{counts['tp']:>6}{counts['fp']:>6}{counts['fn']:>6}")
    entity_total = sum((scores[k] for k in KINDS), Counter())
    p, r, f1 = _prf(entity_total)
    print(f"{'entités (tout)':<15}{p:>10.2f}{r:>9.2f}{f1:>7.2f}")
    print("Entités justes sous une autre de leurs graphies (« AFP » annoté « Agence France-Presse ») :")
    for kind, counts in [*any_spelling.items(), ("entités (tout)", sum(any_spelling.values(), Counter()))]:
        p, r, f1 = _prf(counts)
        print(f"{kind:<15}{p:>10.2f}{r:>9.2f}{f1:>7.2f}{counts['tp']:>6}{counts['fp']:>6}{counts['fn']:>6}")


def _score(counter, found, expected, index, field, details):
    counter.update(tp=len(found & expected), fp=len(found - expected), fn=len(expected - found))
    if details and (found ^ expected):
        print(f"[{index}] {field}: manqués {sorted(expected - found)} ; en trop {sorted(found - expected)}")


def _by_any_spelling(entities, expected):
    """Entities matched one to one with the expected names, a name matching an
    entity's own key first, then one of its other spellings: an entity the list
    of known organisations names "AFP" is right where the annotator wrote
    "Agence France-Presse"."""
    left, unmatched = set(expected), []
    for entity in entities:
        if entity.key in left:
            left.discard(entity.key)
        else:
            unmatched.append(entity)
    fp = 0
    for entity in unmatched:
        hit = sorted({entity_key(alias) for alias in entity.aliases} & left)
        if hit:
            left.discard(hit[0])
        else:
            fp += 1
    return Counter(tp=len(expected) - len(left), fp=fp, fn=len(left))


def _prf(counts):
    return prf(counts["tp"], counts["fp"], counts["fn"])


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of true positives, false positives and misses."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


if __name__ == "__main__":
    main()
