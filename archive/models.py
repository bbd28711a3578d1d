from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from archive.extraction import Precision
from archive.extraction.dates import DateSource


class DatePrecision(models.TextChoices):
    DAY = Precision.DAY, "jour"
    MONTH = Precision.MONTH, "mois"
    YEAR = Precision.YEAR, "année"
    UNKNOWN = Precision.UNKNOWN, "inconnue"


class DateFoundBy(models.TextChoices):
    METADATA = DateSource.METADATA, "métadonnées du fichier"
    HEADER = DateSource.HEADER, "en-tête du texte"
    EDITOR = "editor", "saisie par un éditeur"
    NONE = DateSource.NONE, "inconnue"


class Source(models.Model):
    """A newspaper, site or news agency that published articles."""

    name = models.CharField("nom", max_length=200, unique=True)
    # The slug is what the search index stores and facets on: it is set once,
    # so renaming a source never requires reindexing its articles.
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField("site", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "source"

    def __str__(self):
        return self.name

    @classmethod
    def for_name(cls, name):
        """The source called `name`, created on first sight; None for no name."""
        name = " ".join(name.split())
        if not name:
            return None
        slug = slugify(name)[:200] or "source"
        source, _ = cls.objects.get_or_create(slug=slug, defaults={"name": name})
        return source


class ArticleQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("source")

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")


class Article(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField("titre", max_length=500)
    title_generated = models.BooleanField(
        "titre généré", default=False, help_text="Titre tiré de la première phrase, faute de titre fourni."
    )
    lead = models.TextField("chapeau", blank=True)
    body = models.TextField("texte", help_text="Texte nettoyé, indexé et affiché.")
    raw_text = models.TextField("texte brut", help_text="Texte tel qu'importé, jamais modifié.")
    published_on = models.DateField("date de publication", null=True, blank=True)
    date_precision = models.CharField(
        "précision de la date", max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_found_by = models.CharField(
        "date trouvée par", max_length=10, choices=DateFoundBy.choices, default=DateFoundBy.NONE, blank=True
    )
    source = models.ForeignKey(
        Source, verbose_name="source", null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    url = models.URLField("adresse d'origine", max_length=1000, blank=True)
    language = models.CharField("langue", max_length=8, default="fr")
    word_count = models.PositiveIntegerField("nombre de mots", default=0)
    # SHA-256 of the normalised raw text: the same text imported twice is one article.
    content_hash = models.CharField("empreinte", max_length=64, unique=True, editable=False)
    ref = models.CharField("provenance", max_length=500, blank=True, help_text="D'où l'article a été importé.")
    imported_at = models.DateTimeField("importé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["published_on"], name="article_published_on_idx")]
        constraints = [
            models.CheckConstraint(
                name="article_date_and_precision_agree",
                condition=(
                    models.Q(published_on__isnull=True, date_precision=DatePrecision.UNKNOWN)
                    | (models.Q(published_on__isnull=False) & ~models.Q(date_precision=DatePrecision.UNKNOWN))
                ),
                violation_error_message="Une date connue demande une précision (jour, mois, année), "
                "et une date inconnue n'a pas de valeur.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("archive:article", args=[self.slug])

    @property
    def paragraphs(self):
        return [p for p in self.body.split("\n\n") if p.strip()]
