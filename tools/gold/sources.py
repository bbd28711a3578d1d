"""Measure how extraction tells an article's publisher from its agencies against
the hand-annotated tools/gold/sources.jsonl: the 60 articles of
../shared/corpus/topic.jsonl (with the source they came with) and the five seeds
(raw text alone), each read at its head and tail for credit lines.

    python -m tools.gold.sources [--details]

Publisher: right or wrong per article. Agencies: precision and recall over the
(article, agency) pairs.
"""

import argparse
import json
from pathlib import Path

from archive.extraction.pipeline import RawArticle, extract
from tools.bench.corpus import topic_articles
from tools.gold.evaluate import prf

GOLD = Path(__file__).with_name("sources.jsonl")
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="print each article the extraction gets wrong")
    args = parser.parse_args()
    corpus = topic_articles()
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    right = tp = fp = fn = 0
    for item in gold:
        if "seed" in item:
            raw, name = RawArticle(text=(SEEDS / item["seed"]).read_text(encoding="utf-8")), item["seed"]
        else:
            article = corpus[item["index"]]
            raw, name = RawArticle(text=article["text"], source=article["source"]), f"topic {item['index']}"
        found = extract(raw)
        agencies, expected = set(found.agencies), set(item["agencies"])
        right += found.source_name == item["publisher"]
        tp, fp, fn = tp + len(agencies & expected), fp + len(agencies - expected), fn + len(expected - agencies)
        if args.details and (found.source_name != item["publisher"] or agencies != expected):
            print(f"{name}: {found.source_name!r} {sorted(agencies)} ≠ {item['publisher']!r} {sorted(expected)}")
    precision, recall, f1 = prf(tp, fp, fn)
    print(f"Sources ({len(gold)} articles): publisher right {right}/{len(gold)} ({right / len(gold):.3f}); "
          f"agencies P {precision:.3f} R {recall:.3f} F1 {f1:.3f} ({tp} found, {fp} wrong, {fn} missed)")  # fmt: skip


if __name__ == "__main__":
    main()
