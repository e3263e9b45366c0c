from django.db import models
from knox.models import AbstractAuthToken

from core.texte import EINZEILIG


class ApiToken(AbstractAuthToken):
    """A person's API token: stored as a hash only (knox), shown once, expiring, revocable.
    The name says which system uses it; the last use shows whether it still does."""

    bezeichnung = models.CharField(
        "Bezeichnung",
        max_length=100,
        validators=[EINZEILIG],
        help_text="Wofür das Token ist, z. B. „Fachverfahren Jugendhilfe“.",
    )
    zuletzt_benutzt = models.DateTimeField("zuletzt benutzt", null=True, blank=True)

    class Meta:
        verbose_name = "API-Token"
        verbose_name_plural = "API-Tokens"
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.bezeichnung} ({self.token_key}…)"
