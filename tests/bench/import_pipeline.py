"""Benchmark: import + extraction + indexing of N OrangeSum articles, through
the real command in a fresh data folder. Prints articles per second and peak
memory, and writes the figures as JSON so runs can be compared.

    python -m tests.bench.import_pipeline [-n 2000] [--json var/bench/import.json]

-n 0 imports the whole file (33,975 articles).
"""

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("VIGIE_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="articles to import (0: all)")
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench" / "import.json")
    args = parser.parse_args()
    source = CORPUS / "orangesum_fr.jsonl.gz"
    if not source.exists():
        raise SystemExit(f"Corpus introuvable : {source} (VIGIE_CORPUS_DIR)")

    with tempfile.TemporaryDirectory(prefix="vigie-bench-") as folder:
        sample = Path(folder) / "sample.jsonl"
        count = _sample(source, sample, args.n)
        env = {**os.environ, "VIGIE_DATA_DIR": str(Path(folder) / "data"), "DATABASE_URL": ""}
        _run([sys.executable, "manage.py", "migrate", "-v0"], env)
        started = time.perf_counter()
        _run([sys.executable, "manage.py", "import_articles", str(sample)], env)
        elapsed = time.perf_counter() - started
        # The largest resident set of any child process: the import, the migration being small.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        documents = _run([sys.executable, "manage.py", "shell", "-c",
                          "from search.indexing import document_count; print(document_count())"], env)  # fmt: skip

    result = {
        "articles": count,
        "documents_indexed": int(documents.strip().splitlines()[-1]),
        "seconds": round(elapsed, 1),
        "articles_per_second": round(count / elapsed, 1),
        "peak_rss_mb": round(peak_mb),
        "projected_full_orangesum_minutes": round(33975 / (count / elapsed) / 60, 1),
        "model": os.environ.get("VIGIE_SPACY_MODEL", "fr_core_news_sm"),
        "cpus": os.cpu_count(),
    }
    print("Import + extraction + indexation (OrangeSum)")
    for key, value in result.items():
        print(f"  {key:<36}{value}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Résultats écrits dans {args.json}")


def _sample(source: Path, target: Path, limit: int) -> int:
    count = 0
    with gzip.open(source, "rt", encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            if limit and count >= limit:
                break
            out.write(line)
            count += 1
    return count


def _run(command, env) -> str:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"Échec : {' '.join(command[1:3])}")
    return done.stdout


if __name__ == "__main__":
    main()
