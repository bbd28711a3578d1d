"""The sitemap: every article, every entity with an article, the main pages.

Served as an index (/sitemap.xml) of sections that Django paginates at 50,000
URLs a file, the protocol's limit: the archive outgrows one file."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from archive.models import Article, Entity, Mention, Review

# Pages of the site that are not an article or an entity, by URL name:
# add a new page here.
STATIC_PAGES = ["home", "search", "help", "entities", "figures"]


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.public().order_by("pk").only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every article to find the latest date.
        return Article.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class EntitySitemap(Sitemap):
    def items(self):
        shown = Mention.objects.filter(entity=OuterRef("pk"), article__held=False).exclude(review=Review.REJECTED)
        return Entity.objects.filter(Exists(shown)).order_by("pk").only("slug", "kind")


class PageSitemap(Sitemap):
    def items(self):
        return STATIC_PAGES

    def location(self, name):
        return reverse(name)


SITEMAPS = {"articles": ArticleSitemap, "entites": EntitySitemap, "pages": PageSitemap}
