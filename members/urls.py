"""Member-facing non-API routes (calendar feeds and the like)."""

urlpatterns: list = []
