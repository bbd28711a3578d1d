"""The pure parts of the benchmark's grown archive: the corpus split into
successive imports, the typo, the pasted passage and the pair of people it
searches for, the segments of an index, and what the report says of them."""

import pytest
from whoosh import fields, index

from tools.bench import report
from tools.bench.corpus import write_runs
from tools.bench.mix import Query, page_messages
from tools.bench.picks import best_pair, passage, split, split_counts, surname, typo
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


# --- Typos -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "typed"),
    [
        ("frontière", "frontire"),  # the accented letter
        ("Sheinbaum", "Sheinbam"),  # the last vowel before the final letter
        ("gouvernement", "gouvernemnt"),
        ("Brzsk", "Brsk"),  # no vowel inside: the middle letter
    ],
)
def test_a_typo_leaves_out_one_letter(word, typed):
    assert typo(word) == typed
    assert len(typo(word)) == len(word) - 1


def test_a_typo_keeps_the_first_letter_and_short_words():
    assert typo("Élysée")[0] == "É"
    assert typo("ab") == "ab"


def test_a_surname_is_the_last_part_of_a_slug():
    assert surname("claudia-sheinbaum") == "sheinbaum"
    assert surname("macron") == "macron"


# --- Pasted passage ----------------------------------------------------------

SENTENCE = "Aujourd’hui, l’armée surveille la frontière avec le Mexique. "


def test_a_passage_is_about_the_size_asked_and_starts_a_sentence():
    text = "Chapeau répété. " * 20 + "\n\n".join(f"{i} {SENTENCE}" for i in range(100))
    pasted = passage(text, 2000)
    assert 1800 <= len(pasted) <= 2000
    assert pasted[0].isdigit()  # a sentence of the body, not the middle of one
    assert pasted in " ".join(text.split())
    assert "’" in pasted  # curly apostrophes kept as written
    assert "\n" not in pasted
    assert "Chapeau" not in pasted  # the repeated lead is left out


def test_a_passage_never_cuts_a_word():
    text = " ".join(f"mot{i:05d}" for i in range(1000))  # no sentence at all
    pasted = passage(text, 500)
    words = pasted.split()
    assert all(len(word) == 8 for word in words)
    assert len(pasted) <= 500


def test_a_short_text_is_pasted_whole():
    assert passage("Un  texte\ncourt.", 2000) == "Un texte court."


# --- Two people named together -----------------------------------------------


def test_the_pair_named_together_most_often_is_chosen():
    documents = {"macron": {1, 2, 3, 4}, "poutine": {2, 3, 4}, "biden": {1, 5}, "seul": {9}}
    assert best_pair(documents) == ("macron", "poutine", 3)


def test_no_pair_when_nobody_is_named_together():
    assert best_pair({"a": {1}, "b": {2}}) is None
    assert best_pair({"a": {1}}) is None


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


# --- Queries and what the report says of them --------------------------------


def test_repeated_parameters_make_a_repeated_query_string():
    query = Query("both_people", {"person": ["donald-trump", "joe-biden"], "all": "person"})
    assert query.api() == "/api/search/?person=donald-trump&person=joe-biden&all=person"
    assert query.label == "person=donald-trump person=joe-biden all=person"


def test_a_pasted_passage_is_labelled_by_its_start_and_length():
    query = Query("passage", {"q": "é" * 2000})
    assert query.label.endswith("(2000 car.)")
    assert len(query.label) < 60


def test_the_page_messages_are_read_as_text():
    page = (
        '<main><div class="messages" role="status">\n  <p>Paramètre inconnu ignoré : « all »</p><p>a &amp; b</p></div>'
    )
    assert page_messages(page) == ["Paramètre inconnu ignoré : « all »", "a & b"]
    assert page_messages("<main></main>") == []


def probed(name, params, expect=None, **probe):
    query = Query(name, params, expect=expect)
    query.probe = {"api_status": 200, "page_status": 200, "page_suggestion": False, **probe}
    return query


def test_a_refused_api_is_an_error_not_a_crash():
    query = probed(
        "both_people",
        {"person": ["a", "b"], "all": "person"},
        api_status=400,
        api_errors=["Paramètre inconnu ignoré : « all »"],
        page_messages=["Paramètre inconnu ignoré : « all »"],
    )
    found = report.checks([query])
    assert found[0] == {
        "name": "both_people",
        "text": "both_people : l'API répond 400 — Paramètre inconnu ignoré : « all »",
        "ok": False,
        "error": True,
    }
    assert not found[1]["error"]  # what the page said, for the reader of the report


@pytest.mark.parametrize(
    ("rank", "ok", "says"),
    [(1, True, "arrive 1er sur 12"), (3, False, "arrive 3e (1er : autre)"), (None, False, "pas en 1re page")],
)
def test_whether_a_passage_finds_its_article_first(rank, ok, says):
    query = probed("passage", {"q": "…"}, expect="l-article", rank=rank, count=12, first="autre")
    (check,) = report.checks([query])
    assert check["ok"] is ok and not check["error"]
    assert says in check["text"]


def test_a_suggestion_is_checked_on_the_api_and_the_page():
    shown = probed("suggestion", {"q": "Sheinbam"}, suggestion="Sheinbaum", page_suggestion=True, count=0)
    missing = probed("suggestion", {"q": "Sheinbam"}, suggestion=None, count=0)
    assert report.checks([shown])[0]["text"].endswith("Vouliez-vous dire « Sheinbaum » (API ; page : affiché)")
    assert report.checks([missing])[0]["ok"] is False


def test_the_same_failure_is_reported_once_with_its_count():
    errors = ["400 /api/search/?all=person"] * 3 + ["500 /recherche/?q=" + "x" * 300]
    grouped = report.grouped_errors(errors)
    assert grouped[0] == "400 /api/search/?all=person (×3)"
    assert len(grouped[1]) == 160 and grouped[1].endswith("…")


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
                "name": "both_people",
                "label": "person=a person=b all=person",
                "page": figures,
                "api": {"count": 0, "p50_ms": None, "p95_ms": None, "max_ms": None},
                "whoosh": {"hits": 3, "plain": figures, "facets": figures},
                "ratio": None,
            }
        ],
        "articles": {"pages": 50, **figures},
        "checks": [{"name": "both_people", "text": "both_people : l'API répond 400", "ok": False, "error": True}],
        "errors": ["both_people : l'API répond 400"],
    }
    result["targets"] = report.targets(result)
    printed = report.render(result)
    assert "1565 documents indexés, 5 segment(s) (grandi en 5 imports)" in printed
    assert "Import (1565 articles en 5 imports)" in printed
    assert "5 segment(s) (grandi en 5 imports) : 1565 documents (500 + 500 + 500 + 60 + 5)" in printed
    assert "ERR  both_people : l'API répond 400" in printed
