"""Routes (see procedures/urls.py): alerts under thu-tuc/theo-doi/, usefulness votes under thu-tuc/danh-gia/."""

from django.urls import path

from procedures.alerts import views

app_name = "procedure_alerts"

urlpatterns = [
    path("thu-tuc/theo-doi/", views.subscribe, name="subscribe"),
    path("thu-tuc/theo-doi/xac-nhan/<segment:token>/", views.confirm, name="confirm"),
    path("thu-tuc/theo-doi/huy/<segment:token>/", views.unsubscribe, name="unsubscribe"),
    path("thu-tuc/danh-gia/<id:pk>/", views.vote, name="vote"),
]
