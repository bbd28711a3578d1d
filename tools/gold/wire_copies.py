"""Wire copies: are the near-duplicate links one story republished? Precision
and recall on links judged by hand.

    python -m tools.gold.wire_copies [--details]
    VIGIE_DATA_DIR=DIR python -m tools.gold.wire_copies --draw 30   (links to judge, from an archive)

tools/gold/wire_copies.jsonl holds pairs of articles, each read in full and
judged by a person: `same` is true when both are one story republished (a wire
copy, the same dispatch updated or re-edited), false for a follow-up story, a
story on the same subject, or texts sharing only furniture. `drawn` pairs are
the 30 links drawn at random (seed 15) from the everyday test archive (seeds,
topic.jsonl, the first 1,500 lines of lemonde_2022 in three runs, then the
first 1,000 of orangesum_fr) after `manage.py relink_duplicates`; `candidate`
pairs are ones the detection turned down, judged to see what the threshold
costs.

The evaluation rebuilds the bodies of those same inputs (extraction as an
import does it), counts each paragraph's articles as the archive does, and
decides every judged pair as archive/duplicates.py would. Precision: pairs
judged the same story among those linked; recall: linked among those judged
the same story (of the judged pairs only: it is no census of the archive).
"""

import argparse
import datetime
import gzip
import itertools
import json
import os
import random
from collections import Counter
from pathlib import Path

from archive.extraction import wire_copies
from archive.extraction.pipeline import RawArticle, extract
from tools.bench.corpus import CORPUS
from tools.gold.evaluate import prf

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
GOLD = Path(__file__).with_name("wire_copies.jsonl")
# The everyday test archive's inputs, as (file, how many first lines).
INPUTS = (("topic.jsonl", None), ("lemonde_2022.jsonl.gz", 1500), ("orangesum_fr.jsonl.gz", 1000))
DRAW_SEED = 15


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="every judged pair with its measure")
    parser.add_argument("--draw", type=int, metavar="N", help="draw N links of the archive of VIGIE_DATA_DIR to judge")
    args = parser.parse_args()
    if args.draw:
        return draw(args.draw)
    if not (CORPUS / "topic.jsonl").exists():
        raise SystemExit(f"Corpus introuvable : {CORPUS} (VIGIE_CORPUS_DIR)")
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8") if line.strip()]
    articles = archive_articles()
    counts = Counter(key for body, *_ in articles.values() for key in set(wire_copies.passage_keys(body)))
    common = {key for key, n in counts.items() if n > wire_copies.COMMON_PASSAGE}
    tally = Counter()
    rows = []
    for pair in gold:
        (first, *first_day), (second, *second_day) = articles[pair["first"]["id"]], articles[pair["second"]["id"]]
        similarity = wire_copies.resemblance(first, second, common)
        linked = wire_copies.is_republication(similarity, wire_copies.days_apart(*first_day, *second_day))
        tally[(linked, pair["same"])] += 1
        rows.append((similarity, linked, pair))
    p, r, f1 = prf(tally[(True, True)], tally[(True, False)], tally[(False, True)])
    drawn = [row for row in rows if row[2]["kind"] == "drawn"]
    drawn_linked = [row for row in drawn if row[1]]
    drawn_precision = sum(row[2]["same"] for row in drawn_linked) / len(drawn_linked) if drawn_linked else 0.0
    print(
        f"Reprises de dépêches — {len(gold)} paires jugées ({len(drawn)} tirées au hasard parmi les liens, "
        f"{len(gold) - len(drawn)} candidates écartées), seuil : {wire_copies.CONTAINMENT:.0%} du texte propre "
        f"le plus court en commun, passages présents dans plus de {wire_copies.COMMON_PASSAGE} articles ignorés"
    )
    print(f"liens tirés au hasard : précision {drawn_precision:.3f} ({len(drawn_linked)} encore liés)")
    print(f"toutes les paires jugées : précision {p:.3f}, rappel {r:.3f}, F1 {f1:.3f}")
    if args.details:
        for similarity, linked, pair in sorted(rows, key=lambda row: -row[0]):
            verdict = "même dépêche" if pair["same"] else "autre"
            print(f"  {similarity:5.2f} {'lié ' if linked else '    '} {verdict:<13} {pair['first']['title'][:45]}"
                  f" | {pair['second']['title'][:45]}")  # fmt: skip


def archive_articles() -> dict[str, tuple]:
    """{id: (body, date, date precision)} of every input of the everyday test
    archive, as imported: "seed:001", else the url."""
    articles = {}
    for path in sorted(SEEDS.glob("*.txt")):
        extracted = extract(RawArticle(text=path.read_text(encoding="utf-8")))
        articles[f"seed:{path.name[:3]}"] = (extracted.body, extracted.published_on, extracted.date_precision)
    for name, first in INPUTS:
        opener = gzip.open if name.endswith(".gz") else open
        with opener(CORPUS / name, "rt", encoding="utf-8") as lines:
            for line in itertools.islice(lines, first):
                row = json.loads(line)
                if row["url"] in articles:
                    continue
                body = extract(RawArticle(text=row["text"], title=row.get("title") or "")).body
                day = datetime.date.fromisoformat(row["date"]) if row.get("date") else None
                articles[row["url"]] = (body, day, "day" if day else "unknown")
    return articles


def draw(n: int):
    """Print `n` links of an archive drawn at random, with what a judge needs."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from archive.models import NearDuplicate

    links = NearDuplicate.objects.filter(from_article_id__lt=models_f("to_article_id")).order_by("pk")
    pairs = list(links.select_related("from_article", "to_article"))
    for link in random.Random(DRAW_SEED).sample(pairs, min(n, len(pairs))):
        record = {
            "kind": "drawn",
            "first": _described(link.from_article),
            "second": _described(link.to_article),
            "similarity": round(link.similarity, 3),
        }
        print(json.dumps(record, ensure_ascii=False))


def models_f(name):
    from django.db.models import F

    return F(name)


def _described(article) -> dict:
    ref = article.ref or ""
    identity = f"seed:{ref.split('/')[-1][:3]}" if ref.startswith("seeds/") else article.url
    return {"id": identity, "title": article.title[:120]}


if __name__ == "__main__":
    main()
