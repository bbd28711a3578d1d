from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("recherche/", views.search_page, name="search"),
    path("api/search/", views.search_api, name="search-api"),
]
