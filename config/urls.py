from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Vigie — administration"
admin.site.site_title = "Vigie"
admin.site.index_title = "Archive de presse"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="search:search", permanent=False), name="home"),
    path("", include("search.urls")),
    path("", include("archive.urls")),
    path("admin/", admin.site.urls),
]
