from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from core.texte import TEXT


class SuchvektorManager(models.Manager):
    """The search vector is read by the database only; loading it would cost every list."""

    def get_queryset(self):
        return super().get_queryset().defer("suchvektor")


class Statuswechsel(models.Model):
    """One state transition of any workflow object: who, when, from, to, comment.

    Written by `core.workflow.uebergang` only; read-only in UI and admin."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    objekt = GenericForeignKey("content_type", "object_id")
    uebergang = models.CharField("Übergang", max_length=60)
    von = models.CharField("von", max_length=40)
    nach = models.CharField("nach", max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="durch",
    )
    zeitpunkt = models.DateTimeField("Zeitpunkt", default=timezone.now)
    kommentar = models.TextField("Kommentar", blank=True, validators=[TEXT])

    class Meta:
        verbose_name = "Statuswechsel"
        verbose_name_plural = "Statuswechsel"
        ordering = ["zeitpunkt", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "zeitpunkt"])]

    def __str__(self) -> str:
        return f"{self.von} → {self.nach} ({self.zeitpunkt:%d.%m.%Y %H:%M})"

    def _zustaende(self) -> dict[str, str]:
        from django_fsm import FSMFieldMixin

        modell = self.content_type.model_class()
        for feld in modell._meta.concrete_fields:
            if isinstance(feld, FSMFieldMixin):
                return dict(feld.flatchoices)
        return {}

    @property
    def von_anzeige(self) -> str:
        return self._zustaende().get(self.von, self.von)

    @property
    def nach_anzeige(self) -> str:
        return self._zustaende().get(self.nach, self.nach)
