"""Public URLs of programs, host institutes, themes and statistics (the paths are part of the contract)."""

from django.urls import path

from .feeds import ProgramFeed, program_calendar
from .views import data, numbers
from .views import programs as views

app_name = "programs"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("programs/", views.ProgramListView.as_view(), name="program-list"),
    path("programs/export.<str:file_format>", views.program_export, name="program-export"),
    # Before the program pages: "feed" would read as a slug.
    path("programs/feed/", ProgramFeed(), name="program-feed"),
    path("programs/calendar.ics", program_calendar, name="program-calendar"),
    path("programs/<slug:slug>/", views.ProgramDetailView.as_view(), name="program-detail"),
    path("institutes/<slug:slug>/", views.InstituteDetailView.as_view(), name="institute-detail"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme-detail"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("stats/export.<str:file_format>", views.stats_export, name="stats-export"),
    path("about/numbers/", numbers.AboutNumbersView.as_view(), name="about-numbers"),
    path("data/", data.OpenDataView.as_view(), name="open-data"),
    path("data/datapackage.json", data.datapackage, name="datapackage"),
    path("data/catalog.jsonld", data.catalog, name="catalog"),
]
