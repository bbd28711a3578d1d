"""The lookout's admin: « Flux » (the watched feeds, with those to look at
flagged), the items each feed listed, and « À examiner », the off-topic feed
items held off the public pages until an editor accepts or discards them.
Imported by archive/admin.py."""

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from archive.admin_base import ArchiveAdmin
from archive.feeds.health import feed_problem
from archive.models import Feed, FeedItem, HeldArticle


@admin.register(Feed)
class FeedAdmin(ArchiveAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "active", "last_polled_at", "last_new_item_at", "state"]
    list_filter = ["active", "last_ok"]
    search_fields = ["name", "url"]
    fields = [
        "url", "name", "active", "to_look_at", "items_link", "last_polled_at", "last_status", "last_new_item_at",
        "failures", "next_poll_after", "etag", "modified", "added_at",
    ]  # fmt: skip
    readonly_fields = [
        "to_look_at", "items_link", "last_polled_at", "last_status", "last_new_item_at", "failures",
        "next_poll_after", "etag", "modified", "added_at",
    ]  # fmt: skip

    @admin.display(description="état")
    def state(self, feed):
        """What went wrong, first: a lookout scans this column."""
        problem = feed_problem(feed)
        if problem:
            return format_html("<strong>À surveiller : {}</strong>", problem)
        return feed.last_status or "jamais lu"

    @admin.display(description="à surveiller")
    def to_look_at(self, feed):
        if feed.pk is None:
            return "—"
        problem = feed_problem(feed)
        return format_html("<strong>{}</strong>", problem) if problem else "—"

    @admin.display(description="articles vus")
    def items_link(self, feed):
        if feed.pk is None:
            return "—"
        url = reverse("admin:archive_feeditem_changelist") + f"?feed__id__exact={feed.pk}"
        return format_html('<a href="{}">{} article(s) lu(s) dans ce flux</a>', url, feed.items.count())


@admin.register(FeedItem)
class FeedItemAdmin(ArchiveAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "feed", "seen_at", "published_at", "outcome", "article_link"]
    list_filter = ["feed"]
    list_select_related = ["feed", "article"]
    search_fields = ["title", "url", "outcome"]
    readonly_fields = [f.name for f in FeedItem._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="article")
    def article_link(self, item):
        if not item.article_id:
            return "—"
        url = reverse("admin:archive_article_change", args=[item.article_id])
        return format_html('<a href="{}">{}</a>', url, item.article)


@admin.register(HeldArticle)
class HeldArticleAdmin(ArchiveAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "source", "relevance", "relevance_score", "feed", "imported_at", "edit_link"]
    list_display_links = None
    list_select_related = ["source"]
    search_fields = ["title", "url"]
    actions = ["accept", "discard"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(held=True).prefetch_related("feed_items__feed")

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        title = "À examiner : articles des flux jugés hors sujet, invisibles au public"
        return super().changelist_view(request, {**(extra_context or {}), "title": title})

    @admin.display(description="flux")
    def feed(self, article):
        return ", ".join(str(item.feed) for item in article.feed_items.all()) or "—"

    @admin.display(description="")
    def edit_link(self, article):
        edit = format_html('<a href="{}">relire</a>', reverse("admin:archive_article_change", args=[article.pk]))
        if not article.url:
            return edit
        return format_html('{} · <a href="{}" rel="noopener">page d\'origine</a>', edit, article.url)

    @admin.action(description="Accepter : publier les articles choisis", permissions=["change"])
    def accept(self, request, queryset):
        from archive.admin import log_change

        count = 0
        for article in queryset:
            article.held = False
            article.save(update_fields=["held", "updated_at"])  # the save reindexes it: public from now on
            log_change(request, article, "Accepté : publié.")
            count += 1
        self.message_user(request, f"{count} article(s) accepté(s) : ils sont publiés.", messages.SUCCESS)

    @admin.action(description="Écarter : supprimer les articles choisis", permissions=["delete"])
    def discard(self, request, queryset):
        count = 0
        for article in queryset:
            # The feed item stays: the article is not taken again at the next poll.
            FeedItem.objects.filter(article=article).update(outcome="écarté par un éditeur")
            article.delete()
            count += 1
        self.message_user(request, f"{count} article(s) écarté(s) et supprimé(s).", messages.SUCCESS)
