from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (/api/v1/): the public data for everyone, what a person may see for her
    token, and Sachstandsmeldungen submitted by a Bereich's own software."""

    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from api import schema  # noqa: F401  (registers the token in the OpenAPI schema)
