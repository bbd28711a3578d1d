from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.adding import claim_next_addition, run_addition
from archive.curation import extract_articles
from archive.extraction.parallel import available_cores
from archive.jobs import claim_next_job, run_job
from archive.management.processes import add_processes_argument
from archive.models import Article
from archive.relevance import rescore
from archive.resolution import resolve_entities
from archive.signals import batch_of_changes


class Command(BaseCommand):
    help = (
        "Ré-extrait les métadonnées (date, source, entités, chiffres, citations, thèmes, quasi-doublons) "
        "depuis le texte brut. Ce qu'un éditeur a corrigé ou rejeté est conservé ; l'index suit."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="articles à ré-extraire")
        parser.add_argument("--all", action="store_true", help="tous les articles")
        parser.add_argument("--missing", action="store_true", help="les articles jamais extraits")
        parser.add_argument(
            "--jobs", action="store_true", help="les ré-extractions et les ajouts d'articles demandés depuis l'admin"
        )
        parser.add_argument(
            "--relevance-only",
            action="store_true",
            help="ne recalculer que la pertinence au sujet (rapide, sans modèle) ; avec --missing : "
            "les articles jamais évalués",
        )
        add_processes_argument(parser)

    def handle(self, *args, slugs, all, missing, jobs, relevance_only, processes=None, **options):
        processes = processes or available_cores()
        if jobs:
            return self._run_jobs(processes)
        if sum([bool(slugs), all, missing]) != 1:
            raise CommandError("Indiquez des SLUG, ou --all, ou --missing, ou --jobs (un seul de ces choix).")
        articles = Article.objects.order_by("pk")
        if missing and relevance_only:
            articles = articles.filter(relevance_score__isnull=True)
        elif missing:
            articles = articles.filter(extracted_at__isnull=True)
        elif slugs:
            articles = articles.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - set(articles.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"Article(s) inconnu(s) : {', '.join(unknown)}")
        total = articles.count()
        bar = tqdm(total=total, unit=" articles", file=self.stderr._out, disable=None, dynamic_ncols=True)
        seen = [0]

        def progress(done, changed):
            bar.update(done - seen[0])
            seen[0] = done

        with batch_of_changes():
            if relevance_only:
                rescored = rescore(articles.values_list("pk", flat=True), progress=progress)
                changed, back = rescored.changed, rescored.to_extract
                if back:  # back on the subject: the names they cite in passing are found again
                    extract_articles(Article.objects.filter(pk__in=back).order_by("pk"), processes=processes)
            else:
                changed = extract_articles(articles.iterator(chunk_size=200), progress=progress, processes=processes)
                merges, removed = resolve_entities()
        bar.close()
        if relevance_only:
            again = f", dont {len(back)} revenu(s) dans le sujet et ré-extrait(s)" if back else ""
            self.stdout.write(f"Pertinence recalculée pour {total} article(s), {changed} modifié(s){again}.")
        else:
            self.stdout.write(
                f"{total} article(s) ré-extrait(s), {changed} modifié(s) ; {len(merges)} entité(s) réunie(s) "
                f"à d'autres, {removed} entité(s) plus mentionnée(s) nulle part supprimée(s)."
            )

    def _run_jobs(self, processes):
        ran = 0
        while job := claim_next_job():
            self.stdout.write(f"{job} : début.")
            with batch_of_changes():
                run_job(job, processes)
            job.refresh_from_db()
            self.stdout.write(f"{job} : {job.get_status_display()}, {job.done}/{job.total}, {job.changed} modifié(s).")
            ran += 1
        self.stdout.write(f"{ran} ré-extraction(s) traitée(s).")
        added = 0
        while addition := claim_next_addition():
            run_addition(addition)
            addition.refresh_from_db()
            self.stdout.write(f"{addition} : {addition.get_status_display()}, {addition.outcome}")
            added += 1
        self.stdout.write(f"{added} ajout(s) d'article traité(s).")
