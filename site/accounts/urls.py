from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("tai-khoan/xac-thuc-hai-lop/", views.two_factor, name="two_factor"),
    path("tai-khoan/bao-mat/", views.security, name="security"),
]
