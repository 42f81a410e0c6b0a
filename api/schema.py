"""OpenAPI descriptions of our authentication schemes."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class AppSessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.AppSessionTokenAuthentication"
    name = "appSessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "Session token from allauth's app API (/_allauth/app/v1/auth/login).",
        }


def only_our_api(endpoints):
    """Keep /api/v1/ in the schema; Wagtail's internal admin API is not ours to document."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
