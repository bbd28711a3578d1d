from django.core.management.base import BaseCommand

from archive.resolution import resolve_entities
from archive.signals import batch_of_changes


class Command(BaseCommand):
    help = (
        "Réunit les entités que l'archive sait être une seule : un nom de famille seul et le nom complet, "
        "un surnom ou un sigle et son entité, un même nom reconnu sous deux types. "
        "Les imports et ré-extractions le font d'eux-mêmes ; l'index suit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="afficher les fusions sans les faire (chaque règle lue sur l'archive d'avant toute fusion : "
            "une fusion que la précédente rendrait inutile peut y figurer)",
        )

    def handle(self, *args, dry_run, **options):
        with batch_of_changes():
            merges, removed = resolve_entities(dry_run=dry_run)
        for merge in merges:
            self.stdout.write(f"{merge.source} → {merge.target} ({merge.reason})")
        verb = "à fusionner" if dry_run else "fusionnée(s)"
        self.stdout.write(f"{len(merges)} entité(s) {verb}, {removed} sans mention supprimée(s).")
