"""Extraction in worker processes (archive/extraction/parallel.py): the same
archive as in one process, results in the order read, the small inputs kept
in-process."""

import io
import json
import operator
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.curation import BATCH
from archive.extraction import parallel
from archive.models import Article, Entity, Figure, Mention, Quote
from tests.processes import write_articles


def test_results_come_back_in_the_order_sent_with_their_state():
    # Workers import the function by name, without Django: the standard library's.
    items = ((f"état {n}", (n, 2)) for n in range(20))

    assert list(parallel.ordered_map(operator.mul, items, processes=2)) == [(f"état {n}", 2 * n) for n in range(20)]


def test_items_are_read_only_as_far_as_the_batches_in_flight():
    read = []

    def items():
        for n in range(50):
            read.append(n)
            yield n, (n, 2)

    results = parallel.ordered_map(operator.mul, items(), processes=2)
    assert next(results) == (0, 0)
    assert len(read) <= 2 * parallel.AHEAD + 1
    assert [n for n, _ in results] == list(range(1, 50))


def test_one_process_or_a_single_batch_runs_here():
    assert {pid for _, pid in parallel.ordered_map(os.getpid, [(n, ()) for n in range(5)], processes=1)} == {
        os.getpid()
    }
    assert list(parallel.ordered_map(os.getpid, [("seul", ())], processes=2)) == [("seul", os.getpid())]


def test_several_batches_run_in_workers():
    pids = {pid for _, pid in parallel.ordered_map(os.getpid, [(n, ()) for n in range(8)], processes=2)}

    assert os.getpid() not in pids


def test_a_worker_error_reaches_the_caller():
    with pytest.raises(ZeroDivisionError):
        list(parallel.ordered_map(divmod, [(n, (1, 0)) for n in range(3)], processes=2))


def test_available_cores_is_at_least_one():
    assert parallel.available_cores() >= 1


def archive_as_read():
    """Everything an import wrote, named rather than numbered."""
    by_hash = dict(Article.objects.values_list("pk", "content_hash"))
    articles = {
        a.content_hash: {
            "slug": a.slug,
            "title": a.title,
            "published_on": a.published_on,
            "source": a.source.name if a.source else None,
            "themes": sorted(a.themes.values_list("slug", flat=True)),
            "near": sorted(by_hash[pk] for pk in a.near_duplicates.values_list("pk", flat=True)),
        }
        for a in Article.objects.select_related("source")
    }
    mentions = sorted(
        Mention.objects.values_list("article__content_hash", "entity__kind", "entity__name", "count", "first_position")
    )
    figures = sorted(Figure.objects.values_list("article__content_hash", "count", "unit", "sentence"))
    quotes = sorted(Quote.objects.values_list("article__content_hash", "speaker", "text"))
    entities = sorted(Entity.objects.values_list("kind", "name", "slug"))
    return articles, mentions, figures, quotes, entities


def import_with(path, processes):
    out = io.StringIO()
    call_command("import_articles", str(path), "--processes", str(processes), stdout=out, stderr=io.StringIO())
    return out.getvalue().strip().splitlines()[-1]


@pytest.mark.processes
def test_an_import_in_two_processes_writes_what_one_process_writes(empty_index, tmp_path):
    articles = write_articles(tmp_path / "articles.jsonl", 2 * BATCH + 5)  # three batches: workers are used
    with articles.open("a", encoding="utf-8") as out:  # a repeat in a later batch, and an empty article
        out.write(articles.read_text(encoding="utf-8").splitlines()[3] + "\n")
        out.write(json.dumps({"title": "Vide", "text": "   "}) + "\n")

    one = import_with(articles, 1), archive_as_read()
    Article.objects.all().delete()
    Entity.objects.all().delete()
    two = import_with(articles, 2), archive_as_read()

    assert one[0] == f"{2 * BATCH + 5} importé(s), 1 inchangé(s) (déjà présents), 1 refusé(s)."
    assert two == one
    assert len(one[1][1]) > 100  # mentions: the comparison compares something


@pytest.mark.processes
def test_a_re_extraction_in_two_processes_finds_what_one_process_finds(empty_index, tmp_path):
    import_with(write_articles(tmp_path / "articles.jsonl", 2 * BATCH + 5), 1)
    before = archive_as_read()
    Mention.objects.all().delete()
    Figure.objects.all().delete()

    call_command("extract_metadata", "--all", "--processes", "2", stdout=io.StringIO(), stderr=io.StringIO())

    assert archive_as_read() == before


@pytest.mark.parametrize("value", ["0", "-1", "deux"])
def test_a_number_of_processes_that_is_not_a_positive_count_is_refused(value):
    with pytest.raises(CommandError, match="nombre de processus positif"):
        call_command("import_articles", "nulle-part.jsonl", "--processes", value)
