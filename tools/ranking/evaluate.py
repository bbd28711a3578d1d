"""Score the search's ranking against the researchers' judgments
(tools/ranking/judgments.jsonl): nDCG@10 and precision@5 per query, then their means.

    python -m tools.ranking.evaluate [--data DIR] [--json FILE] [--details]

Without --data, the five seed articles and ../shared/corpus/topic.jsonl are
imported into a throwaway archive (about 20 s). With --data DIR, the archive in
DIR is used as it is; an empty or missing DIR is imported into first and kept,
so the next run with the same --data starts at once.

Each query runs as the search page runs it (SearchState.from_query, the
default order of a query: relevance); each result is mapped back to the key
the judgments use: the article's url, or `seed:NNN` for fixtures/seeds/NNN_….txt.
"""

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.ranking.metrics import first_rank, mean, ndcg_at, precision_at

ROOT = Path(__file__).resolve().parents[2]
JUDGMENTS = Path(__file__).with_name("judgments.jsonl")
SEEDS = ROOT / "fixtures" / "seeds"
CORPUS = Path(os.environ.get("VIGIE_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
# Variables that would point Django elsewhere than the evaluation's data folder.
FOREIGN = ("DATABASE_URL", "WHOOSH_INDEX_DIR", "SEARCH_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE")
SEED_REF = re.compile(r"(?:^|/)(\d{3})_[^/]*\.txt$")
NDCG_AT, PRECISION_AT = 10, 5


def main(argv=None):
    args = _arguments(argv)
    judgments = load_judgments(args.judgments)
    if args.data:
        args.data.mkdir(parents=True, exist_ok=True)
        _evaluate(args.data.resolve(), judgments, args)
    else:
        with tempfile.TemporaryDirectory(prefix="vigie-eval-search-") as folder:
            _evaluate(Path(folder), judgments, args)


def load_judgments(path: Path) -> list[dict]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        raise SystemExit(f"Aucun jugement dans {path}")
    return lines


def key_of(url: str, ref: str) -> str:
    """The judgments' key of an article: `seed:NNN` for a seed file, else its url."""
    seed = SEED_REF.search(ref or "")
    if seed:
        return f"seed:{seed.group(1)}"
    return url or f"ref:{ref}"


def _evaluate(data_dir: Path, judgments: list[dict], args):
    for name in FOREIGN:
        os.environ.pop(name, None)
    os.environ.update(VIGIE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="config.settings")
    import django

    django.setup()
    from archive.models import Article

    if not (data_dir / "vigie.sqlite3").exists() or not (data_dir / "whoosh_index").is_dir():
        _import(data_dir, args.corpus)
    else:
        print(f"Archive réutilisée : {data_dir} ({Article.objects.count()} articles)", flush=True)

    keys = {slug: key_of(url, ref) for slug, url, ref in Article.objects.values_list("slug", "url", "ref")}
    titles = dict(Article.objects.values_list("slug", "title"))
    by_key = {key: slug for slug, key in keys.items()}
    absent = sorted({key for j in judgments for key in j["relevant"]} - set(by_key))
    if absent:
        print(f"Attention : {len(absent)} article(s) jugé(s) absent(s) de l'archive :", *absent, sep="\n  ")

    rows = [_score(j, keys, titles) for j in judgments]
    _print_table(rows, details=args.details)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_record(rows), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"Chiffres écrits dans {args.json}")


def _import(data_dir: Path, corpus: Path):
    from django.core.management import call_command

    if not corpus.exists():
        raise SystemExit(f"Corpus introuvable : {corpus} (VIGIE_CORPUS_DIR ou --corpus)")
    print(f"Import des articles de référence dans {data_dir}…", flush=True)
    started = time.perf_counter()
    out, err = io.StringIO(), io.StringIO()
    call_command("migrate", "--noinput", verbosity=0, stdout=out, stderr=err)
    call_command("import_articles", str(SEEDS), str(corpus), stdout=out, stderr=err)
    print(f"{out.getvalue().strip().splitlines()[-1]} ({time.perf_counter() - started:.0f} s)", flush=True)
    refused = [line for line in err.getvalue().splitlines() if line.startswith("REFUSÉ")]
    if refused:
        print(*refused, sep="\n")


def _score(judgment: dict, keys: dict, titles: dict) -> dict:
    from search.query.run import run_search, search_queryset
    from search.query.state import SearchState

    state = SearchState.from_query({"q": judgment["query"]})
    outcome = run_search(state)  # the page's count and messages (a refused or empty query finds nothing)
    slugs = [result.slug for result in search_queryset(state)[: outcome.count]] if outcome.count else []
    ranked = [keys.get(slug, f"slug:{slug}") for slug in slugs]
    judged = judgment["relevant"]
    return {
        "query": judgment["query"],
        "ndcg@10": ndcg_at(ranked, judged, NDCG_AT),
        "p@5": precision_at(ranked, judged, PRECISION_AT),
        "first_grade_2": first_rank(ranked, judged, 2),
        "expects_grade_2": 2 in judged.values(),
        # The best P@5 the judgments allow: a query with two relevant articles tops at 0.4.
        "p@5_best": precision_at(sorted(judged, key=judged.get, reverse=True), judged, PRECISION_AT),
        "found": outcome.count,
        "messages": outcome.messages,
        "top": [
            {"key": key, "grade": judged.get(key, 0), "title": titles.get(slug, "")}
            for slug, key in zip(slugs[:NDCG_AT], ranked, strict=False)
        ],
        "not_found": sorted(set(judged) - set(ranked)),
    }


def _print_table(rows: list[dict], details: bool):
    width = max(len("Requête"), *(len(row["query"]) for row in rows))
    print()
    print(f"{'Requête':<{width}}  {'nDCG@10':>7}  {'P@5':>5}  {'1er « 2 »':>9}  {'trouvés':>7}")
    for row in rows:
        first = row["first_grade_2"] or "—"
        print(f"{row['query']:<{width}}  {row['ndcg@10']:>7.3f}  {row['p@5']:>5.2f}  {first:>9}  {row['found']:>7}")
        if details:
            for rank, hit in enumerate(row["top"], start=1):
                print(f"    {rank:>2}. [{hit['grade'] or ' '}] {hit['title'][:90]}")
            for message in row["messages"]:
                print(f"    ! {message}")
            if row["not_found"]:
                print(f"    non trouvés : {', '.join(row['not_found'])}")
    means = _means(rows)
    print("-" * (width + 38))
    print(f"{'Moyenne (' + str(len(rows)) + ' requêtes)':<{width}}  {means['ndcg@10']:>7.3f}  {means['p@5']:>5.2f}")
    print(f"P@5 au mieux (peu d'articles pertinents pour certaines requêtes) : {means['p@5_best']:.2f}")
    missed = sum(1 for row in rows if row["expects_grade_2"] and row["first_grade_2"] != 1)
    print(f"Requêtes dont le premier résultat n'est pas un article noté 2 : {missed}")


def _means(rows: list[dict]) -> dict:
    return {name: mean([row[name] for row in rows]) for name in ("ndcg@10", "p@5", "p@5_best")}


def _record(rows: list[dict]) -> dict:
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "commit": _commit(),
        "judgments": str(JUDGMENTS.relative_to(ROOT)),
        "queries": len(rows),
        "mean": _means(rows),
        "per_query": rows,
    }


def _commit() -> str | None:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or None


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="dossier de données : réutilisé s'il a une archive, sinon importé")
    parser.add_argument("--json", type=Path, help="écrire les chiffres (par requête et moyennes) dans ce fichier")
    parser.add_argument("--details", action="store_true", help="montrer les 10 premiers résultats de chaque requête")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS, help="fichier des jugements (JSON lines)")
    parser.add_argument("--corpus", type=Path, default=CORPUS / "topic.jsonl", help="corpus importé avec les graines")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
