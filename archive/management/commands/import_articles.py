import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.importing import ArticleRefused, Outcome, import_article
from archive.readers import Refusal, read_paths
from search.signals import deferred_indexing


class Command(BaseCommand):
    help = (
        "Importe des articles : fichiers .txt, .md (en-tête YAML), .html, .jsonl (ou .jsonl.gz) "
        "et dossiers de ces fichiers. Un même texte importé deux fois reste un seul article."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="fichier ou dossier")

    def handle(self, *args, paths, **options):
        counts = Counter()
        # The index is written once at the end, in one batch, not once per article.
        with deferred_indexing():
            progress = tqdm(read_paths(paths), unit=" articles", file=sys.stderr, disable=None, dynamic_ncols=True)
            for item in progress:
                if isinstance(item, Refusal):
                    self._refuse(item.where, item.reason, counts)
                    continue
                try:
                    outcome, article, notes = import_article(item)
                except ArticleRefused as refusal:
                    self._refuse(item.ref, str(refusal), counts)
                    continue
                counts[outcome] += 1
                for note in notes:
                    tqdm.write(f"NOTE    {item.ref} : {note}", file=sys.stderr)
            self.stdout.write("Mise à jour de l'index de recherche…") if counts[Outcome.IMPORTED] else None
        self.stdout.write(
            f"{counts[Outcome.IMPORTED]} importé(s), {counts[Outcome.UNCHANGED]} inchangé(s) (déjà présents), "
            f"{counts['refused']} refusé(s)."
        )
        if not counts[Outcome.IMPORTED] + counts[Outcome.UNCHANGED]:
            raise CommandError("Aucun article n'a pu être lu.")

    def _refuse(self, where, reason, counts):
        counts["refused"] += 1
        tqdm.write(f"REFUSÉ  {where} : {reason}", file=sys.stderr)
