from django.contrib import admin
from django.db import models
from django.db.models import Count

from archive.models import Article, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "slug", "article_count", "url"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, source):
        return source.article_count

    def get_readonly_fields(self, request, obj=None):
        # The index facets on the slug: it is set once, when the source is created.
        return ["slug"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "published_on", "date_precision", "source", "word_count", "ref", "imported_at"]
    list_filter = ["date_precision", "date_found_by", "title_generated", "source", "language"]
    list_select_related = ["source"]
    search_fields = ["title", "slug", "ref", "lead", "body"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["source"]
    readonly_fields = ["slug", "raw_text", "content_hash", "ref", "word_count", "imported_at", "updated_at"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "title_generated", "slug"]}),
        ("Publication", {"fields": ["published_on", "date_precision", "date_found_by", "source", "url", "language"]}),
        ("Texte", {"fields": ["lead", "body"]}),
        (
            "Provenance",
            {
                "fields": ["ref", "raw_text", "content_hash", "word_count", "imported_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    view_on_site = True
