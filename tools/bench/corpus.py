"""The articles a benchmark imports: a slice of the shared corpus, or all of it."""

import gzip
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("VIGIE_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
# Two newspapers, so both formats (OrangeSum dispatches, Le Monde reports) are imported.
NEWSPAPERS = ("orangesum_fr.jsonl.gz", "lemonde_2022.jsonl.gz")
TOPIC = "topic.jsonl"  # the 60 border-militarisation articles of the gold set


def import_files(n: int, folder: Path) -> tuple[list[Path], int]:
    """The files to give import_articles and how many articles they hold: the
    first n/2 lines of each newspaper in one sample file, or (n=0) the whole
    corpus as it is."""
    missing = [name for name in (*NEWSPAPERS, TOPIC) if not (CORPUS / name).exists()]
    if missing:
        raise SystemExit(f"Corpus introuvable : {CORPUS / missing[0]} (VIGIE_CORPUS_DIR)")
    if n == 0:
        files = [CORPUS / name for name in (*NEWSPAPERS, TOPIC)]
        return files, sum(_count_lines(path) for path in files)
    sample = folder / f"sample-{n}.jsonl"
    count = 0
    with sample.open("w", encoding="utf-8") as out:
        for name, share in zip(NEWSPAPERS, (n - n // 2, n // 2), strict=True):
            with gzip.open(CORPUS / name, "rt", encoding="utf-8") as lines:
                for count_here, line in enumerate(lines):
                    if count_here >= share:
                        break
                    out.write(line)
                    count += 1
    return [sample], count


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as lines:
        return sum(1 for line in lines if line.strip())
