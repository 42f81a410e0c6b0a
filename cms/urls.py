"""Non-page routes of the site (file serving, feeds)."""

urlpatterns: list = []
