"""Cohort, registration and substitute endpoints."""

urlpatterns: list = []
