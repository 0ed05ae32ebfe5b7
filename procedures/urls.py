"""Routes of the catalogue outside the page tree: public views, then open-data exports and the API."""

from django.urls import include, path

urlpatterns = [
    path("", include("procedures.urls_public")),
    path("", include("procedures.urls_data")),
    path("", include("procedures.desk.urls")),
    path("", include("procedures.alerts.urls")),
]
