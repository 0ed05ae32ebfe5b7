"""Routes this app serves outside the page tree."""

urlpatterns = []
