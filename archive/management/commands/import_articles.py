from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.curation import BATCH, lexicons
from archive.importing import ArticleRefused, Outcome, import_batch
from archive.readers import Refusal, read_paths
from search.signals import deferred_indexing


class Command(BaseCommand):
    help = (
        "Importe des articles : fichiers .txt, .md (en-tête YAML), .html, .jsonl (ou .jsonl.gz) "
        "et dossiers de ces fichiers. Un même texte importé deux fois reste un seul article. "
        "Les métadonnées (entités, chiffres, citations, thèmes, quasi-doublons) sont extraites à l'import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="fichier ou dossier")

    def handle(self, *args, paths, **options):
        counts = Counter()
        # The index is written once at the end, in one batch, not once per article.
        with deferred_indexing():
            # The bar is drawn only on a terminal; refusals are written above it.
            progress = tqdm(
                read_paths(paths), unit=" articles", file=self.stderr._out, disable=None, dynamic_ncols=True
            )
            lexicon, batch = lexicons(), []
            for item in progress:
                if isinstance(item, Refusal):
                    self._refuse(item.where, item.reason, counts)
                    continue
                batch.append(item)
                if len(batch) == BATCH:
                    self._import(batch, lexicon, counts)
                    batch = []
            self._import(batch, lexicon, counts)
            if counts[Outcome.IMPORTED]:
                self.stdout.write("Mise à jour de l'index de recherche…")
        self.stdout.write(
            f"{counts[Outcome.IMPORTED]} importé(s), {counts[Outcome.UNCHANGED]} inchangé(s) (déjà présents), "
            f"{counts['refused']} refusé(s)."
        )
        if not counts[Outcome.IMPORTED] + counts[Outcome.UNCHANGED]:
            raise CommandError("Aucun article n'a pu être lu.")

    def _import(self, batch, lexicon, counts):
        for raw, (outcome, _article, notes) in zip(batch, import_batch(batch, lexicon) if batch else [], strict=True):
            if isinstance(outcome, ArticleRefused):
                self._refuse(raw.ref, str(outcome), counts)
                continue
            counts[outcome] += 1
            for note in notes:
                self._warn(f"NOTE    {raw.ref} : {note}")

    def _refuse(self, where, reason, counts):
        counts["refused"] += 1
        self._warn(f"REFUSÉ  {where} : {reason}")

    def _warn(self, line):
        tqdm.write(line, file=self.stderr._out)
