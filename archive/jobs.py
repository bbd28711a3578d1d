"""Re-extraction asked for from the admin runs in its own process, never in the
web request: the admin queues an ExtractionJob and starts
`manage.py extract_metadata --jobs`, which loads the model, works through the
queue and records its progress on the job for the admin to show."""

import logging
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from archive.models import Article, ExtractionJob
from archive.relevance import rescore

log = logging.getLogger(__name__)


def queue_extraction(article_ids, user=None, relevance_only=False) -> ExtractionJob:
    """Queue a re-extraction of `article_ids` (with `relevance_only`, their
    relevance to the subject alone) and start a worker when the transaction commits."""
    job = ExtractionJob.objects.create(
        article_ids=sorted(set(article_ids)), requested_by=user, relevance_only=relevance_only
    )
    if settings.VIGIE_START_EXTRACTION_WORKER:
        transaction.on_commit(start_worker)
    return job


def start_worker() -> None:
    """Start a worker process detached from this one; it exits when the queue is empty."""
    log_path = Path(settings.DATA_DIR) / "extraction.log"
    try:
        with open(log_path, "ab") as log_file:
            subprocess.Popen(
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "extract_metadata", "--jobs"],
                stdout=log_file,
                stderr=log_file,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=settings.BASE_DIR,
            )
    except OSError:
        # The job stays queued: `manage.py extract_metadata --jobs` runs it later.
        log.exception("Could not start the extraction worker")


def claim_next_job() -> ExtractionJob | None:
    """The oldest queued job, marked running by this process (one worker per job)."""
    for job in ExtractionJob.objects.filter(status=ExtractionJob.Status.QUEUED).order_by("created_at"):
        claimed = ExtractionJob.objects.filter(pk=job.pk, status=ExtractionJob.Status.QUEUED).update(
            status=ExtractionJob.Status.RUNNING, started_at=timezone.now()
        )
        if claimed:
            job.refresh_from_db()
            return job
    return None


def run_job(job: ExtractionJob, processes: int = 1) -> None:
    from archive.curation import extract_articles  # loads the extraction stack: worker only

    def progress(done, changed):
        ExtractionJob.objects.filter(pk=job.pk).update(done=done, changed=changed)

    try:
        if job.relevance_only:
            rescored = rescore(sorted(job.article_ids), progress=progress)
            changed = rescored.changed
            if rescored.to_extract:  # back on the subject: their passing names are found again
                extract_articles(Article.objects.filter(pk__in=rescored.to_extract).order_by("pk"), processes=processes)
        else:
            articles = Article.objects.filter(pk__in=job.article_ids).order_by("pk")
            changed = extract_articles(articles.iterator(chunk_size=200), progress=progress, processes=processes)
    except Exception as error:
        log.exception("Extraction job %s failed", job.pk)
        ExtractionJob.objects.filter(pk=job.pk).update(
            status=ExtractionJob.Status.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        return
    ExtractionJob.objects.filter(pk=job.pk).update(
        status=ExtractionJob.Status.DONE, changed=changed, done=len(job.article_ids), finished_at=timezone.now()
    )
