from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive.duplicates import relink_all
from archive.models import Article
from archive.signals import batch_of_changes


class Command(BaseCommand):
    help = (
        "Recalcule les quasi-doublons (reprises d'une même dépêche) de tous les articles avec l'archive "
        "telle qu'elle est : les passages devenus récurrents (dessin du jour, pied de page) ne lient plus "
        "personne. Sans ré-extraire le reste ; l'index suit."
    )

    def handle(self, *args, **options):
        total = Article.objects.filter(fingerprint__isnull=False).count()
        bar = tqdm(total=total, unit=" articles", file=self.stderr._out, disable=None, dynamic_ncols=True)
        with batch_of_changes():
            links = relink_all(progress=lambda done: bar.update(1))
        bar.close()
        self.stdout.write(f"{total} article(s) comparé(s) : {links} paire(s) de quasi-doublons.")
