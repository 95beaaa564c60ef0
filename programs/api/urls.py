"""URLs of the open data API, under /api/ (outside the language prefixes: the API speaks English).
The paths are part of the contract: a change needs a new version (/api/v2/)."""

from django.urls import path

from . import docs, views

app_name = "api"


def read_only(viewset):
    return viewset.as_view({"get": "list"}), viewset.as_view({"get": "retrieve"})


program_list, program_detail = read_only(views.ProgramViewSet)
theme_list, theme_detail = read_only(views.ThemeViewSet)
institute_list, institute_detail = read_only(views.InstituteViewSet)
city_list, city_detail = read_only(views.CityViewSet)
network_list, network_detail = read_only(views.NetworkViewSet)
agreement_list, agreement_detail = read_only(views.AgreementViewSet)

urlpatterns = [
    path("v1/", views.IndexView.as_view(), name="index"),
    path("v1/programs/", program_list, name="program-list"),
    path("v1/programs/<slug:slug>/", program_detail, name="program-detail"),
    path("v1/themes/", theme_list, name="theme-list"),
    path("v1/themes/<slug:slug>/", theme_detail, name="theme-detail"),
    path("v1/institutes/", institute_list, name="institute-list"),
    path("v1/institutes/<slug:slug>/", institute_detail, name="institute-detail"),
    path("v1/cities/", city_list, name="city-list"),
    path("v1/cities/<slug:slug>/", city_detail, name="city-detail"),
    path("v1/networks/", network_list, name="network-list"),
    path("v1/networks/<slug:slug>/", network_detail, name="network-detail"),
    path("v1/agreements/", agreement_list, name="agreement-list"),
    path("v1/agreements/<slug:slug>/", agreement_detail, name="agreement-detail"),
    path("v1/stats/", views.StatsView.as_view(), name="stats"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
]
