from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive.admin_base import ArchiveAdmin
from archive.edited_text import same_text, submitted_text
from archive.entities import add_alias, merge_entities
from archive.extraction.entities import entity_key
from archive.jobs import queue_extraction
from archive.models import (
    Alias,
    Article,
    DateFoundBy,
    Entity,
    ExtractedField,
    ExtractionJob,
    Figure,
    Mention,
    OrganisationPattern,
    Origin,
    Quote,
    Relevance,
    Review,
    Source,
    SourceAlias,
    Subject,
    Theme,
    source_key,
)
from archive.relevance import apply_relevance, follow_relevance
from archive.sources import merge_sources

# Form fields that, once an editor changes them, belong to the editor.
EDITABLE_FIELDS = {
    "title": ExtractedField.TITLE,
    "lead": ExtractedField.LEAD,
    "body": ExtractedField.BODY,
    "published_on": ExtractedField.DATE,
    "date_precision": ExtractedField.DATE,
    "source": ExtractedField.SOURCE,
    "agencies": ExtractedField.AGENCIES,
    "authors": ExtractedField.AUTHORS,
    "language": ExtractedField.LANGUAGE,
    "themes": ExtractedField.THEMES,
    "relevance": ExtractedField.RELEVANCE,
}


class EditorTextField(forms.CharField):
    """A text field that sees a change only where the editor made one: the
    browser's CRLF line ends and surrounding whitespace are not a change, and
    what is saved has the archive's LF line ends (paragraphs split on them)."""

    def to_python(self, value):
        value = super().to_python(value)
        return submitted_text(value) if isinstance(value, str) else value

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        single_line = not isinstance(self.widget, forms.Textarea)
        return not same_text(initial, self.to_python(data), single_line=single_line)


def text_fields(textarea=None) -> dict:
    """formfield_overrides giving every text field of a model the editor's
    comparison; `textarea` replaces the admin's default one."""
    return {
        models.TextField: {"form_class": EditorTextField, **({"widget": textarea} if textarea else {})},
        models.CharField: {"form_class": EditorTextField},
        # Fields with their own form field (validation) keep it.
        models.SlugField: {"widget": widgets.AdminTextInputWidget},
        models.URLField: {"assume_scheme": "https"},
    }


class PlainSaveMixin:
    """Saving a form without changing anything records nothing in the history
    (Django logs « Aucun champ modifié » otherwise)."""

    formfield_overrides = text_fields()

    def log_change(self, request, obj, message):
        if not message:
            return None
        return super().log_change(request, obj, message)


def log_change(request, obj, message):
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


class ArticleCountMixin:
    """A sortable "articles" column, counted in the list's own query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


class SpellingFormSet(forms.BaseInlineFormSet):
    """Spellings (of a source, of an entity) inline: an empty one, one listed
    twice, or one another owner already has is refused with a message (merge
    the two instead). Subclasses say how a spelling is keyed and who owns it."""

    what = ""  # « source », « entité »
    empty = "Cette graphie ne contient aucune lettre."

    def key_of(self, name: str) -> str:
        raise NotImplementedError

    def owner_of(self, key: str, form):
        """The owner (source or entity) the spelling `key` already names, if any."""
        raise NotImplementedError

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data.get("name") or self._should_delete_form(form):
                continue
            key = self.key_of(form.cleaned_data["name"])
            owner = self.owner_of(key, form) if key else None
            if not key:
                form.add_error("name", self.empty)
            elif key in seen or (owner and owner.pk == self.instance.pk):
                form.add_error("name", f"Cette graphie figure déjà pour cette {self.what}.")
            elif owner:
                form.add_error(
                    "name",
                    f"« {form.cleaned_data['name']} » désigne déjà « {owner} » : fusionnez les deux {self.what}s.",
                )
            seen.add(key)


class SourceAliasFormSet(SpellingFormSet):
    """A source's spelling is found by its slug."""

    what = "source"
    empty = "Cette graphie ne contient aucune lettre ni chiffre."

    def key_of(self, name):
        return source_key(name)

    def owner_of(self, key, form):
        alias = SourceAlias.objects.filter(key=key).exclude(pk=form.instance.pk).select_related("source").first()
        return alias.source if alias else Source.objects.filter(slug=key).first()


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    formset = SourceAliasFormSet
    fields = ["name"]
    formfield_overrides = text_fields()
    extra = 1


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Source.objects.none(), label="Garder", widget=forms.RadioSelect)


