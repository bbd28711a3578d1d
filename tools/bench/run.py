"""Vigie's benchmark (`make bench`): grow an archive in a fresh data folder as
a user does, by successive imports (the seeds, the topic set, then N corpus
articles in K runs, each committing its own index segments), serve it with
gunicorn (2 workers) and measure a fixed query mix over loopback HTTP, a
concurrent load with wrk, and the same queries against Whoosh alone. Prints
the tables (the index's segments and documents first) and writes the figures
as JSON (var/bench/bench-<N>-<timestamp>.json and var/bench/latest.json).

    python -m tools.bench.run [-n 2000] [--runs 3] [--rebuild | --regrow K] [--data DIR]
                              [--repeat 40] [--load-seconds 30] [--keep]

-n 0 imports the whole corpus (about 65,000 articles: an hour and a half);
--rebuild rebuilds the index after the imports (one segment) and measures that;
--data DIR measures an archive already imported there, its index as it is
(--rebuild: rebuilt; --regrow K: emptied and written again in K batches, each
its own commit, as K imports would have written it, without extracting again).
"""

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.bench import corpus, http_latency, load, mix, report, stages
from tools.bench.server import Server
from tools.bench.stats import summary

WARM_UP = 3  # requests of each URL before measuring: both workers open their searcher
ARTICLE_ROUNDS = 2


def main(argv=None):
    args = _arguments(argv)
    started = datetime.datetime.now().replace(microsecond=0)
    scratch = Path(tempfile.mkdtemp(prefix="vigie-bench-")) if args.keep else None
    with tempfile.TemporaryDirectory(prefix="vigie-bench-") as temporary:
        folder = scratch or Path(temporary)
        data_dir = args.data.resolve() if args.data else folder / "data"
        logs = args.out / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        result = {
            "n": None if args.data else args.n,
            "started": started.isoformat(),
            "data_dir": str(data_dir),
            "machine": report.machine(),
            "settings": {
                "repeat": args.repeat,
                "load_seconds": args.load_seconds,
                "warm_up": WARM_UP,
                "runs": None if args.data else args.runs,
                "rebuild": args.rebuild,
                "regrow": args.regrow,
            },
            "stages": {},
            "errors": [],
        }
        env = stages.environment(data_dir)
        if args.data:
            if not (data_dir / "whoosh_index").is_dir():
                raise SystemExit(f"Pas d'index de recherche dans {data_dir}")
            built = "tel que trouvé"
        else:
            plan = corpus.grow_plan(args.n, args.runs, folder)
            _say(f"Import de {sum(run.articles for run in plan)} articles en {len(plan)} imports dans {data_dir}…")
            imports = stages.import_runs(plan, env, logs, say=_say)
            result["stages"]["imports"] = imports
            result["stages"]["import"] = stages.import_total(imports)
            built = f"grandi en {len(imports)} imports"
        if args.rebuild:
            _say("Reconstruction de l'index…")
            result["stages"]["rebuild"] = stages.rebuild_index(env, logs)
            built = "reconstruit"
        elif args.regrow:
            _say(f"Index vidé puis réécrit en {args.regrow} lots…")
            result["stages"]["regrow"] = stages.regrow_index(args.regrow, env, logs)
            built = f"réécrit en {args.regrow} lots"
        # Read in a process with Django set up: the index's schema names Vigie's analysers.
        result["index"] = index = {"built": built, **_whoosh(env, {"action": "describe"})}
        _say(f"Index {built} : {index['segments']} segment(s), {index['documents']} documents.")
        words = _whoosh(env, {"action": "pick"})
        result["documents"], result["words"] = words.pop("documents"), words
        _serve_and_measure(data_dir, logs, folder, args, result)
        _say("Les mêmes requêtes dans Whoosh seul…")
        queries = [{"name": q["name"], "params": q["params"]} for q in result["queries"]]
        direct = _whoosh(env, {"action": "time", "queries": queries, "rounds": args.repeat})["queries"]
        for query in result["queries"]:
            query["whoosh"] = direct[query["name"]]
            whoosh_p50, api_p50 = query["whoosh"]["facets"]["p50_ms"], query["api"]["p50_ms"]
            query["ratio"] = round(api_p50 / whoosh_p50, 1) if api_p50 and whoosh_p50 else None
    result["targets"] = report.targets(result)
    print()
    print(report.render(result))
    path = report.write_json(result, args.out)
    print(f"\nRésultats : {path}")
    if scratch:
        print(f"Dossier de données gardé : {data_dir} (--data pour le réutiliser)")
    return 1 if result["errors"] else 0


