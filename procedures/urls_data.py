"""Routes of the open data (see procedures/urls.py): downloads under thu-tuc/du-lieu/, the JSON API under
api/thu-tuc/."""

from django.urls import path

from procedures import api

app_name = "procedures_data"

urlpatterns = [
    path("thu-tuc/du-lieu/xuat.<segment:fmt>", api.download, name="download"),
    path("api/thu-tuc/", api.procedure_list, name="api_list"),
    path("api/thu-tuc/<segment:code>/", api.procedure_detail, name="api_detail"),
]
