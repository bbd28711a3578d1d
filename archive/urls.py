from django.urls import path

from archive import views

app_name = "archive"
urlpatterns = [
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("api/articles/<slug:slug>/", views.article_api, name="article-api"),
]
