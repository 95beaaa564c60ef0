"""Public URLs of partner cities and agreements (the paths are part of the contract).

The pages list programs, so their views live in the programs app (cities sit below programs); the
URL names keep the ``cities`` namespace."""

from django.urls import path

from .views import places as views

app_name = "cities"

urlpatterns = [
    path("cities/", views.CityListView.as_view(), name="city-list"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city-detail"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/<slug:slug>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
]
