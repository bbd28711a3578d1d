from django.contrib import admin
from django.urls import include, path

from config.login_throttle import ThrottledAdminAuthenticationForm

admin.site.site_header = "Vigie — administration"
admin.site.site_title = "Vigie"
admin.site.index_title = "Archive de presse"
# Says why a login is refused after too many failures (config/login_throttle.py).
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("web.urls")),
]
