"""Root URLs: public pages (English unprefixed, other languages under /ko/, /zh-hant/), the admin,
and the language switcher."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from exchange_portal.views import live, ready

admin.site.site_header = "International Training Registry"
admin.site.site_title = "Training Registry admin"

urlpatterns = [
    # Health checks for load balancers and orchestrators (README "Health checks"); HealthCheckMiddleware
    # answers them before the page cache, sessions and locale, so the URLs here are for reverse() only.
    path("healthz", ready, name="healthz"),
    path("healthz/ready", ready, name="healthz-ready"),
    path("healthz/live", live, name="healthz-live"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("programs.urls_crawlers")),  # /robots.txt, /sitemap.xml: one for every language
    # The open data API speaks English, outside the language prefixes; by name, so the core imports no app.
    path("api/", include("programs.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("programs.urls")),
    path("", include("programs.urls_places")),
    path("", include("participants.urls")),  # /privacy/
    prefix_default_language=False,
)

# 404, 403 and 400 use Django's views with templates/404.html etc.; 500 answers 503 when the database is down.
handler500 = "exchange_portal.views.server_error"
