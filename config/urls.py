"""Top-level URL map: accounts, API, health, admin, then Wagtail's page tree last."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from members import health
from members.views.accounts import admin_login

# Both admins sign in through allauth (password, then the TOTP code), never their own forms.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v2/", api_router.urls),
    path("api/", include("api.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("members.urls")),
    path("", include("cms.urls")),
    path("", include("qa.urls")),
    # Wagtail's document URLs (rich text, admin); library files are handed to the checked cms:document view.
    path("documents/", include(wagtaildocs_urls)),
    path("", include(wagtail_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = staticfiles_urlpatterns() + urlpatterns
