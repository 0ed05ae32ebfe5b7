"""Routes (see procedures/urls.py)."""

urlpatterns = []
