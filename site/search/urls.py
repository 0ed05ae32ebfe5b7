"""Routes of the search page and its JSON endpoint."""

urlpatterns = []
