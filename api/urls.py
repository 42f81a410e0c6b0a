"""The HTTP API: /api/v1/... per domain, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .accounts import FeedTokenView, MeView

v1 = [
    path("me", MeView.as_view(), name="me"),
    path("me/feed-token", FeedTokenView.as_view(), name="me-feed-token"),
    path("", include("api.cohorts.urls")),
    path("", include("api.qa.urls")),
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
