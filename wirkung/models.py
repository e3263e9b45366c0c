"""Wirkung: the goals a Handlungsempfehlung or Maßnahmensteckbrief should reach (indicator,
baseline, target), the actual values of the measure's own indicators, and the assessment
whether it worked. Kennzahl indicators read their actual values from the Kennzahlwerte."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.texte import EINZEILIG, TEXT
from empfehlungen.models import Anregung, Handlungsempfehlung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Kennzahl, Sozialquartier, Sozialraum

JAHR = [MinValueValidator(1990), MaxValueValidator(2100)]


class Gegenstand(models.Model):
    """Belongs to exactly one Empfehlung or Steckbrief (two plain keys: joins stay cheap)."""

    empfehlung = models.ForeignKey(
        Handlungsempfehlung,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Handlungsempfehlung",
    )
    steckbrief = models.ForeignKey(
        Massnahmensteckbrief,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Maßnahmensteckbrief",
    )

    class Meta:
        abstract = True

    @property
    def gegenstand(self):
        return self.empfehlung or self.steckbrief


def _genau_ein_gegenstand(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(empfehlung__isnull=False, steckbrief__isnull=True)
        | Q(empfehlung__isnull=True, steckbrief__isnull=False),
        name=name,
        violation_error_message="Gehört entweder zu einer Empfehlung oder zu einem Steckbrief.",
    )


class Wirkungsziel(Gegenstand):
    class Art(models.TextChoices):
        LEISTUNG = "leistung", "Leistung (Output)"
        WIRKUNG = "wirkung", "Wirkung (Outcome)"
        GESELLSCHAFTLICH = "gesellschaftlich", "gesellschaftliche Wirkung (Impact)"

    class Quelle(models.TextChoices):
        KENNZAHL = "kennzahl", "Kennzahl des Gebiets"
        EIGEN = "eigen", "eigener Indikator der Maßnahme"
        QUALITATIV = "qualitativ", "qualitatives Ziel (ohne Zahl)"

    class Richtung(models.TextChoices):
        STEIGEN = "steigen", "soll steigen"
        SINKEN = "sinken", "soll sinken"

    bezeichnung = models.CharField("Indikator", max_length=200, validators=[EINZEILIG])
    art = models.CharField("Art", max_length=20, choices=Art.choices, default=Art.WIRKUNG)
    quelle = models.CharField("Quelle", max_length=20, choices=Quelle.choices)
    richtung = models.CharField(
        "gewünschte Richtung", max_length=10, choices=Richtung.choices, blank=True
    )
    kennzahl = models.ForeignKey(
        Kennzahl,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wirkungsziele",
        verbose_name="Kennzahl",
    )
    # The area a Kennzahl is read for; neither = the whole city.
    sozialraum = models.ForeignKey(
        Sozialraum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Sozialraum",
    )
    sozialquartier = models.ForeignKey(
        Sozialquartier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Sozialquartier",
    )
    einheit = models.CharField("Einheit", max_length=50, blank=True, validators=[EINZEILIG])
    basis_jahr = models.PositiveSmallIntegerField(
        "Ausgangsjahr", null=True, blank=True, validators=JAHR
    )
    basis_wert = models.DecimalField(
        "Ausgangswert", max_digits=14, decimal_places=4, null=True, blank=True
    )
    ziel_jahr = models.PositiveSmallIntegerField("Zieljahr", null=True, blank=True, validators=JAHR)
    ziel_wert = models.DecimalField(
        "Zielwert", max_digits=14, decimal_places=4, null=True, blank=True
    )
    beschreibung = models.TextField(
        "Beschreibung",
        blank=True,
        validators=[TEXT],
        help_text="Was genau gemessen oder erreicht "
        "werden soll; bei qualitativen Zielen das Ziel selbst.",
    )
    pruefung_am = models.DateField(
        "Wirkungsprüfung am",
        null=True,
        blank=True,
        help_text="Zu diesem Tag wird die Sozialplanung an die Wirkungsprüfung erinnert "
        "(außerdem, sobald die Empfehlung umgesetzt ist).",
    )
    fassung = models.PositiveIntegerField("Fassung", default=1, editable=False)
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    history = HistoricalRecords(excluded_fields=["reihenfolge"])

    class Meta:
        verbose_name = "Wirkungsziel"
        verbose_name_plural = "Wirkungsziele"
        ordering = ["reihenfolge", "pk"]
        constraints = [
            _genau_ein_gegenstand("wirkungsziel_ein_gegenstand"),
            models.CheckConstraint(
                condition=Q(sozialraum__isnull=True) | Q(sozialquartier__isnull=True),
                name="wirkungsziel_ein_gebiet",
                violation_error_message="Entweder ein Sozialraum oder ein Sozialquartier.",
            ),
        ]

    def __str__(self) -> str:
        return self.bezeichnung

    @property
    def gebiet(self) -> str:
        return str(self.sozialquartier or self.sozialraum or "Stadt gesamt")

    @property
    def ist_stadt(self) -> bool:
        return self.sozialraum_id is None and self.sozialquartier_id is None

    @property
    def sinken_ist_besser(self) -> bool:
        return self.richtung == self.Richtung.SINKEN


class Istwert(models.Model):
    """An actual value of a measure's own indicator, for a year or one of its quarters."""

    ziel = models.ForeignKey(
        Wirkungsziel, on_delete=models.CASCADE, related_name="istwerte", verbose_name="Ziel"
    )
    jahr = models.PositiveSmallIntegerField("Jahr", validators=JAHR)
    quartal = models.PositiveSmallIntegerField(
        "Quartal",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="Leer: Wert für das ganze Jahr.",
    )
    wert = models.DecimalField("Wert", max_digits=14, decimal_places=4)
    herkunft = models.CharField("Herkunft", max_length=200, blank=True, validators=[EINZEILIG])
    erfasst_am = models.DateTimeField("erfasst am", default=timezone.now)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Istwert"
        verbose_name_plural = "Istwerte"
        ordering = ["ziel", "jahr", "quartal"]
        constraints = [
            models.UniqueConstraint(
                fields=["ziel", "jahr", "quartal"],
                condition=Q(quartal__isnull=False),
                name="istwert_quartal_einmal",
                violation_error_message="Für dieses Quartal gibt es schon einen Istwert.",
            ),
            models.UniqueConstraint(
                fields=["ziel", "jahr"],
                condition=Q(quartal__isnull=True),
                name="istwert_jahr_einmal",
                violation_error_message="Für dieses Jahr gibt es schon einen Istwert.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zeitraum}: {self.wert}"

    @property
    def zeitraum(self) -> str:
        return f"{self.jahr}" if self.quartal is None else f"{self.quartal}. Quartal {self.jahr}"


class Wirkungspruefung(Gegenstand):
    """Sozialplanung's judgement whether the item worked, with the figures it saw frozen."""

    class Urteil(models.TextChoices):
        WIRKSAM = "wirksam", "wirksam"
        TEILWEISE = "teilweise", "teilweise wirksam"
        NICHT_WIRKSAM = "nicht_wirksam", "nicht wirksam"
        NICHT_BEURTEILBAR = "nicht_beurteilbar", "nicht beurteilbar"

    urteil = models.CharField("Urteil", max_length=20, choices=Urteil.choices)
    begruendung = models.TextField("Begründung", validators=[TEXT])
    belege = models.JSONField("Belege (eingefroren)", default=list, editable=False)
    fassung = models.PositiveIntegerField("Fassung", editable=False)
    geprueft_am = models.DateTimeField("geprüft am", default=timezone.now, editable=False)
    geprueft_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    anregung = models.OneToOneField(
        Anregung,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wirkungspruefung",
        editable=False,
        verbose_name="neue Anregung",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Wirkungsprüfung"
        verbose_name_plural = "Wirkungsprüfungen"
        ordering = ["-geprueft_am", "-pk"]
        constraints = [_genau_ein_gegenstand("wirkungspruefung_ein_gegenstand")]

    def __str__(self) -> str:
        return f"{self.gegenstand}: {self.get_urteil_display()}"
