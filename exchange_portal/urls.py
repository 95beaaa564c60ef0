"""Root URLs: public pages (English unprefixed, other languages under /ko/, /zh-hant/), the admin,
and the language switcher."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from programs.views import HomeView

admin.site.site_header = "International Training Registry"
admin.site.site_title = "Training Registry admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    prefix_default_language=False,
)
