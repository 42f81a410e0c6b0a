"""Q&A endpoints."""

urlpatterns: list = []
