from django.core.management.base import BaseCommand, CommandError

from archive.portable import export_archive


class Command(BaseCommand):
    help = (
        "Exporte toute l'archive (sources, thèmes, articles et textes bruts, entités et graphies, mentions, "
        "chiffres, citations, quasi-doublons, corrections et historique des éditeurs, comptes sans mot de passe) "
        "dans un seul fichier .jsonl.gz, que import_archive recharge à l'identique."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER", help="fichier à écrire, par exemple vigie.jsonl.gz")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="inclure les empreintes des mots de passe (gardez alors le fichier en lieu sûr)",
        )

    def handle(self, *args, file, with_passwords, **options):
        try:
            counts = export_archive(file, with_passwords=with_passwords)
        except OSError as error:  # a missing folder, no permission, a full disk
            raise CommandError(f"Impossible d'écrire {file} : {error.strerror or error}.") from error
        for name, count in counts.items():
            self.stdout.write(f"{count:>9}  {name}")
        self.stdout.write(f"Archive exportée dans {file}.")
