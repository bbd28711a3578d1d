import argparse
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.curation import BATCH, lexicons
from archive.extraction.parallel import available_cores
from archive.importing import ArticleRefused, Outcome, import_batches
from archive.management.processes import add_processes_argument
from archive.readers import Limits, Refusal, one_line, read_paths
from archive.resolution import resolve_entities
from archive.signals import batch_of_changes


class Command(BaseCommand):
    help = (
        "Importe des articles : fichiers .txt, .md (en-tête YAML), .html, .jsonl (ou .jsonl.gz) "
        "et dossiers de ces fichiers. Un même texte importé deux fois reste un seul article. "
        "Les métadonnées (entités, chiffres, citations, thèmes, quasi-doublons) sont extraites à l'import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="fichier ou dossier")
        parser.add_argument(
            "--max-bytes",
            type=_positive,
            metavar="OCTETS",
            help="taille au-delà de laquelle un fichier (ou un .gz décompressé) est refusé "
            "(défaut : VIGIE_IMPORT_MAX_BYTES, 200 Mo)",
        )
        parser.add_argument(
            "--max-article-bytes",
            type=_positive,
            metavar="OCTETS",
            help="taille au-delà de laquelle un article (fichier .txt ou .md, ligne JSON ; "
            "4 fois plus pour une page HTML) est refusé (défaut : VIGIE_IMPORT_MAX_ARTICLE_BYTES, 5 Mo)",
        )
        add_processes_argument(parser)

    def handle(self, *args, paths, max_bytes=None, max_article_bytes=None, processes=None, **options):
        counts = Counter()
        limits = Limits(
            file_bytes=max_bytes or settings.VIGIE_IMPORT_MAX_BYTES,
            article_bytes=max_article_bytes or settings.VIGIE_IMPORT_MAX_ARTICLE_BYTES,
        )
        # The index is written once at the end, in one batch, not once per article.
        with batch_of_changes():
            # The bar is drawn only on a terminal; refusals are written above it.
            progress = tqdm(
                read_paths(paths, limits), unit=" articles", file=self.stderr._out, disable=None, dynamic_ncols=True
            )
            batches = self._batches(progress, counts)
            for batch, results in import_batches(batches, lexicons(), processes or available_cores()):
                self._report(batch, results, counts)
            if counts[Outcome.IMPORTED]:
                merges, _removed = resolve_entities()
                if merges:
                    self.stdout.write(f"{len(merges)} entité(s) réunie(s) à d'autres (resolve_entities).")
                self.stdout.write("Mise à jour de l'index de recherche…")
        self.stdout.write(
            f"{counts[Outcome.IMPORTED]} importé(s), {counts[Outcome.UNCHANGED]} inchangé(s) (déjà présents), "
            f"{counts['refused']} refusé(s)."
        )
        if not counts[Outcome.IMPORTED] + counts[Outcome.UNCHANGED]:
            raise CommandError("Aucun article n'a pu être lu.")

    def _batches(self, items, counts):
        """The articles read, BATCH at a time; refusals are reported as they are read."""
        batch = []
        for item in items:
            if isinstance(item, Refusal):
                self._refuse(item.where, item.reason, counts)
                continue
            batch.append(item)
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _report(self, batch, results, counts):
        for raw, (outcome, _article, notes) in zip(batch, results, strict=True):
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
        # One message, one line, whatever a file name or a JSON value held.
        tqdm.write(one_line(line), file=self.stderr._out)


def _positive(value):
    number = int(value) if value.isdigit() else 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"un nombre d'octets positif est attendu, pas « {value} »")
    return number
