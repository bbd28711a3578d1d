"""Every reader page, one module each in web/: the page at /X/ is web/X.py."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.generic import TemplateView

from web import article, entities, exports, feed, figure_exports, figures, health, help, home, search
from web.sitemaps import SITEMAPS

urlpatterns = [
    path("", home.home, name="home"),
    path("recherche/", search.search_page, name="search"),
    path("api/search/", search.search_api, name="search-api"),
    path("recherche/export.csv", exports.export_csv, name="export-csv"),
    path("recherche/export.json", exports.export_json, name="export-json"),
    path("recherche/atom/", feed.search_feed, name="feed"),
    path("aide/", help.help_page, name="help"),
    path("articles/<slug:slug>/", article.article_detail, name="article"),
    path("articles/<slug:slug>/citation.bib", article.article_bibtex, name="article-bibtex"),
    path("articles/<slug:slug>/original.txt", article.article_original, name="article-original"),
    path("api/articles/<slug:slug>/", article.article_api, name="article-api"),
    path("entites/", entities.entities, name="entities"),
    path("entites/<slug:slug>/", entities.entity_detail, name="entity"),
    path("chiffres/", figures.figures, name="figures"),
    path("chiffres/export.csv", figure_exports.figures_csv, name="figures-csv"),
    path("chiffres/export.json", figure_exports.figures_json, name="figures-json"),
    path("sante/", health.health, name="health"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")),
    path(
        "opensearch.xml",
        TemplateView.as_view(
            template_name="web/opensearch.xml", content_type="application/opensearchdescription+xml; charset=utf-8"
        ),
        name="opensearch",
    ),
]
