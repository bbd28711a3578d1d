"""The articles a benchmark imports, in the imports that grow its archive as a
user's does: the seed articles, then the gold topic set, then N articles of
the shared corpus split into K successive runs of import_articles."""

import gzip
import json
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tools.bench.picks import split_counts

ROOT = Path(__file__).resolve().parents[2]


def _corpus_dir() -> Path:
    """VIGIE_CORPUS_DIR, else ../shared/corpus beside the checkout, or beside
    the main checkout when this one is a git worktree made elsewhere."""
    if os.environ.get("VIGIE_CORPUS_DIR"):
        return Path(os.environ["VIGIE_CORPUS_DIR"])
    beside = ROOT.parent / "shared" / "corpus"
    done = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True)
    main = (ROOT / done.stdout.strip()).resolve().parent if done.returncode == 0 and done.stdout.strip() else ROOT
    return beside if beside.exists() else main.parent / "shared" / "corpus"


CORPUS = _corpus_dir()
SEEDS = ROOT / "fixtures" / "seeds"  # what `make run` imports into an empty archive
# Le Monde first (long reports, the archive's kind of text), then OrangeSum's
# wire dispatches once N goes past Le Monde's 30,912 articles.
NEWSPAPERS = ("lemonde_2022.jsonl.gz", "orangesum_fr.jsonl.gz")
TOPIC = "topic.jsonl"  # the 60 border-militarisation articles of the gold set


def corpus_file(name: str) -> Path:
    """The shared corpus's file `name`; the tool stops with where it looked when it is missing."""
    path = CORPUS / name
    if not path.exists():
        raise SystemExit(f"Corpus introuvable : {path} (VIGIE_CORPUS_DIR)")
    return path


def topic_articles() -> list[dict]:
    """The 60 articles of topic.jsonl, in order: the gold sets refer to them by index."""
    return [json.loads(line) for line in corpus_file(TOPIC).open(encoding="utf-8")]


@dataclass
class Run:
    """One run of import_articles."""

    label: str
    paths: list[Path]
    articles: int


def grow_plan(n: int, runs: int, folder: Path) -> list[Run]:
    """The imports that make the archive: seeds, topic set, then the first `n`
    corpus articles (n=0: all of them) in `runs` files written to `folder`."""
    missing = [name for name in (*NEWSPAPERS, TOPIC) if not (CORPUS / name).exists()]
    if missing:
        raise SystemExit(f"Corpus introuvable : {CORPUS / missing[0]} (VIGIE_CORPUS_DIR)")
    seeds = sorted(path for path in SEEDS.iterdir() if path.is_file() and not path.name.startswith("."))
    total = n if n > 0 else sum(_count_lines(CORPUS / name) for name in NEWSPAPERS)
    sizes = split_counts(total, runs)
    written = write_runs(_corpus_lines(), sizes, folder)
    return [
        Run("graines (fixtures/seeds)", [SEEDS], len(seeds)),
        Run(TOPIC, [CORPUS / TOPIC], _count_lines(CORPUS / TOPIC)),
        *(Run(f"corpus {index}/{len(written)}", [path], count) for index, (path, count) in enumerate(written, start=1)),
    ]


def write_runs(lines: Iterable[str], sizes: list[int], folder: Path) -> list[tuple[Path, int]]:
    """The lines cut into files run-1.jsonl, run-2.jsonl… of `sizes` lines
    each (fewer in the last ones when the lines run out; no empty file)."""
    written, lines = [], iter(lines)
    for index, size in enumerate(sizes, start=1):
        path, count = folder / f"run-{index}.jsonl", 0
        with path.open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(line if line.endswith("\n") else line + "\n")
                count += 1
                if count == size:
                    break
        if not count:
            path.unlink()
            break
        written.append((path, count))
    return written


def _corpus_lines() -> Iterator[str]:
    for name in NEWSPAPERS:
        with gzip.open(CORPUS / name, "rt", encoding="utf-8") as lines:
            yield from (line for line in lines if line.strip())


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as lines:
        return sum(1 for line in lines if line.strip())
