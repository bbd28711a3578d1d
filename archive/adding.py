"""« Ajouter un article » from the admin: the editor's address or pasted text,
imported by the worker (`extract_metadata --jobs`, started by archive/jobs.py)
the way `import_articles` imports, the outcome kept on the AdditionJob for the
admin to show. An article an editor adds is published whatever its relevance:
the editor chose it."""

import logging

from django.db import transaction
from django.utils import timezone

from archive.jobs import start_worker
from archive.models import AdditionJob
from archive.signals import batch_of_changes

log = logging.getLogger(__name__)
Status = AdditionJob.Status


def queue_addition(user=None, **given) -> AdditionJob:
    """Queue the article `given` (url, or text with title, published_on,
    source) and start a worker when the transaction commits."""
    from django.conf import settings

    job = AdditionJob.objects.create(requested_by=user, **given)
    if settings.VIGIE_START_EXTRACTION_WORKER:
        transaction.on_commit(start_worker)
    return job


def claim_next_addition() -> AdditionJob | None:
    """The oldest queued addition, marked running by this process."""
    for job in AdditionJob.objects.filter(status=Status.QUEUED).order_by("created_at"):
        if AdditionJob.objects.filter(pk=job.pk, status=Status.QUEUED).update(
            status=Status.RUNNING, started_at=timezone.now()
        ):
            job.refresh_from_db()
            return job
    return None


def run_addition(job: AdditionJob) -> None:
    try:
        status, article, outcome = _add(job)
    except Exception as error:
        log.exception("Addition job %s failed", job.pk)
        status, article, outcome = Status.FAILED, None, f"erreur inattendue ({type(error).__name__}), voir le journal"
    AdditionJob.objects.filter(pk=job.pk).update(
        status=status, article=article, outcome=outcome[:500], finished_at=timezone.now()
    )


def _add(job: AdditionJob):
    # The capture and extraction stack: loaded by the worker, never by the admin's web workers.
    from archive.capture.capturing import capture_url
    from archive.curation import lexicons
    from archive.extraction.pipeline import RawArticle, Refusal
    from archive.importing import ArticleRefused, Outcome, import_batch
    from archive.resolution import resolve_entities

    if job.url:
        raw = capture_url(job.url)
    else:
        raw = RawArticle(
            text=job.text,
            ref=f"admin : ajout n° {job.pk}",
            title=job.title,
            date=job.published_on.isoformat() if job.published_on else None,
            source=job.source,
        )
    if isinstance(raw, Refusal):
        return Status.FAILED, None, f"refusé : {raw.reason}"
    with batch_of_changes():
        outcome, article, _notes = import_batch([raw], lexicons())[0]
        if isinstance(outcome, ArticleRefused):
            return Status.FAILED, None, f"refusé : {outcome}"
        if outcome == Outcome.UNCHANGED:
            return Status.DONE, article, "déjà dans l'archive : le même texte y est déjà"
        resolve_entities()
    return Status.DONE, article, "importé"
