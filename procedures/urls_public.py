"""Public routes of the catalogue outside the page tree, all under thu-tuc/ (see procedures/urls.py).

thu-tuc/du-lieu/ belongs to the open-data routes (urls_data.py); the short-URL pattern only takes
paths that start with a digit, as procedure codes do, so it never shadows them.
"""

from django.urls import path, re_path

from procedures import feeds, life_events, views

app_name = "procedures_public"

urlpatterns = [
    path("thu-tuc/moi-cap-nhat/", views.recent_view, name="recent"),
    path("thu-tuc/moi-cap-nhat/rss/", feeds.RecentChangesFeed(), name="recent_rss"),
    path("thu-tuc/toi-muon/", life_events.index_view, name="life_events"),
    path("thu-tuc/toi-muon/<slug:slug>/", life_events.event_view, name="life_event"),
    re_path(r"^thu-tuc/(?P<code>[0-9][0-9A-Za-z.\-_]{0,63})/$", views.procedure_by_code, name="by_code"),
    path("thu-tuc/ma/<segment:code>/", views.procedure_by_code, name="by_any_code"),
]
