"""The offline stages, each run as the real management command in its own
process: the successive imports (extraction and indexing included), a full
index rebuild, or the index grown again batch by batch (tools/bench/regrow.py).
Each is timed and its own peak resident memory read from the kernel."""

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Variables that would point the stack elsewhere than the benchmark's data folder.
FOREIGN = ("DEBUG", "DATABASE_URL", "WHOOSH_INDEX_DIR", "SEARCH_URL", "DJANGO_SETTINGS_MODULE")


def environment(data_dir: Path, **extra) -> dict:
    """The environment of every process the benchmark starts: SQLite and the
    Whoosh index in `data_dir`, production settings (DEBUG unset)."""
    env = {key: value for key, value in os.environ.items() if key not in FOREIGN}
    env.update(VIGIE_DATA_DIR=str(data_dir), DATABASE_URL="", **extra)
    return env


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    output: str


def run_measured(args: list[str], env: dict, log: Path, module: str | None = None) -> Measured:
    """Run `manage.py <args>` (or `python -m <module> <args>`), output to `log`.
    The peak RSS is that of this process alone (wait4), not a maximum over
    every child the benchmark started."""
    command = ["-m", module] if module else ["manage.py"]
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, *command, *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    output = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode:
        sys.stderr.write(output[-3000:])
        raise SystemExit(f"Échec : {' '.join([*command, *args])} (journal : {log})")
    return Measured(seconds, usage.ru_maxrss / 1024, output)  # ru_maxrss is in KiB on Linux


def run(args: list[str], env: dict) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"Échec : manage.py {' '.join(args)}")
    return done.stdout


def import_runs(runs, env: dict, logs: Path, say=print) -> list[dict]:
    """Each run of the plan (tools/bench/corpus.py) as its own import_articles,
    one after the other: each commits its own index segment, as a user's imports do."""
    run(["migrate", "--noinput", "-v0"], env)
    figures = []
    for index, planned in enumerate(runs, start=1):
        say(f"Import {index}/{len(runs)} : {planned.label}, {planned.articles} articles…")
        log = logs / f"import-{index}.log"
        measured = run_measured(["import_articles", *map(str, planned.paths)], env, log)
        figures.append({"label": planned.label, **import_figures(measured, planned.articles)})
    return figures


def import_figures(measured: Measured, articles: int) -> dict:
    counts = re.search(r"(\d+) importé\(s\), (\d+) inchangé\(s\).*?(\d+) refusé\(s\)", measured.output)
    imported, unchanged, refused = map(int, counts.groups()) if counts else (None, None, None)
    return {
        "articles_read": articles,
        "imported": imported,
        "unchanged": unchanged,
        "refused": refused,
        "seconds": round(measured.seconds, 1),
        "articles_per_second": round(articles / measured.seconds, 2),
        "peak_rss_mb": round(measured.peak_rss_mb),
    }


def import_total(runs: list[dict]) -> dict:
    """The imports taken together: what the import target is judged on."""
    articles = sum(one["articles_read"] for one in runs)
    seconds = sum(one["seconds"] for one in runs)

    def total(key):
        values = [one[key] for one in runs]
        return None if None in values else sum(values)

    return {
        "runs": len(runs),
        "articles_read": articles,
        "imported": total("imported"),
        "unchanged": total("unchanged"),
        "refused": total("refused"),
        "seconds": round(seconds, 1),
        "articles_per_second": round(articles / seconds, 2) if seconds else None,
        "peak_rss_mb": max(one["peak_rss_mb"] for one in runs),
    }


def rebuild_index(env: dict, logs: Path) -> dict:
    measured = run_measured(["reindex"], env, logs / "reindex.log")
    count = re.search(r"(\d+) document\(s\) indexé\(s\)", measured.output)
    documents = int(count.group(1)) if count else None
    return {
        "documents": documents,
        "seconds": round(measured.seconds, 1),
        "documents_per_second": round(documents / measured.seconds, 1) if documents else None,
        "peak_rss_mb": round(measured.peak_rss_mb),
    }


def regrow_index(batches: int, env: dict, logs: Path) -> dict:
    """Empty the index and write the archive's articles again in `batches`
    successive commits (tools/bench/regrow.py)."""
    env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
    measured = run_measured([str(batches)], env, logs / "regrow.log", module="tools.bench.regrow")
    answer = json.loads(measured.output.strip().splitlines()[-1])
    return {
        **answer,
        "seconds": round(measured.seconds, 1),
        "documents_per_second": round(answer["documents"] / measured.seconds, 1),
        "peak_rss_mb": round(measured.peak_rss_mb),
    }
