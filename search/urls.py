from django.urls import path
from django.views.generic import TemplateView

from search import export_views, feeds, views

app_name = "search"
urlpatterns = [
    path("recherche/", views.search_page, name="search"),
    path("api/search/", views.search_api, name="search-api"),
    path("recherche/export.csv", export_views.export_csv, name="export-csv"),
    path("recherche/export.json", export_views.export_json, name="export-json"),
    path("recherche/atom/", feeds.search_feed, name="feed"),
    path(
        "opensearch.xml",
        TemplateView.as_view(
            template_name="search/opensearch.xml", content_type="application/opensearchdescription+xml; charset=utf-8"
        ),
        name="opensearch",
    ),
    path("aide/", views.help_page, name="help"),
]
