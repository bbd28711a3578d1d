from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from archive import browse
from archive.sitemaps import SITEMAPS
from config.health import health
from config.login_throttle import ThrottledAdminAuthenticationForm

admin.site.site_header = "Vigie — administration"
admin.site.site_title = "Vigie"
admin.site.index_title = "Archive de presse"
# Says why a login is refused after too many failures (config/login_throttle.py).
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("", browse.home, name="home"),
    path("", include("search.urls")),
    path("", include("archive.urls")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")),
    path("sante/", health, name="health"),
]
