from django.urls import path

from archive import browse, views

app_name = "archive"
urlpatterns = [
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("articles/<slug:slug>/citation.bib", views.article_bibtex, name="article-bibtex"),
    path("articles/<slug:slug>/original.txt", views.article_original, name="article-original"),
    path("api/articles/<slug:slug>/", views.article_api, name="article-api"),
    path("entites/", browse.entities, name="entities"),
    path("entites/<slug:slug>/", browse.entity_detail, name="entity"),
    path("chiffres/", browse.figures, name="figures"),
]
