from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive.portable import ArchiveFileError, import_archive


class Command(BaseCommand):
    help = (
        "Recharge une archive écrite par export_archive, en une seule transaction, puis reconstruit l'index. "
        "Refuse une base dont l'archive n'est pas vide, sauf avec --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER", help="fichier écrit par export_archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="remplacer l'archive de cette base (articles, entités, thèmes, historique ; les comptes restent)",
        )

    def handle(self, *args, file, replace, **options):
        try:
            counts = import_archive(file, replace=replace)
        except ArchiveFileError as error:
            raise CommandError(str(error)) from error
        for name, count in counts.items():
            self.stdout.write(f"{count:>9}  {name}")
        self.stdout.write("Reconstruction de l'index de recherche…")
        # The index is the search app's: its own command rebuilds it.
        said = StringIO()
        try:
            call_command("reindex", stdout=said)
        except Exception as error:
            raise CommandError(
                f"Archive importée, mais l'index n'a pas pu être reconstruit ({error}) : "
                "lancez python manage.py reindex."
            ) from error
        self.stdout.write(f"Archive importée : {counts.get('archive.article', 0)} articles. {said.getvalue().strip()}")
