"""The World-Café "Markt der Möglichkeiten": Themeninseln where Bereiche present their offers,
the dots on "Kennen Sie das Angebot?", moderation cards and feedback words."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

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
    # Dots on paper, typed or imported by Sozialplanung ...
    ja = models.PositiveIntegerField("ja (Punkte auf Papier)", default=0)
    nein = models.PositiveIntegerField("nein (Punkte auf Papier)", default=0)
    # ... and taps from phones in a live round, counted by the live service only.
    ja_digital = models.PositiveIntegerField("ja (digital)", default=0, editable=False)
    nein_digital = models.PositiveIntegerField("nein (digital)", default=0, editable=False)
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
            models.CheckConstraint(
                condition=Q(ja_digital__gte=0, nein_digital__gte=0),
                name="abfrage_digital_nicht_negativ",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.steckbrief}: {self.ja_gesamt} ja / {self.nein_gesamt} nein"

    @property
    def ja_gesamt(self) -> int:
        return self.ja + self.ja_digital

    @property
    def nein_gesamt(self) -> int:
        return self.nein + self.nein_digital

    @property
    def n(self) -> int:
        return self.ja_gesamt + self.nein_gesamt

    @property
    def n_digital(self) -> int:
        return self.ja_digital + self.nein_digital


class Karte(models.Model):
    """A moderation card written at a Themeninsel; it may become an Anregung."""

    class Art(models.TextChoices):
        BEKANNTER_MACHEN = "bekannter_machen", "Wie bekannter machen?"
        WOHER_BEKANNT = "woher_bekannt", "Woher bekannt?"
        SONSTIGES = "sonstiges", "sonstige Anmerkung"

    class Quelle(models.TextChoices):
        PAPIER = "papier", "auf Papier"
        DIGITAL = "digital", "digital"

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
    quelle = models.CharField(
        "Quelle", max_length=10, choices=Quelle.choices, default=Quelle.PAPIER, editable=False
    )
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


# --- Live at the event --------------------------------------------------------------------------
class Liverunde(models.Model):
    """A question put to the room while the event runs: participants answer from their phones
    through a short link, the projector page shows the answers as they come in."""

    class Art(models.TextChoices):
        WOERTER = "woerter", "Rückmeldung in ein bis zwei Worten"
        BEKANNTHEIT = "bekanntheit", "Kennen Sie das Angebot?"
        KARTEN = "karten", "Karten"

    veranstaltung = models.ForeignKey(
        Veranstaltung,
        on_delete=models.CASCADE,
        related_name="liverunden",
        verbose_name="Veranstaltung",
    )
    art = models.CharField("Art", max_length=20, choices=Art.choices)
    frage = models.CharField("Frage", max_length=200, validators=[EINZEILIG])
    # Bekanntheit: the offers of this island (none = of every island); cards: written at it.
    themeninsel = models.ForeignKey(
        Themeninsel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="liverunden",
        verbose_name="Themeninsel",
    )
    karten_art = models.CharField(
        "Art der Karten", max_length=20, choices=Karte.Art.choices, blank=True
    )
    kurzcode = models.CharField("Kurzcode", max_length=12, unique=True, editable=False)
    antworten_je_geraet = models.PositiveSmallIntegerField(
        "Antworten je Gerät und Frage",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    endet_um = models.DateTimeField("schließt automatisch um", null=True, blank=True)
    geoeffnet_am = models.DateTimeField("geöffnet am", auto_now_add=True)
    geschlossen_am = models.DateTimeField("geschlossen am", null=True, blank=True, editable=False)
    geoeffnet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "Live-Runde"
        verbose_name_plural = "Live-Runden"
        ordering = ["-geoeffnet_am", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.frage}"

    @property
    def offen(self) -> bool:
        """Closed by hand, or past its set time (no task needed: the clock decides)."""
        if self.geschlossen_am is not None:
            return False
        return self.endet_um is None or timezone.now() < self.endet_um


class Liveantwort(models.Model):
    """One answer from one phone. No person: the device is a hash of a random cookie token,
    salted with the round, so answers cannot be linked across rounds."""

    class Zustand(models.TextChoices):
        SICHTBAR = "sichtbar", "sichtbar"
        GESPERRT = "gesperrt", "automatisch verborgen (Wortliste)"
        VERBORGEN = "verborgen", "verborgen"

    runde = models.ForeignKey(
        Liverunde, on_delete=models.CASCADE, related_name="antworten", verbose_name="Runde"
    )
    geraet = models.CharField("Gerät (Hash)", max_length=64, editable=False)
    eingegangen_am = models.DateTimeField("eingegangen am", auto_now_add=True)
    text = models.TextField("Text", blank=True, validators=[Mehrzeilig(1_000, 20)])
    abfrage = models.ForeignKey(
        Angebotsabfrage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="liveantworten",
        verbose_name="Angebot",
    )
    bekannt = models.BooleanField("bekannt", null=True, blank=True)
    zustand = models.CharField(
        "Zustand", max_length=10, choices=Zustand.choices, default=Zustand.SICHTBAR
    )
    # Whether the answer is in the event's results now (words, dots, cards): hiding and
    # releasing flip it, so each answer is counted exactly once however often it is moderated.
    gezaehlt = models.BooleanField(default=False, editable=False)
    karte = models.OneToOneField(
        Karte,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liveantwort",
        editable=False,
    )
    moderiert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    moderiert_am = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "Live-Antwort"
        verbose_name_plural = "Live-Antworten"
        ordering = ["runde", "pk"]
        indexes = [models.Index(fields=["runde", "geraet"], name="liveantwort_geraet")]

    def __str__(self) -> str:
        if self.abfrage_id:
            return "ja" if self.bekannt else "nein"
        return self.text[:60]


class Sperrwort(models.Model):
    """A word whose answers are hidden until Sozialplanung releases them (insults, names):
    matched case-insensitively at the start of any word of an answer."""

    wort = models.CharField("Wort", max_length=60, unique=True, validators=[EINZEILIG])

    class Meta:
        verbose_name = "Sperrwort (Live-Runden)"
        verbose_name_plural = "Sperrwörter (Live-Runden)"
        ordering = ["wort"]

    def __str__(self) -> str:
        return self.wort