class MergeActionMixin:
    """The admin action « Fusionner les … choisis » and its confirmation page, for
    sources and entities alike: the editor picks the one to keep, `merge_into`
    does the merge (and says what moved), the history and a message record it."""

    merge_noun = ""  # « sources », « entités »
    merge_explanation = ""  # what becomes of the others, shown before confirming

    def merge_into(self, target, others) -> str:
        """Merge `others` into `target`; returns what to add to the message."""
        raise NotImplementedError

    def merge(self, request, queryset):
        chosen = list(queryset)
        if len(chosen) < 2:
            self.message_user(request, f"Choisissez au moins deux {self.merge_noun} à fusionner.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "target" in request.POST else None)
        form.fields["target"].queryset = queryset
        if form.is_valid():
            target = form.cleaned_data["target"]
            others = [item for item in chosen if item.pk != target.pk]
            names = ", ".join(item.name for item in others)
            detail = self.merge_into(target, others)  # reindexes the articles concerned on commit
            log_change(request, target, f"Fusion : {names} fusionné(e)s dans {target.name}.")
            self.message_user(request, f"{names} fusionné(e)s dans « {target.name} »{detail}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Fusionner des {self.merge_noun}",
            "items": chosen,
            "noun": self.merge_noun,
            "explanation": self.merge_explanation,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/archive/merge.html", context)


@admin.register(Source)
class SourceAdmin(MergeActionMixin, PlainSaveMixin, ArchiveAdmin):
    list_display = ["name", "slug", "article_count", "agency_count", "url"]
    search_fields = ["name", "slug", "aliases__name"]
    inlines = [SourceAliasInline]
    actions = ["merge"]

    def get_queryset(self, request):
        # Two counts over two joins: distinct, or each multiplies the other.
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles", distinct=True))
            .annotate(agency_count=Count("agency_articles", distinct=True))
        )

    @admin.display(description="articles publiés", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description="articles comme agence", ordering="agency_count")
    def agency_count(self, obj):
        return obj.agency_count

    def get_readonly_fields(self, request, obj=None):
        # The index facets on the slug: it is set once, when the source is created.
        return ["slug"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["name"]}

    merge_noun = "sources"
    merge_explanation = (
        "Les autres sources deviennent des graphies de celle que vous gardez : leurs articles lui sont "
        "rattachés, comme éditeur ou comme agence, et les articles importés plus tard sous leur nom aussi."
    )

    @admin.action(description="Fusionner les sources choisies…")
    def merge(self, request, queryset):
        return super().merge(request, queryset)

    def merge_into(self, target, others):
        moved = merge_sources(target, [target, *others])
        return f" ({len(moved)} article(s))"


class ReviewableFormSet(forms.BaseInlineFormSet):
    """A mention, figure or quote the article already has is refused with a
    message, not left to the database's uniqueness constraint (a server error)."""

    def clean(self):
        super().clean()
        existing = {}
        if self.instance.pk:
            rows = self.model.objects.filter(article=self.instance)
            existing = dict(rows.values_list(self.model.identity_field, "pk"))
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or self._should_delete_form(form):
                continue
            key = form.instance.identity()
            if key in seen or existing.get(key, form.instance.pk) != form.instance.pk:
                form.add_error(None, "Cet élément figure déjà dans l'article.")
            seen.add(key)


class ReviewableInline(admin.TabularInline):
    formset = ReviewableFormSet
    formfield_overrides = text_fields()
    extra = 0
    readonly_fields = ["origin"]
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("review", *self.model._meta.ordering)


class MentionInline(ReviewableInline):
    model = Mention
    fields = ["entity", "count", "first_position", "review", "origin"]
    autocomplete_fields = ["entity"]
    verbose_name_plural = "entités mentionnées"


class FigureInline(ReviewableInline):
    model = Figure
    fields = ["qualifier", "count", "unit", "force", "announcer", "announcer_kind", "sentence", "review", "origin"]
    formfield_overrides = text_fields(forms.Textarea(attrs={"rows": 2, "cols": 60}))


class QuoteInline(ReviewableInline):
    model = Quote
    fields = ["speaker", "text", "review", "origin"]
    formfield_overrides = text_fields(forms.Textarea(attrs={"rows": 2, "cols": 70}))


class NamesField(forms.Field):
    """A list of names edited one a line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        names = (" ".join(line.split()) for line in (value or "").splitlines())
        return list(dict.fromkeys(name for name in names if name))


class ArticleForm(forms.ModelForm):
    authors = NamesField(label="Auteurs", required=False, help_text="Un nom par ligne.")
    edited_fields = forms.MultipleChoiceField(
        label="Champs corrigés",
        choices=ExtractedField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochés d'office quand vous modifiez un champ : la ré-extraction ne le touchera plus. "
        "Décochez pour rendre un champ à l'extraction.",
    )


@admin.register(Article)
class ArticleAdmin(PlainSaveMixin, ArchiveAdmin):
    form = ArticleForm
    list_display = ["title", "published_on", "date_precision", "source", "relevance", "verified", "word_count", "ref"]
    list_filter = [
        "relevance", "held", "verified", "date_precision", "date_found_by", "title_generated", "themes", "source",
        "agencies",
        "language",
    ]  # fmt: skip
    list_select_related = ["source"]
    search_fields = ["title", "slug", "ref", "lead"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["source", "agencies"]
    filter_horizontal = ["themes"]
    readonly_fields = [
        "slug", "raw_text", "content_hash", "ref", "word_count", "date_found_by", "date_evidence", "given",
        "extracted_at", "imported_at", "updated_at", "relevance_score", "relevance_evidence_list",
        "captured_at", "capture_record_id", "capture_file", "held",
    ]  # fmt: skip
    inlines = [MentionInline, FigureInline, QuoteInline]
    actions = ["mark_verified", "reextract", "rescore"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "title_generated", "slug", "verified", "held"]}),
        (
            "Publication",
            {
                "fields": [
                    "published_on",
                    "date_precision",
                    "date_found_by",
                    "date_evidence",
                    "source",
                    "agencies",
                    "authors",
                    "url",
                    "language",
                ]
            },  # fmt: skip
        ),
        ("Texte", {"fields": ["lead", "body"]}),
        ("Thèmes", {"fields": ["themes"]}),
        (
            "Sujet de l'archive",
            {
                "fields": ["relevance", "relevance_score", "relevance_evidence_list"],
                "description": "Calculée depuis le titre et le texte selon la définition du sujet "
                "(Sujet de l'archive). Choisie ici, elle ne change plus à la ré-extraction.",
            },
        ),
        ("Extraction", {"fields": ["edited_fields", "extracted_at"]}),
        (
            "Provenance",
            {
                "fields": [
                    "ref",
                    "captured_at",
                    "capture_record_id",
                    "capture_file",
                    "given",
                    "raw_text",
                    "content_hash",
                    "word_count",
                    "imported_at",
                    "updated_at",
                ],  # fmt: skip
                "classes": ["collapse"],
            },
        ),
    ]
    view_on_site = True

    def add_view(self, request, form_url="", extra_context=None):
        # An article comes in through the import (capture, extraction, refusals), never a blank form.
        return redirect("admin:archive_additionjob_add")

    def save_model(self, request, obj, form, change):
        edited = set(form.cleaned_data.get("edited_fields") or [])
        released = set(form.initial.get("edited_fields") or []) - edited if change else set()
        changed = {EDITABLE_FIELDS[name] for name in form.changed_data if name in EDITABLE_FIELDS}
        obj.edited_fields = sorted((edited | changed) - (released - changed))
        if "title" in form.changed_data and "title_generated" not in form.changed_data:
            obj.title_generated = False  # the editor wrote this title
        if ExtractedField.DATE in changed:
            obj.date_found_by = DateFoundBy.EDITOR if obj.published_on else DateFoundBy.NONE
            obj.date_evidence = ""
        # The score follows the title and text as saved; the level too, unless the editor set it.
        scored = Article.objects.filter(pk=obj.pk, relevance_score__isnull=False)
        was = scored.values_list("relevance", flat=True).first() if change else None
        apply_relevance(obj)
        super().save_model(request, obj, form, change)
        if change and follow_relevance(obj, was):
            job = queue_extraction([obj.pk], request.user)
            self.message_user(
                request,
                f"L'article revient dans le sujet : ses entités citées en passant sont recherchées à nouveau ({job}).",
                messages.INFO,
            )

    @admin.display(description="indices de pertinence")
    def relevance_evidence_list(self, obj):
        if not obj.relevance_evidence:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} × {} (poids {})</li>",
                ((item.get("term"), item.get("count"), item.get("weight")) for item in obj.relevance_evidence),
            ),
        )

    def save_formset(self, request, form, formset, change):
        # A row an editor adds is theirs; one they edit is reviewed by them.
        for instance in formset.save(commit=False):
            if instance.pk is None:
                instance.origin = Origin.EDITOR
                instance.review = Review.ACCEPTED if instance.review == Review.PENDING else instance.review
            elif instance.review == Review.PENDING:
                instance.review = Review.ACCEPTED
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()

    @admin.action(description="Marquer comme vérifiés")
    def mark_verified(self, request, queryset):
        for article in queryset.filter(verified=False):
            article.verified = True
            article.save(update_fields=["verified", "updated_at"])
            log_change(request, article, "Marqué comme vérifié.")
        self.message_user(request, "Articles marqués comme vérifiés.", messages.SUCCESS)

    @admin.action(description="Ré-extraire les métadonnées (en arrière-plan)")
    def reextract(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        job = queue_extraction(ids, request.user)
        for article in queryset:
            log_change(request, article, f"Ré-extraction demandée ({job}).")
        self.message_user(
            request,
            format_html(
                "{} : suivez son avancement dans <a href='{}'>Ré-extractions</a>. "
                "Les champs corrigés et les éléments rejetés sont conservés.",
                job,
                reverse("admin:archive_extractionjob_changelist"),
            ),
            messages.SUCCESS,
        )

    @admin.action(description="Recalculer la pertinence au sujet (en arrière-plan)")
    def rescore(self, request, queryset):
        job = queue_extraction(queryset.values_list("pk", flat=True), request.user, relevance_only=True)
        self.message_user(
            request,
            format_html(
                "{} : suivez son avancement dans <a href='{}'>Ré-extractions</a>. "
                "La pertinence choisie par un éditeur est conservée.",
                job,
                reverse("admin:archive_extractionjob_changelist"),
            ),
            messages.SUCCESS,
        )


class AliasFormSet(SpellingFormSet):
    """An entity's spelling is found by its folded key, among the spellings of its kind."""

    what = "entité"

    def key_of(self, name):
        return entity_key(name)

    def owner_of(self, key, form):
        kind = form.instance.kind or self.instance.kind
        alias = Alias.objects.filter(kind=kind, key=key).exclude(pk=form.instance.pk).select_related("entity").first()
        return alias.entity if alias else None


class AliasInline(admin.TabularInline):
    formfield_overrides = text_fields()
    model = Alias
    formset = AliasFormSet
    fields = ["name"]
    extra = 1


@admin.register(Entity)
class EntityAdmin(MergeActionMixin, PlainSaveMixin, ArchiveAdmin):
    list_display = ["name", "kind", "slug", "mention_count"]
    list_filter = ["kind", "name_edited"]
    search_fields = ["name", "aliases__name", "slug"]
    inlines = [AliasInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_count=Count("mentions", distinct=True))

    @admin.display(description="articles", ordering="mention_count")
    def mention_count(self, entity):
        return entity.mention_count

    def get_readonly_fields(self, request, obj=None):
        return ["slug", "former_addresses"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["name"]}

    @admin.display(description="anciennes adresses")
    def former_addresses(self, entity):
        """The slugs of the entities merged into this one: their pages redirect here."""
        return ", ".join(entity.former_slugs.values_list("slug", flat=True)) or "—"

    def save_model(self, request, obj, form, change):
        if "name" in form.changed_data:
            obj.name_edited = True  # extraction no longer respells it
        super().save_model(request, obj, form, change)
        add_alias(obj, obj.name)  # the entity's own name is one of its spellings

    merge_noun = "entités"
    merge_explanation = (
        "Les autres entités deviennent des graphies de celle que vous gardez ; leurs mentions lui sont rattachées."
    )

    @admin.action(description="Fusionner les entités choisies…")
    def merge(self, request, queryset):
        return super().merge(request, queryset)

    def merge_into(self, target, others):
        merge_entities(target, others)
        return ""


@admin.register(Theme)
class ThemeAdmin(PlainSaveMixin, ArticleCountMixin, ArchiveAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "keywords"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []


def _definition_or_none(subject):
    try:
        return subject.definition() if subject else None
    except ValueError:  # lines written around the admin's checks
        return None


@admin.register(Subject)
class SubjectAdmin(PlainSaveMixin, ArchiveAdmin):
    """One subject per archive: the list leads to its form; saving a changed
    definition queues the re-scoring of every article."""

    fields = ["places", "topics", "related_threshold", "core_threshold", "distribution", "updated_at"]
    readonly_fields = ["distribution", "updated_at"]
    formfield_overrides = text_fields(forms.Textarea(attrs={"rows": 20, "cols": 50}))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        subject = Subject.current()
        return redirect(reverse("admin:archive_subject_change", args=[subject.pk]))

    @admin.display(description="articles aujourd'hui")
    def distribution(self, obj):
        counts = dict(Article.objects.values_list("relevance").annotate(n=Count("pk")).order_by())
        return format_html_join(" · ", "{} : {}", ((label, counts.get(value, 0)) for value, label in Relevance.choices))

    def save_model(self, request, obj, form, change):
        before = Subject.objects.filter(pk=obj.pk).first()
        super().save_model(request, obj, form, change)
        # Re-score only for a definition that reads differently (not for spaces or a comment).
        if _definition_or_none(before) != obj.definition():
            job = queue_extraction(Article.objects.values_list("pk", flat=True), request.user, relevance_only=True)
            self.message_user(
                request,
                format_html(
                    "Définition changée : {} demandé pour toute l'archive ; "
                    "suivez-le dans <a href='{}'>Ré-extractions</a>. "
                    "La pertinence choisie par un éditeur pour un article est conservée.",
                    job,
                    reverse("admin:archive_extractionjob_changelist"),
                ),
                messages.SUCCESS,
            )


class OrganisationPatternForm(forms.ModelForm):
    class Meta:
        model = OrganisationPattern
        fields = ["name", "patterns", "note"]
        widgets = {
            "patterns": forms.Textarea(attrs={"rows": 8, "cols": 60}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 60}),
        }


@admin.register(OrganisationPattern)
class OrganisationPatternAdmin(PlainSaveMixin, ArchiveAdmin):
    """The known organisations (archive.extraction.organisations): extraction reads
    the list at each batch, so a change applies to what is extracted next."""

    form = OrganisationPatternForm
    list_display = ["name", "spelling_list", "note"]
    search_fields = ["name", "patterns", "note"]
    list_per_page = 100

    @admin.display(description="graphies")
    def spelling_list(self, obj):
        return " · ".join(obj.spellings())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._reextraction_needed(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._reextraction_needed(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._reextraction_needed(request)

    def _reextraction_needed(self, request):
        self.message_user(
            request,
            format_html(
                "Les articles importés désormais suivent la liste. Ceux déjà extraits gardent leurs entités "
                "jusqu'à leur ré-extraction : action « Ré-extraire » de la <a href='{}'>liste des articles</a>, "
                "ou <code>manage.py extract_metadata --all</code> pour toute l'archive.",
                reverse("admin:archive_article_changelist"),
            ),
            messages.INFO,
        )


@admin.register(ExtractionJob)
class ExtractionJobAdmin(ArchiveAdmin):
    list_display = ["__str__", "status", "progress", "changed", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "relevance_only"]
    readonly_fields = [f.name for f in ExtractionJob._meta.fields]
    change_list_template = "admin/archive/extractionjob/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="avancement")
    def progress(self, job):
        return format_html(
            '<progress max="{}" value="{}"></progress> {} / {}', job.total or 1, job.done, job.done, job.total
        )

    def changelist_view(self, request, extra_context=None):
        Status = ExtractionJob.Status
        unfinished = ExtractionJob.objects.filter(status__in=[Status.QUEUED, Status.RUNNING])
        extra_context = {**(extra_context or {}), "refresh": unfinished.exists()}
        return super().changelist_view(request, extra_context)


# The lookout's pages and « Ajouter un article » live in their own modules.
from archive import admin_adding, admin_feeds  # noqa: E402, F401
