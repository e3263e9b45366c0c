"""The World-Café "Markt der Möglichkeiten": Themeninseln where Bereiche present their offers,
the dots on "Kennen Sie das Angebot?", moderation cards and feedback words."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from core.texte import EINZEILIG, Mehrzeilig
from empfehlungen.models import Anregung, Veranstaltung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Handlungsfeld


class Themeninsel(models.Model):
    """A table of a World-Café where Bereiche present their offers."""

    veranstaltung = models.ForeignKey(
        Veranstaltung,
        on_delete=models.CASCADE,
        related_name="themeninseln",
        verbose_name="Veranstaltung",
    )
    titel = models.CharField("Titel", max_length=200, validators=[EINZEILIG])
    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Handlungsfeld",
    )
    bereiche = models.ManyToManyField(
        Bereich, blank=True, related_name="+", verbose_name="vorstellende Bereiche"
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Themeninsel"
        verbose_name_plural = "Themeninseln"
        ordering = ["veranstaltung", "reihenfolge", "pk"]

    def __str__(self) -> str:
        return self.titel


class Angebotsabfrage(models.Model):
    """Green and red dots on "Kennen Sie das Angebot?" for one offer at one Themeninsel."""

    themeninsel = models.ForeignKey(
        Themeninsel, on_delete=models.CASCADE, related_name="abfragen", verbose_name="Themeninsel"
    )
    steckbrief = models.ForeignKey(
        Massnahmensteckbrief,
        on_delete=models.PROTECT,
        related_name="abfragen",
        verbose_name="Angebot (Maßnahmensteckbrief)",
    )
    ja = models.PositiveIntegerField("ja (bekannt)", default=0)
    nein = models.PositiveIntegerField("nein (unbekannt)", default=0)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Angebotsabfrage"
        verbose_name_plural = "Angebotsabfragen"
        ordering = ["themeninsel", "reihenfolge", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["themeninsel", "steckbrief"],
                name="abfrage_einmal_je_insel",
                violation_error_message="Dieses Angebot steht schon an der Themeninsel.",
            ),
            # Named, so a negative count is refused by the database whatever the backend.
            models.CheckConstraint(condition=Q(ja__gte=0), name="abfrage_ja_nicht_negativ"),
            models.CheckConstraint(condition=Q(nein__gte=0), name="abfrage_nein_nicht_negativ"),
        ]

    def __str__(self) -> str:
        return f"{self.steckbrief}: {self.ja} ja / {self.nein} nein"


class Karte(models.Model):
    """A moderation card written at a Themeninsel; it may become an Anregung."""

    class Art(models.TextChoices):
        BEKANNTER_MACHEN = "bekannter_machen", "Wie bekannter machen?"
        WOHER_BEKANNT = "woher_bekannt", "Woher bekannt?"
        SONSTIGES = "sonstiges", "sonstige Anmerkung"

    veranstaltung = models.ForeignKey(
        Veranstaltung, on_delete=models.CASCADE, related_name="karten", verbose_name="Veranstaltung"
    )
    themeninsel = models.ForeignKey(
        Themeninsel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="karten",
        verbose_name="Themeninsel",
    )
    steckbrief = models.ForeignKey(
        Massnahmensteckbrief,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="karten",
        verbose_name="Angebot",
    )
    art = models.CharField("Art", max_length=20, choices=Art.choices, default=Art.SONSTIGES)
    text = models.TextField("Text", validators=[Mehrzeilig(1_000, 20)])
    anregung = models.OneToOneField(
        Anregung,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="karte",
        verbose_name="Anregung",
        editable=False,
    )

    class Meta:
        verbose_name = "Karte"
        verbose_name_plural = "Karten"
        ordering = ["veranstaltung", "art", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Rueckmeldewort(models.Model):
    """One or two words of the live feedback, with how often they were sent."""

    veranstaltung = models.ForeignKey(
        Veranstaltung,
        on_delete=models.CASCADE,
        related_name="rueckmeldewoerter",
        verbose_name="Veranstaltung",
    )
    wort = models.CharField("Wort", max_length=60, validators=[EINZEILIG])
    anzahl = models.PositiveIntegerField("Anzahl", default=1)

    class Meta:
        verbose_name = "Rückmeldewort"
        verbose_name_plural = "Rückmeldewörter"
        ordering = ["-anzahl", "wort"]
        constraints = [
            # Case-insensitive, as the service counts words ("Toll" and "toll" are one).
            models.UniqueConstraint(
                F("veranstaltung"), Lower("wort"), name="rueckmeldewort_einmal_je_veranstaltung"
            ),
            models.CheckConstraint(
                condition=Q(anzahl__gte=1), name="rueckmeldewort_anzahl_positiv"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wort} ({self.anzahl})"
