"""Public URLs of the participants app: only the privacy notice (nothing about any person is public)."""

from django.urls import path

from .views import PrivacyNoticeView

app_name = "participants"

urlpatterns = [
    path("privacy/", PrivacyNoticeView.as_view(), name="privacy"),
]
