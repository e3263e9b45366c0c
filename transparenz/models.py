"""What the public sees: a copy of each published Empfehlung and Steckbrief, written when its
state changes (services.eintrag_abgleichen), never from a draft. The public pages, the open
data and the catalogue read only this table and the published Strategiepapiere, so a draft
cannot leak through a forgotten filter."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.models import SuchvektorManager
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum


class Umsetzungsstand(models.TextChoices):
    NICHT_BEGONNEN = "nicht_begonnen", "noch nicht begonnen"
    IN_UMSETZUNG = "in_umsetzung", "in Umsetzung"
    VERZOEGERT = "verzoegert", "verzögert"
    UMGESETZT = "umgesetzt", "umgesetzt"
    GESTOPPT = "gestoppt", "gestoppt"
    NICHT_UMSETZBAR = "nicht_umsetzbar", "nicht umsetzbar"


class OeffentlicherEintrag(models.Model):
    class Art(models.TextChoices):
        EMPFEHLUNG = "empfehlung", "Handlungsempfehlung"
        MASSNAHME = "massnahme", "Maßnahme"

    SUCHFELDER = ("titel", "text", "zielgruppe")

    art = models.CharField("Art", max_length=12, choices=Art.choices)
    quelle_id = models.PositiveBigIntegerField("Nr. in der Anwendung")
    # Stable public id: the Empfehlung's number ("OST-05"), "M-<nr>" for a Maßnahme.
    kennung = models.CharField("Kennung", max_length=30, unique=True)
    fassung = models.PositiveIntegerField("Fassung")
    titel = models.CharField("Titel", max_length=200)
    text = models.TextField("Beschreibung")
    begruendung = models.TextField("Begründung", blank=True)
    ziele = models.TextField("Ziele", blank=True)
    zielgruppe = models.CharField("Zielgruppe", max_length=200, blank=True)
    traeger = models.CharField("Träger", max_length=200, blank=True)
    merkmale = models.JSONField("Merkmale", default=dict)  # Art, Priorität, Laufzeit …
    handlungsfeld = models.ForeignKey(
        Handlungsfeld, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    federfuehrung = models.ForeignKey(
        Bereich, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beteiligte = models.ManyToManyField(Bereich, blank=True, related_name="+")
    stadtweit = models.BooleanField("stadtweit", default=False)
    sozialraeume = models.ManyToManyField(Sozialraum, blank=True, related_name="+")
    umsetzungsstand = models.CharField(
        "Umsetzungsstand", max_length=20, choices=Umsetzungsstand.choices
    )
    fortschritt = models.PositiveSmallIntegerField("Fortschritt (%)", null=True, blank=True)
    # Only what Sozialplanung released while checking a Meldung (never the Bereich's text).
    sachstand = models.TextField("Sachstand", blank=True)
    sachstand_periode = models.CharField("Sachstand zum", max_length=20, blank=True)
    sachstand_geprueft_am = models.DateField("Sachstand geprüft am", null=True, blank=True)
    verlauf = models.JSONField("Verlauf", default=list)  # [{"datum", "ereignis"}]
    anzahl_anregungen = models.PositiveIntegerField("Anregungen", default=0)
    veranstaltungen = models.JSONField("Veranstaltungen", default=list)
    strategiepapiere = models.JSONField("Strategiepapiere", default=list)
    # The published Fassung's Wirkungsziele with their figures, and the assessments.
    wirkung = models.JSONField("Wirkungsziele", default=list)
    wirkungspruefungen = models.JSONField("Wirkungsprüfungen", default=list)
    beginn = models.DateField("Umsetzung begonnen", null=True, blank=True)
    ende = models.DateField("abgeschlossen", null=True, blank=True)
    neue_fassung_in_arbeit = models.BooleanField("neue Fassung in Arbeit", default=False)
    veroeffentlicht_am = models.DateTimeField("erstmals veröffentlicht")
    aktualisiert_am = models.DateTimeField("aktualisiert am", default=timezone.now)
    # Kept current by a PostgreSQL trigger (German stemming); unused on SQLite.
    suchvektor = SearchVectorField(null=True, editable=False)

    objects = SuchvektorManager()

    class Meta:
        verbose_name = "öffentlicher Eintrag"
        verbose_name_plural = "öffentliche Einträge"
        ordering = ["art", "kennung"]
        constraints = [
            models.UniqueConstraint(
                fields=["art", "quelle_id"], name="oeffentlich_einmal_je_quelle"
            )
        ]
        indexes = [
            models.Index(fields=["art", "umsetzungsstand"]),
            models.Index(fields=["aktualisiert_am"]),
        ]

    def __str__(self) -> str:
        return f"{self.kennung} {self.titel}"

    def get_absolute_url(self) -> str:
        liste = "empfehlungen" if self.art == self.Art.EMPFEHLUNG else "massnahmen"
        return reverse("transparenz_eintrag", args=[liste, self.kennung])
