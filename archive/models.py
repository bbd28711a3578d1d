import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from archive.extraction import relevance as scoring
from archive.extraction.dates import DateSource, Precision
from archive.extraction.entities import entity_key
from archive.extraction.organisations import SpellingError, parse_spellings, spelling_keys
from archive.extraction.text import normalise


class DatePrecision(models.TextChoices):
    DAY = Precision.DAY, "jour"
    MONTH = Precision.MONTH, "mois"
    YEAR = Precision.YEAR, "année"
    UNKNOWN = Precision.UNKNOWN, "inconnue"


class DateFoundBy(models.TextChoices):
    METADATA = DateSource.METADATA, "métadonnées du fichier"
    HEADER = DateSource.HEADER, "en-tête du texte"
    TEXT = DateSource.TEXT, "déduite du texte"
    EDITOR = "editor", "saisie par un éditeur"
    NONE = DateSource.NONE, "inconnue"


def source_key(name: str) -> str:
    """What identifies a spelling of a source: its slug (« Le  Monde » is « le-monde »)."""
    return slugify(" ".join(name.split()))[:200]


class Source(models.Model):
    """A newspaper, site or news agency: the publisher of articles, or the
    agency whose copy they run (Article.agencies)."""

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
        """The source called `name` or spelled so (SourceAlias), created on first
        sight; None for no name."""
        name = " ".join(name.split())
        if not name:
            return None
        key = source_key(name) or "source"
        alias = SourceAlias.objects.filter(key=key).select_related("source").first()
        if alias:
            return alias.source
        source, _ = cls.objects.get_or_create(slug=key, defaults={"name": name})
        return source


class SourceAlias(models.Model):
    """Another spelling of a source (« Orange Actu (AFP) » merged into « Orange
    Actu », « BFM TV » for « BFMTV »): articles that come with it land on the source."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases", verbose_name="source")
    name = models.CharField("graphie", max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "graphie de source"
        verbose_name_plural = "graphies de source"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = source_key(self.name)
        super().save(*args, **kwargs)


class Review(models.TextChoices):
    """An editor's decision on something extraction found."""

    PENDING = "pending", "à vérifier"
    ACCEPTED = "accepted", "accepté"
    REJECTED = "rejected", "rejeté"


class Origin(models.TextChoices):
    EXTRACTED = "extracted", "extrait"
    EDITOR = "editor", "ajouté par un éditeur"


class ExtractedField(models.TextChoices):
    """Article fields extraction fills and an editor may take over."""

    TITLE = "title", "titre"
    LEAD = "lead", "chapeau"
    BODY = "body", "texte"
    DATE = "date", "date"
    SOURCE = "source", "source"
    AGENCIES = "agencies", "agences"
    LANGUAGE = "language", "langue"
    THEMES = "themes", "thèmes"
    AUTHORS = "authors", "auteurs"
    RELEVANCE = "relevance", "pertinence au sujet"


class Relevance(models.TextChoices):
    """How much an article is about the archive's subject (archive/extraction/relevance.py)."""

    CORE = scoring.CORE, scoring.LABELS[scoring.CORE]
    RELATED = scoring.RELATED, scoring.LABELS[scoring.RELATED]
    OFF_TOPIC = scoring.OFF_TOPIC, scoring.LABELS[scoring.OFF_TOPIC]


def validate_terms(text):
    try:
        scoring.parse_terms(text)
    except scoring.TermsError as error:
        raise ValidationError(error.problems) from None


