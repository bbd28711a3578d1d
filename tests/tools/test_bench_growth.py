"""The pure parts of the benchmark's grown archive: the corpus split into
successive imports, the segments of an index, and what the report says of them."""

import pytest
from whoosh import fields, index

from tools.bench import report
from tools.bench.corpus import write_runs
from tools.bench.picks import split, split_counts
from tools.bench.segments import describe

# --- Successive imports ------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "parts", "sizes"),
    [(1500, 3, [500, 500, 500]), (10, 3, [4, 3, 3]), (2, 5, [1, 1]), (7, 1, [7]), (0, 3, [])],
)
def test_articles_are_shared_between_runs_without_an_empty_one(total, parts, sizes):
    assert split_counts(total, parts) == sizes
    assert sum(sizes) == total


def test_items_are_split_in_order():
    assert split(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]


def test_runs_are_files_of_consecutive_lines(tmp_path):
    lines = (f'{{"text": "article {i}"}}\n' for i in range(10))
    written = write_runs(lines, split_counts(10, 3), tmp_path)
    assert [(path.name, count) for path, count in written] == [
        ("run-1.jsonl", 4),
        ("run-2.jsonl", 3),
        ("run-3.jsonl", 3),
    ]
    assert written[1][0].read_text().splitlines()[0] == '{"text": "article 4"}'


def test_runs_stop_when_the_corpus_runs_out(tmp_path):
    written = write_runs(["a\n", "b\n", "c"], [2, 2, 2], tmp_path)
    assert [count for _, count in written] == [2, 1]
    assert written[1][0].read_text() == "c\n"
    assert not (tmp_path / "run-3.jsonl").exists()


# --- Segments ----------------------------------------------------------------


def grow(folder, batches):
    ix = index.create_in(str(folder), fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT))
    number = 0
    for size in batches:
        # Each import commits its own segment (NO_MERGE: Whoosh merges small ones
        # only now and then, which these tests do not depend on).
        writer = ix.writer()
        for _ in range(size):
            writer.add_document(id=str(number), text=f"article {number}")
            number += 1
        writer.commit(merge=False)
    return ix


def test_each_commit_of_a_grown_index_is_a_segment(tmp_path):
    grow(tmp_path, [5, 60, 30, 30])
    assert describe(tmp_path) == {"segments": 4, "documents": 125, "deleted": 0, "segment_documents": [60, 30, 30, 5]}


def test_a_rebuilt_index_has_one_segment_and_deletions_are_counted(tmp_path):
    ix = grow(tmp_path, [10])
    writer = ix.writer()
    writer.delete_by_term("id", "3")
    writer.commit(merge=False)
    assert describe(tmp_path) == {"segments": 1, "documents": 9, "deleted": 1, "segment_documents": [9]}


def test_an_empty_index_has_no_segment(tmp_path):
    grow(tmp_path, [])
    assert describe(tmp_path)["segments"] == 0


# --- The report --------------------------------------------------------------


def test_the_report_shows_the_segments_before_the_figures():
    figures = {"count": 40, "p50_ms": 10.0, "p95_ms": 20.0, "max_ms": 20.0}
    result = {
        "documents": 1565,
        "machine": {"cpus": 2, "load_average": [1.0, 1.0, 1.0]},
        "index": {
            "built": "grandi en 5 imports",
            "segments": 5,
            "documents": 1565,
            "deleted": 0,
            "segment_documents": [500, 500, 500, 60, 5],
        },
        "stages": {
            "imports": [{"label": "corpus 1/3", "articles_read": 500, "seconds": 50.0}],
            "import": {
                "runs": 5,
                "articles_read": 1565,
                "seconds": 160.0,
                "articles_per_second": 9.8,
                "peak_rss_mb": 400,
            },
        },
        "queries": [
            {
                "name": "common",
                "label": "q=président",
                "page": figures,
                "api": figures,
                "whoosh": {"hits": 3, "plain": figures, "facets": figures},
                "ratio": 1.0,
            }
        ],
        "articles": {"pages": 50, **figures},
        "errors": [],
    }
    result["targets"] = report.targets(result)
    printed = report.render(result)
    assert "1565 documents indexés, 5 segment(s) (grandi en 5 imports)" in printed
    assert "Import (1565 articles en 5 imports)" in printed
    assert "5 segment(s) (grandi en 5 imports) : 1565 documents (500 + 500 + 500 + 60 + 5)" in printed
