"""Council papers (Drucksachen) of the city's Ratsinformationssystem, linked to Empfehlungen
and Strategiepapiere: fetched by their OParl Paper URL and refreshed by a task, or entered by
hand where no OParl server is set."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.texte import EINZEILIG
from empfehlungen.models import Handlungsempfehlung
from strategiepapier.models import Strategiepapier


class Ratsvorlage(models.Model):
    oparl_id = models.URLField(
        "OParl-Adresse", max_length=500, unique=True, null=True, blank=True, editable=False
    )
    nummer = models.CharField("Drucksachen-Nr.", max_length=100, blank=True, validators=[EINZEILIG])
    titel = models.CharField("Titel", max_length=500, blank=True, validators=[EINZEILIG])
    datum = models.DateField("Datum", null=True, blank=True)
    art = models.CharField("Art", max_length=200, blank=True, validators=[EINZEILIG])
    web = models.URLField("Link im Ratsinformationssystem", max_length=500, blank=True)
    beschluss = models.CharField("Beschluss", max_length=300, blank=True, validators=[EINZEILIG])
    beschluss_am = models.DateField("Beschluss am", null=True, blank=True)
    gremium = models.CharField(
        "Gremium / Sitzung", max_length=300, blank=True, validators=[EINZEILIG]
    )
    geloescht = models.BooleanField("im Ratsinformationssystem gelöscht", default=False)
    abgerufen_am = models.DateTimeField("zuletzt abgerufen", null=True, blank=True)
    # The last problem while fetching (German); the data above stay as last known.
    abruf_fehler = models.CharField("Abrufproblem", max_length=300, blank=True)
    abruf_fehler_seit = models.DateTimeField("Abrufproblem seit", null=True, blank=True)
    empfehlungen = models.ManyToManyField(
        Handlungsempfehlung, blank=True, related_name="ratsvorlagen", verbose_name="Empfehlungen"
    )
    strategiepapiere = models.ManyToManyField(
        Strategiepapier, blank=True, related_name="ratsvorlagen", verbose_name="Strategiepapiere"
    )
    angelegt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    angelegt_am = models.DateTimeField("angelegt am", default=timezone.now)
    aktualisiert_am = models.DateTimeField("aktualisiert am", auto_now=True)

    class Meta:
        verbose_name = "Ratsvorlage"
        verbose_name_plural = "Ratsvorlagen"
        ordering = ["-datum", "nummer", "pk"]

    def __str__(self) -> str:
        return self.nummer or self.titel or self.oparl_id or f"Ratsvorlage {self.pk}"

    @property
    def manuell(self) -> bool:
        return not self.oparl_id

    @property
    def warnung(self) -> str:
        """What Sozialplanung should know: a fetch problem, a deleted paper."""
        if self.geloescht:
            return "Im Ratsinformationssystem als gelöscht gemeldet; es gelten die zuletzt bekannten Angaben."
        return self.abruf_fehler
