"""Routes of the search page and its JSON endpoints (prefix tim-kiem/ only)."""

from django.urls import path

from search import views

urlpatterns = [
    path("tim-kiem/", views.search_page, name="search"),
    path("tim-kiem/api/", views.search_api, name="search_api"),
    path("tim-kiem/goi-y/", views.autocomplete, name="search_autocomplete"),
]
