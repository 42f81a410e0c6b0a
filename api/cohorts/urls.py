"""Cohort, registration and substitute endpoints (the paths are a contract; see README "Cohorts and seats")."""

from django.urls import path

from . import views

urlpatterns = [
    path("cohorts/", views.CohortListView.as_view(), name="cohort-list"),
    path("cohorts/<slug:slug>/", views.CohortDetailView.as_view(), name="cohort-detail"),
    path("cohorts/<slug:slug>/registration", views.RegistrationView.as_view(), name="cohort-registration"),
    path(
        "cohorts/<slug:slug>/registration/accept-offer",
        views.AcceptOfferView.as_view(),
        name="cohort-registration-accept-offer",
    ),
    path(
        "cohorts/<slug:slug>/sessions/<int:number>/substitute",
        views.SubstituteView.as_view(),
        name="cohort-session-substitute",
    ),
    path("cohorts/<slug:slug>/registrations/", views.CohortRegistrationsView.as_view(), name="cohort-registrations"),
    path("registrations/<int:pk>/cancel", views.RegistrationCancelView.as_view(), name="registration-cancel"),
    path("registrations/<int:pk>/approve", views.RegistrationApproveView.as_view(), name="registration-approve"),
    path("registrations/<int:pk>/reject", views.RegistrationRejectView.as_view(), name="registration-reject"),
]