class Subject(models.Model):
    """The archive's subject, as editors define it: one row (pk 1), read by
    every scoring of an article's relevance."""

    places = models.TextField(
        "où et qui",
        validators=[validate_terms],
        help_text="Lieux et acteurs du sujet, un terme par ligne suivi de « : poids » (ex. « Mexique : 2 »). "
        "« mexicain* » couvre mexicain, mexicaine, mexicains… Accents et majuscules sont ignorés ; "
        "un poids négatif écarte du sujet.",
    )
    topics = models.TextField(
        "quoi",
        validators=[validate_terms],
        help_text="Thèmes du sujet, de la même façon (ex. « migrant* : 1.5 »). Un article qui n'a de mots "
        "que d'une des deux listes compte pour moitié.",
    )
    related_threshold = models.FloatField(
        "seuil « lié au sujet »",
        default=scoring.DEFAULT_RELATED,
        help_text="Score à partir duquel un article est lié au sujet.",
    )
    core_threshold = models.FloatField(
        "seuil « au cœur du sujet »",
        default=scoring.DEFAULT_CORE,
        help_text="Score à partir duquel un article est au cœur du sujet.",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "sujet de l'archive"
        verbose_name_plural = "sujet de l'archive"

    def __str__(self):
        return "Sujet de l'archive"

    def save(self, *args, **kwargs):
        self.pk = 1  # one subject per archive
        super().save(*args, **kwargs)

    def clean(self):
        core, related = self.core_threshold, self.related_threshold
        if core is not None and related is not None and core < related:
            raise ValidationError(
                {"core_threshold": "Le seuil « au cœur du sujet » ne peut être inférieur au seuil « lié au sujet »."}
            )

    @classmethod
    def current(cls) -> "Subject":
        """The subject, created with Vigie's default definition if it is missing
        (an archive restored from a backup made before it existed)."""
        # updated_at given: a restore (archive/portable.py) turns auto_now off while it loads.
        subject, _ = cls.objects.get_or_create(pk=1, defaults={**cls.defaults(), "updated_at": timezone.now()})
        return subject

    @staticmethod
    def defaults() -> dict:
        return {
            "places": scoring.DEFAULT_PLACES,
            "topics": scoring.DEFAULT_TOPICS,
            "related_threshold": scoring.DEFAULT_RELATED,
            "core_threshold": scoring.DEFAULT_CORE,
        }

    def definition(self) -> scoring.Definition:
        return scoring.definition(self.places, self.topics, core=self.core_threshold, related=self.related_threshold)


class Theme(models.Model):
    """A subject of the archive, recognised by its keywords (see archive.extraction.themes)."""

    name = models.CharField("nom", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Fixé à la création : l'index s'y réfère.")
    keywords = models.TextField(
        "mots-clés",
        help_text="Un mot-clé ou une expression par ligne (ou séparés par des virgules). "
        "« migrant* » couvre migrants, migratoire… Accents et majuscules sont ignorés.",
    )
    description = models.TextField("description", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "thème"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name.replace("–", "-").replace("—", "-"))[:100] or "theme"
        super().save(*args, **kwargs)


class OrganisationPattern(models.Model):
    """An organisation recognised whole wherever one of its spellings occurs, whatever
    the entity recogniser made of it (see archive.extraction.organisations)."""

    name = models.CharField(
        "nom",
        max_length=200,
        unique=True,
        help_text="Le nom affiché de l'organisation ; c'est aussi une de ses graphies.",
    )
    patterns = models.TextField(
        "graphies",
        blank=True,
        help_text="Une graphie par ligne. Accents et majuscules sont ignorés, sauf pour un sigle écrit en "
        "capitales (ICE) et un nom d'un seul mot écrit avec une majuscule (Pentagone). « * » termine un mot "
        "de n'importe quelle façon (« cartel* d* Sinaloa ») ; des mots entre parenthèses peuvent manquer "
        '(« cartel (mexicain) de Sinaloa ») ; entre guillemets, la casse compte ("Article 19").',
    )
    note = models.TextField(
        "note", blank=True, help_text="Pour les éditeurs : ce qu'est l'organisation, ses homonymes."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation connue"
        verbose_name_plural = "organisations connues"

    def __str__(self):
        return self.name

    def spellings(self) -> tuple[str, ...]:
        return parse_spellings(self.patterns)

    def clean(self):
        errors, mine = {}, {}
        for field, spelling in [("name", self.name), *(("patterns", s) for s in self.spellings())]:
            try:
                mine |= dict.fromkeys(spelling_keys(spelling), spelling)
            except SpellingError as error:
                errors.setdefault(field, []).append(str(error))
        if errors:
            raise ValidationError(errors)
        for other in OrganisationPattern.objects.exclude(pk=self.pk):
            theirs = set()
            for spelling in (other.name, *other.spellings()):
                try:
                    theirs |= spelling_keys(spelling)
                except SpellingError:
                    continue
            if shared := sorted(set(mine) & theirs):
                raise ValidationError(
                    {"patterns": f"« {mine[shared[0]]} » est déjà une graphie de « {other.name} » : une graphie "
                     "ne désigne qu'une organisation."}
                )  # fmt: skip


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """The articles readers may see: every public page, the index (and so
        search, the API, exports and feeds) and the sitemaps start from here.
        Held articles (an off-topic feed item) wait for an editor."""
        return self.filter(held=False)

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
    # The agencies whose copy the article runs (« Orange Actu (AFP) », « Le Monde avec AFP »).
    agencies = models.ManyToManyField(Source, verbose_name="agences", blank=True, related_name="agency_articles")
    # Who signed the article: the names given with it, or its byline's.
    authors = models.JSONField("auteurs", default=list, blank=True, help_text="Un nom par ligne.")
    url = models.URLField("adresse d'origine", max_length=1000, blank=True)
    language = models.CharField("langue", max_length=8, default="fr")
    word_count = models.PositiveIntegerField("nombre de mots", default=0)
    # SHA-256 of the normalised raw text: the same text imported twice is one article.
    content_hash = models.CharField("empreinte", max_length=64, unique=True, editable=False)
    ref = models.CharField("provenance", max_length=500, blank=True, help_text="D'où l'article a été importé.")
    date_evidence = models.CharField(
        "indice de date", max_length=200, blank=True, help_text="Les mots du texte d'où la date a été déduite."
    )
    # What came with the file (title, date, source, url, language): re-extraction
    # starts again from it and the raw text.
    given = models.JSONField("métadonnées fournies", default=dict, blank=True, editable=False)
    edited_fields = models.JSONField(
        "champs corrigés",
        default=list,
        blank=True,
        help_text="Champs qu'un éditeur a corrigés : la ré-extraction ne les touche plus.",
    )
    verified = models.BooleanField("vérifié", default=False, help_text="Un éditeur a relu les métadonnées.")
    # How much the article is about the archive's subject (archive/relevance.py).
    relevance = models.CharField(
        "pertinence au sujet", max_length=9, choices=Relevance.choices, default=Relevance.OFF_TOPIC
    )
    relevance_score = models.FloatField(
        "score de pertinence", null=True, blank=True, editable=False, help_text="Vide : jamais évalué."
    )
    relevance_evidence = models.JSONField(
        "indices de pertinence",
        default=list,
        blank=True,
        editable=False,
        help_text="Les termes du sujet trouvés dans l'article, ceux qui ont le plus pesé d'abord.",
    )
    themes = models.ManyToManyField(Theme, verbose_name="thèmes", blank=True, related_name="articles")
    near_duplicates = models.ManyToManyField(
        "self", through="NearDuplicate", symmetrical=True, blank=True, verbose_name="quasi-doublons"
    )
    extracted_at = models.DateTimeField("extrait le", null=True, blank=True, editable=False)
    # The capture: when the page was fetched (never the publication date), and where
    # its WARC record lies in the data folder (archive/capture/store.py).
    captured_at = models.DateTimeField(
        "capturé le", null=True, blank=True, editable=False, help_text="Quand la page a été téléchargée."
    )
    capture_file = models.CharField("fichier WARC", max_length=200, blank=True, editable=False)
    capture_offset = models.BigIntegerField("position dans le fichier WARC", null=True, blank=True, editable=False)
    capture_record_id = models.CharField(
        "identifiant de l'enregistrement WARC",
        max_length=100,
        blank=True,
        editable=False,
        help_text="WARC-Record-ID de la capture d'origine (celle du robot d'exploration pour un fichier importé).",
    )
    # A watched feed's item found off the subject: kept out of every public page
    # until an editor accepts it (or discards it) in the admin.
    held = models.BooleanField(
        "à examiner",
        default=False,
        help_text="Article venu d'un flux et jugé hors sujet : "
        "invisible au public tant qu'un éditeur ne l'a pas accepté.",
    )
    imported_at = models.DateTimeField("importé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["published_on"], name="article_published_on_idx"),
            models.Index(fields=["verified"], name="article_verified_idx"),
            models.Index(fields=["relevance"], name="article_relevance_idx"),
            models.Index(fields=["held"], name="article_held_idx"),
        ]
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
        return reverse("article", args=[self.slug])

    def get_capture_url(self):
        """The archived copy's page, or "" for an article that was not captured from the web."""
        return reverse("article-capture", args=[self.slug]) if self.capture_file else ""

    @property
    def paragraphs(self):
        return [p for p in self.body.split("\n\n") if p.strip()]

    def is_edited(self, field):
        return field in self.edited_fields

    @property
    def title_checked(self):
        """For a title Vigie attributed (none came with the text): whether an editor
        checked it; None for a title the source gave."""
        if not self.title_generated:
            return None
        return self.verified or self.is_edited(ExtractedField.TITLE)

    @property
    def date_extracted(self):
        return self.date_found_by in (DateFoundBy.TEXT, DateFoundBy.HEADER)

    @property
    def date_checked(self):
        """For a date found in the text: whether an editor checked it; None for a
        date given with the file, typed by an editor, or unknown."""
        if not self.date_extracted:
            return None
        return self.verified or self.is_edited(ExtractedField.DATE)

    def assign(self, values: dict) -> bool:
        """Set the fields of `values` (not saved here); returns whether any changed."""
        changed = False
        for name, value in values.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        return changed

    @property
    def byline(self):
        """ "Jean Dupont, Marie Martin et Paul Durand", or "" when no one signed."""
        names = [name for name in self.authors or [] if name]
        return " et ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


class EntityKind(models.TextChoices):
    PERSON = "person", "personne"
    PLACE = "place", "lieu"
    ORGANISATION = "organisation", "organisation"


class EntityQuerySet(models.QuerySet):
    def with_review(self):
        """Entities with whether an editor accepted one of their mentions, in the same query."""
        accepted = Mention.objects.filter(entity=models.OuterRef("pk"), review=Review.ACCEPTED)
        return self.annotate(has_accepted_mention=models.Exists(accepted))


class Entity(models.Model):
    """A person, place or organisation, shared by every article that mentions it."""

    kind = models.CharField("type", max_length=12, choices=EntityKind.choices)
    name = models.CharField("nom", max_length=200)
    # Set once, like a source's: the index facets on it.
    slug = models.SlugField(max_length=220, unique=True)
    name_edited = models.BooleanField(
        "nom corrigé", default=False, editable=False, help_text="Un éditeur a fixé le nom : l'extraction le garde."
    )

    objects = EntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "entité"
        indexes = [models.Index(fields=["kind", "name"], name="entity_kind_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("entity", args=[self.slug])

    @property
    def checked(self):
        """An editor fixed the entity's name or accepted one of its mentions."""
        if self.name_edited:
            return True
        if hasattr(self, "has_accepted_mention"):  # Entity.objects.with_review()
            return self.has_accepted_mention
        return self.mentions.filter(review=Review.ACCEPTED).exists()

    def get_search_url(self):
        """The search narrowed to the articles that mention this entity."""
        return reverse("search") + f"?{self.kind}={self.slug}"


class Alias(models.Model):
    """A spelling of an entity: its own name, variants seen in texts, merged names.
    Extraction finds entities through the kind and key of their aliases. The kind
    is the one the spelling is recognised as, which after a merge across kinds
    (a "person" Washington into the place) can differ from the entity's."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases", verbose_name="entité")
    name = models.CharField("graphie", max_length=200)
    kind = models.CharField(max_length=12, choices=EntityKind.choices, editable=False)
    key = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "graphie"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="alias_unique_key_per_kind")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.kind = self.kind or self.entity.kind
        self.key = entity_key(self.name)
        super().save(*args, **kwargs)


class FormerSlug(models.Model):
    """The page address of an entity merged into another: links to the old page,
    in citations and other sites, lead to the entity kept."""

    slug = models.SlugField(max_length=220, unique=True)
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="former_slugs", verbose_name="fusionnée dans"
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = "ancienne adresse d'entité"
        verbose_name_plural = "anciennes adresses d'entités"

    def __str__(self):
        return f"{self.slug} → {self.entity.slug}"


def content_key(*parts) -> str:
    """What identifies a figure or quote across re-extractions: its normalised
    content, so a rejected one is recognised when extraction finds it again."""
    text = "|".join(" ".join(normalise(str(part)).lower().split()) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


class Reviewable(models.Model):
    """Something extraction found in an article that an editor can accept or
    reject; a rejected row is kept so that re-extraction does not bring it back."""

    # The field that makes a row unique within its article (the admin checks it).
    identity_field = "key"

    review = models.CharField("vérification", max_length=8, choices=Review.choices, default=Review.PENDING)
    origin = models.CharField("origine", max_length=9, choices=Origin.choices, default=Origin.EXTRACTED)

    class Meta:
        abstract = True

    @property
    def is_shown(self):
        return self.review != Review.REJECTED

    @property
    def checked(self):
        """An editor accepted it (or added it): until then it is extraction's guess."""
        return self.review == Review.ACCEPTED

    def identity(self):
        return self.key or self.default_key()


class Mention(Reviewable):
    identity_field = "entity_id"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions", verbose_name="entité")
    count = models.PositiveIntegerField("occurrences", default=1)
    first_position = models.PositiveIntegerField("première position", default=0)

    class Meta:
        ordering = ["first_position"]
        verbose_name = "mention"
        constraints = [models.UniqueConstraint(fields=["article", "entity"], name="mention_once_per_article")]

    def __str__(self):
        return f"{self.entity} ({self.count})"

    def identity(self):
        return self.entity_id


class Figure(Reviewable):
    """A deployment figure: how many of a force were sent or planned."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="figures")
    count = models.PositiveIntegerField("effectif")
    qualifier = models.CharField("qualificatif", max_length=40, blank=True, help_text="plus de, environ, jusqu'à…")
    unit = models.CharField("unité", max_length=120)
    force = models.CharField("force", max_length=120, blank=True)
    # Who made the figure public (« a annoncé le Pentagone »), as the text names them.
    announcer = models.CharField("annoncé par", max_length=200, blank=True)
    # A person or an institution (« le Pentagone », « Washington » for its government).
    announcer_kind = models.CharField(
        "annoncé par (type)",
        max_length=20,
        blank=True,
        choices=[(EntityKind.PERSON, "personne"), (EntityKind.ORGANISATION, "organisation")],
    )
    sentence = models.TextField("phrase")
    position = models.PositiveIntegerField("position", default=0)
    # What identifies the figure across re-extractions, so a rejection sticks.
    key = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "chiffre de déploiement"
        verbose_name_plural = "chiffres de déploiement"
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="figure_once_per_article")]

    def __str__(self):
        return " ".join(filter(None, [self.qualifier, f"{self.count:n}", self.unit]))

    def save(self, *args, **kwargs):
        # An editor's new row gets the key extraction would give it; an edited
        # row keeps its key, so its review still applies to what extraction finds.
        self.key = self.key or self.default_key()
        super().save(*args, **kwargs)

    def default_key(self):
        return self.key_for(self.count, self.unit, self.sentence)

    @staticmethod
    def key_for(count, unit, sentence):
        return content_key(count, unit, sentence)


class Quote(Reviewable):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField("citation")
    speaker = models.CharField("locuteur", max_length=200, blank=True)
    # The person or institution who spoke, when the article names one of its
    # entities: what lists a person's quotes on their page and lets search find them.
    speaker_entity = models.ForeignKey(
        "Entity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name="entité du locuteur",
    )
    position = models.PositiveIntegerField("position", default=0)
    key = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "citation"
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="quote_once_per_article")]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        self.key = self.key or self.default_key()
        super().save(*args, **kwargs)

    def default_key(self):
        return self.key_for(self.text)

    @staticmethod
    def key_for(text):
        return content_key(text)


class NearDuplicate(models.Model):
    """Two articles that are largely the same text (a wire story republished).
    Stored in both directions by Django's symmetrical many-to-many."""

    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    to_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField("similarité")

    class Meta:
        verbose_name = "quasi-doublon"
        constraints = [
            models.UniqueConstraint(fields=["from_article", "to_article"], name="near_duplicate_once"),
        ]

    def __str__(self):
        return f"{self.from_article_id} ≈ {self.to_article_id} ({self.similarity:.0%})"


class Fingerprint(models.Model):
    """An article's MinHash signature (archive.extraction.fingerprint)."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="fingerprint")
    signature = models.BinaryField()

    def __str__(self):
        return f"signature de l'article {self.article_id}"


class FingerprintBand(models.Model):
    """One LSH band key of a signature: articles sharing a key are candidates."""

    fingerprint = models.ForeignKey(Fingerprint, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"], name="fingerprint_band_key_idx")]

    def __str__(self):
        return str(self.key)


class FingerprintPassage(models.Model):
    """The key of one paragraph of an article (archive.extraction.wire_copies):
    counting the articles holding a key tells furniture (a cartoon's standard
    caption, a newsletter block) from the story."""

    fingerprint = models.ForeignKey(Fingerprint, on_delete=models.CASCADE, related_name="passages")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"], name="fingerprint_passage_key_idx")]

    def __str__(self):
        return str(self.key)


class ExtractionJob(models.Model):
    """A re-extraction asked for from the admin, run by a worker process
    (`extract_metadata --jobs`) so that no web request waits for the model."""

    class Status(models.TextChoices):
        QUEUED = "queued", "en attente"
        RUNNING = "running", "en cours"
        DONE = "done", "terminée"
        FAILED = "failed", "échouée"

    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    requested_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, verbose_name="demandée par"
    )
    article_ids = models.JSONField("articles", default=list)
    status = models.CharField("état", max_length=8, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("traités", default=0)
    changed = models.PositiveIntegerField("modifiés", default=0)
    started_at = models.DateTimeField("commencée le", null=True, blank=True)
    finished_at = models.DateTimeField("finie le", null=True, blank=True)
    error = models.TextField("erreur", blank=True)
    # Only the relevance to the subject is computed again: no model, minutes for an archive.
    relevance_only = models.BooleanField("pertinence seulement", default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "ré-extraction"

    def __str__(self):
        what = "Recalcul de la pertinence" if self.relevance_only else "Ré-extraction"
        return f"{what} n° {self.pk} ({len(self.article_ids)} articles)"

    @property
    def total(self):
        return len(self.article_ids)


class Feed(models.Model):
    """A news feed (RSS or Atom) the lookout polls (archive/feeds/): each new
    item is captured and imported, on-topic ones published, the others held."""

    url = models.URLField("adresse du flux", max_length=1000, unique=True)
    name = models.CharField("nom", max_length=200, blank=True)
    active = models.BooleanField("actif", default=True)
    added_at = models.DateTimeField("ajouté le", auto_now_add=True)
    last_polled_at = models.DateTimeField("dernière lecture", null=True, blank=True, editable=False)
    last_status = models.CharField("dernier état", max_length=300, blank=True, editable=False)
    last_ok = models.BooleanField("dernière lecture réussie", default=True, editable=False)
    last_new_item_at = models.DateTimeField("dernier nouvel article", null=True, blank=True, editable=False)
    # What the site said last time, sent back so that an unchanged feed costs a 304.
    etag = models.CharField("ETag", max_length=300, blank=True, editable=False)
    modified = models.CharField("Last-Modified", max_length=100, blank=True, editable=False)
    failures = models.PositiveIntegerField("échecs de suite", default=0, editable=False)
    # Back-off: a feed that keeps failing is read less and less often.
    next_poll_after = models.DateTimeField("prochaine lecture après", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "url"]
        verbose_name = "flux"
        verbose_name_plural = "flux"

    def __str__(self):
        return self.name or self.url


class FeedItem(models.Model):
    """An item a feed listed, kept so that it is read once: its address, what
    became of it (the article, or why it was refused)."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items", verbose_name="flux")
    key = models.CharField("identifiant", max_length=1000, help_text="Le guid de l'article, ou son adresse.")
    url = models.URLField("adresse", max_length=1000, blank=True)
    title = models.CharField("titre", max_length=500, blank=True)
    published_at = models.DateTimeField("publié le (selon le flux)", null=True, blank=True)
    seen_at = models.DateTimeField("vu le", auto_now_add=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items", verbose_name="article"
    )
    outcome = models.CharField("résultat", max_length=500, blank=True)

    class Meta:
        ordering = ["-seen_at", "-pk"]
        verbose_name = "article de flux"
        verbose_name_plural = "articles de flux"
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="feeditem_once_per_feed")]

    def __str__(self):
        return self.title or self.url or self.key


class AdditionJob(models.Model):
    """An article an editor adds from the admin (« Ajouter un article »), by
    address or as a pasted text: captured, extracted and imported by the worker
    (`extract_metadata --jobs`), never in the web request."""

    Status = ExtractionJob.Status

    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    requested_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, verbose_name="demandé par"
    )
    url = models.URLField("adresse", max_length=1000, blank=True)
    text = models.TextField("texte collé", blank=True)
    title = models.CharField("titre", max_length=500, blank=True)
    published_on = models.DateField("date de publication", null=True, blank=True)
    source = models.CharField("source", max_length=200, blank=True)
    status = models.CharField("état", max_length=8, choices=Status.choices, default=Status.QUEUED)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="article"
    )
    outcome = models.CharField("résultat", max_length=500, blank=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("fini le", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "ajout d'article"
        verbose_name_plural = "ajouts d'articles"

    def __str__(self):
        return f"Ajout n° {self.pk} : {self.url or (self.title or 'texte collé')}"


class HeldArticle(Article):
    """The articles held for an editor (« À examiner » in the admin)."""

    class Meta:
        proxy = True
        verbose_name = "article à examiner"
        verbose_name_plural = "à examiner"
