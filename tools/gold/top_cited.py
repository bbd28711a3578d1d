"""Precision of the most cited people, places and organisations of an archive,
against hand judgments kept in tools/gold/top_cited.jsonl.

    VIGIE_DATA_DIR=DIR python -m tools.gold.top_cited [--top 40] [--min-articles 2] [--on-topic]

Each judgment line is {"kind", "name", "right", "why"}: "right" says whether the
name, as the archive shows it, is one real person, place or organisation of that
kind. The judgments were made by hand, from the names and, when a name was
unclear, from the articles that cite it; they are never produced by the code
they judge. Names not judged yet are listed: judge them and add them to the file.

Also reported: entities per article, and the people whose name is a surname
alone that a fuller name of the archive has ("Trump" beside "Donald Trump").
"""

import argparse
import json
import os
import sys
from pathlib import Path

JUDGMENTS = Path(__file__).with_name("top_cited.jsonl")
KINDS = {"person": "personnes", "place": "lieux", "organisation": "organisations"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--min-articles", type=int, default=1, help="only names cited in this many articles")
    parser.add_argument("--on-topic", action="store_true", help="count on-topic articles only (core, related)")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django  # noqa: PLC0415 - settings come from VIGIE_DATA_DIR, read at setup

    django.setup()
    from django.db.models import Count, Q  # noqa: PLC0415

    from archive.extraction.entities import entity_key, is_name_fragment  # noqa: PLC0415
    from archive.models import Article, Entity, Review  # noqa: PLC0415

    judged = {}
    if args.judgments.exists():
        for line in args.judgments.open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                judged[(row["kind"], row["name"])] = row["right"]

    shown = ~Q(mentions__review=Review.REJECTED)
    if args.on_topic:
        shown &= Q(mentions__article__relevance__in=["core", "related"])
    unjudged, failed = [], False
    for kind, label in KINDS.items():
        rows = (
            Entity.objects.filter(kind=kind)
            .annotate(articles=Count("mentions", filter=shown))
            .filter(articles__gte=max(1, args.min_articles))
            .order_by("-articles", "name")
            .values_list("name", "articles")[: args.top]
        )
        verdicts = [judged.get((kind, name)) for name, _ in rows]
        known = [v for v in verdicts if v is not None]
        precision = sum(known) / len(known) if known else 0.0
        wrong = [f"{name} ({n})" for (name, n), v in zip(rows, verdicts, strict=True) if v is False]
        print(f"{label:<15} précision {precision:.2f} sur {len(known)}/{len(rows)} jugés ; faux : {', '.join(wrong)}")
        unjudged += [(kind, name, n) for (name, n), v in zip(rows, verdicts, strict=True) if v is None]
        failed |= len(known) < len(rows)

    articles = Article.objects.count()
    entities = Entity.objects.filter(mentions__isnull=False).distinct().count()
    print(f"entités par article : {entities / max(articles, 1):.2f} ({entities} entités, {articles} articles)")
    people = list(
        Entity.objects.filter(kind="person", mentions__isnull=False).distinct().values_list("name", flat=True)
    )
    keys = {entity_key(p) for p in people}
    by_last = {}
    for key in keys:
        if len(key.split()) > 1:
            by_last.setdefault(key.split()[-1], []).append(key)
    owners = {
        p: [full for full in by_last.get(entity_key(p), []) if is_name_fragment(entity_key(p), full)]
        for p in people
        if len(entity_key(p).split()) == 1
    }
    # A surname one full name of the archive carries should have been resolved to it;
    # one several people carry (« Proust »: Marcel, Olivier) cannot be, and stays.
    fragments = sorted(p for p, full in owners.items() if len(full) == 1)
    shared = sorted(p for p, full in owners.items() if len(full) > 1)
    print(f"personnes réduites au nom de famille d'un seul nom complet de l'archive : {len(fragments)}")
    print("  " + ", ".join(fragments[:40]))
    print(f"noms de famille que plusieurs noms complets portent (laissés seuls) : {len(shared)}")
    print("  " + ", ".join(shared[:40]))
    if unjudged:
        print("À juger (ajoutez-les à tools/gold/top_cited.jsonl) :")
        for kind, name, n in unjudged:
            print(json.dumps({"kind": kind, "name": name, "articles": n}, ensure_ascii=False))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
