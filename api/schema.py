from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenSchema(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema (and Swagger UI's "Authorize")."""

    target_class = "api.auth.TokenAuthentication"
    name = "Token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "„Token <Ihr Token>“ – erstellt unter „API-Zugang“ in der Anwendung.",
        }
