"""Routes this app serves outside the page tree: all under phan-anh-kien-nghi/."""

from django.urls import path

from hotline import views

app_name = "hotline"

urlpatterns = [
    path("phan-anh-kien-nghi/", views.feedback_form, name="feedback_form"),
    path("phan-anh-kien-nghi/da-gui/", views.confirmation, name="confirmation"),
    path("phan-anh-kien-nghi/tra-cuu/", views.lookup, name="lookup"),
    path("phan-anh-kien-nghi/da-tra-loi/", views.answer_list, name="answer_list"),
    path("phan-anh-kien-nghi/da-tra-loi/du-lieu.csv", views.answers_csv, name="answers_csv"),
    path("phan-anh-kien-nghi/da-tra-loi/<id:pk>/", views.answer_detail, name="answer_detail"),
]