def _serve_and_measure(data_dir, logs, folder, args, result):
    with Server(data_dir, logs / "gunicorn.log") as server:
        queries = mix.build(server.base, result["words"])
        for query in queries:
            query.probe = mix.probe(server.base, query)
        result["checks"] = report.checks(queries)
        result["errors"] += [check["text"] for check in result["checks"] if check["error"]]
        # An address that does not answer 200 (an API parameter not there yet) is
        # reported above, not timed: the time of a refusal says nothing.
        searches = [
            path
            for query in queries
            for path, status in ((query.page(), query.probe["page_status"]), (query.api(), query.probe["api_status"]))
            if status == 200
        ]
        articles = mix.article_paths(server.base)
        _say(f"Latence : {len(searches)} URL de recherche × {args.repeat}, {len(articles)} pages d'article…")
        errors = http_latency.warm_up(server.base, searches, WARM_UP)
        errors += http_latency.warm_up(server.base, articles, 1)
        seconds, failed = http_latency.measure(server.base, searches, args.repeat)
        article_seconds, article_failed = http_latency.measure(server.base, articles, ARTICLE_ROUNDS)
        result["errors"] += report.grouped_errors(errors + failed + article_failed)
        result["queries"] = [
            {
                "name": query.name,
                "label": query.label,
                "params": query.params,
                "probe": query.probe,
                "page": summary(seconds.get(query.page(), [])),
                "api": summary(seconds.get(query.api(), [])),
            }
            for query in queries
        ]
        result["articles"] = {
            "pages": len(articles),
            **summary([s for path in articles for s in article_seconds[path]]),
        }
        if args.load_seconds:
            _say(f"Charge : wrk pendant {args.load_seconds} s…")
            # Searches (page and API) and article pages in equal shares.
            paths = searches + articles[: len(queries)]
            result["load"] = load.run_wrk(server.base, paths, args.load_seconds, folder)
            if report.load_failures(result["load"]):
                result["errors"].append(f"charge : {report.load_failures(result['load'])} erreur(s) sous wrk")
        if server.process.poll() is not None:
            # Stopped from outside (the machine is shared): the figures after that point are not the site's.
            result["errors"].append(f"gunicorn s'est arrêté pendant la mesure (journal : {server.log})")
        result["workers"] = server.workers_memory()


def _whoosh(env, request) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench.whoosh_direct"],
        input=json.dumps(request),
        cwd=stages.ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit("Échec des requêtes Whoosh directes")
    return json.loads(done.stdout)


def _say(message):
    print(message, flush=True)


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="articles du corpus à importer (0 : tout le corpus)")
    parser.add_argument(
        "--runs", type=_positive, default=3, help="imports successifs entre lesquels les N articles sont partagés"
    )
    parser.add_argument("--data", type=Path, help="dossier de données déjà importé : pas d'import")
    built = parser.add_mutually_exclusive_group()
    built.add_argument("--rebuild", action="store_true", help="reconstruire l'index (un segment) avant de mesurer")
    built.add_argument(
        "--regrow",
        type=_positive,
        metavar="K",
        help="vider l'index et le réécrire en K lots (un commit chacun) avant de mesurer, sans réextraire",
    )
    # Before imports grew the archive, --data rebuilt unless told not to; it now measures the index as it is.
    parser.add_argument("--skip-rebuild", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=40, help="requêtes mesurées par URL de recherche")
    parser.add_argument("--load-seconds", type=int, default=30, help="durée de la charge wrk (0 : pas de charge)")
    parser.add_argument("--out", type=Path, default=stages.ROOT / "var" / "bench", help="dossier des résultats JSON")
    parser.add_argument("--keep", action="store_true", help="garder le dossier de données importé")
    return parser.parse_args(argv)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"un nombre entier positif est attendu, pas « {value} »")
    return int(value)


if __name__ == "__main__":
    sys.exit(main())
