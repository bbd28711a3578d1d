import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.models import Article, Fingerprint
from search.upkeep import indexing


class Command(BaseCommand):
    help = (
        "Prépare l'archive au premier lancement : importe fixtures/ si elle est vide, "
        "construit l'index s'il ne correspond pas à la base, crée un compte admin s'il n'y en a aucun."
    )

    def handle(self, *args, **options):
        if not Article.objects.exists():
            self.stdout.write("Archive vide : import des articles de fixtures/.")
            call_command("import_articles", str(Path(settings.BASE_DIR) / "fixtures"), stdout=self.stdout)
        if Article.objects.filter(extracted_at__isnull=True).exists():
            # Articles imported before extraction existed, or by an interrupted run.
            self.stdout.write("Extraction des métadonnées des articles qui n'en ont pas encore…")
            call_command("extract_metadata", "--missing", stdout=self.stdout)
        if Article.objects.filter(relevance_score__isnull=True).exists():
            # Articles written around the import (by hand, by an older Vigie): relevance alone, no model.
            self.stdout.write("Calcul de la pertinence au sujet des articles qui n'en ont pas encore…")
            call_command("extract_metadata", "--relevance-only", "--missing", stdout=self.stdout)
        if Fingerprint.objects.filter(passages__isnull=True).exists():
            # Signatures stored by an older Vigie, without their paragraphs' keys: the
            # wire-copy links they made may rest on furniture (the daily cartoon's caption).
            self.stdout.write("Quasi-doublons à recalculer (passages récurrents ignorés désormais)…")
            call_command("relink_duplicates", stdout=self.stdout)
        articles, documents = Article.objects.public().count(), indexing.document_count()  # held ones are not indexed
        if not indexing.schema_is_current():
            self.stdout.write("Index à reconstruire (ses champs ont changé depuis qu'il a été construit)…")
            indexing.rebuild()
        elif articles != documents:
            self.stdout.write(f"Index à reconstruire ({documents} documents pour {articles} articles)…")
            indexing.rebuild()
        self.stdout.write(f"Archive prête : {articles} articles indexés.")
        self._ensure_admin()

    def _ensure_admin(self):
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser("admin", "", password)
        self.stdout.write(
            self.style.WARNING(
                f"Compte d'administration créé — identifiant : admin  mot de passe : {password}\n"
                "Ce mot de passe n'est affiché qu'une fois : notez-le "
                "(python manage.py changepassword admin pour le changer)."
            )
        )
