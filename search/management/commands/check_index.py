from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.management.commands._index_errors import index_errors_explained
from search.upkeep import consistency, queue

EXAMPLES = 5  # slugs shown per kind of problem; -v2 lists them all

KINDS = (
    ("missing", "manquant(s) — article en base, absent de l'index"),
    ("stale", "périmé(s) — document différent de l'article en base"),
    ("orphaned", "orphelin(s) — document dont l'article n'est plus en base"),
)


class Command(BaseCommand):
    help = (
        "Compare la base et l'index de recherche : documents manquants, périmés ou orphelins. "
        "Avec --repair, les corrige sur place, sans reconstruire l'index. "
        "Sort en erreur (code 1) si des écarts restent, pour cron ou l'intégration continue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="réindexe les manquants et périmés, supprime les orphelins"
        )

    def handle(self, *args, repair=False, verbosity=1, **options):
        with index_errors_explained():
            self._check(repair, verbosity)

    def _check(self, repair, verbosity):
        queued = queue.pending()
        if queued and repair:
            # Writes other processes postponed: written first, as they would have been.
            queue.drain()
            if verbosity:
                self.stdout.write(f"{queued} écriture(s) en attente dans la file écrite(s) dans l'index.")
        elif queued and verbosity:
            self.stdout.write(f"{queued} écriture(s) en attente dans la file (un autre processus tenait l'index).")
        report = consistency.check(progress=self._progress)
        if verbosity:
            self.stdout.write(f"{report.articles} article(s) en base, {report.documents} document(s) dans l'index.")
        if not report.problems:
            if verbosity:
                self.stdout.write(self.style.SUCCESS("Index conforme à la base."))
            return
        if verbosity:
            for kind, label in KINDS:
                self._list(getattr(report, kind), label, verbosity)
        if not repair:
            raise CommandError(
                f"{report.problems} écart(s) entre la base et l'index. "
                "« manage.py check_index --repair » les corrige sans reconstruire l'index."
            )
        reindexed, removed = consistency.repair(report)
        if verbosity:
            message = f"Index réparé : {reindexed} document(s) réindexé(s), {removed} supprimé(s)."
            self.stdout.write(self.style.SUCCESS(message))

    def _list(self, problems, label, verbosity):
        if not problems:
            return
        slugs = sorted(problems.values())
        shown = slugs if verbosity > 1 else slugs[:EXAMPLES]
        self.stdout.write(f"  {len(slugs)} {label} :")
        self.stdout.write("".join(f"    {slug}\n" for slug in shown), ending="")
        if len(shown) < len(slugs):
            self.stdout.write(f"    … et {len(slugs) - len(shown)} autre(s) (-v2 pour tout voir)")

    def _progress(self, articles, total):
        # Drawn only on a terminal, so cron mails hold the report alone.
        return tqdm(articles, total=total, unit=" articles", file=self.stderr._out, disable=None, leave=False)
