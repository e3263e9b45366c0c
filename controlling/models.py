"""Controlling: a Berichtsperiode per quarter, a Sachstandsmeldung per item and period, the
reminders sent for it, and the quarterly reports built from it."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import Auftrag
from core.texte import EINZEILIG, KURZTEXT, TEXT
from core.workflow import bedingung, regel
from stammdaten.models import Bereich, Sozialraum


def _tage_liste(text: str) -> list[int]:
    try:
        tage = sorted(
            {int(t) for t in text.replace(";", ",").split(",") if t.strip()}, reverse=True
        )
    except ValueError as e:
        raise ValidationError(
            "Bitte ganze Tage, durch Komma getrennt, angeben (z. B. 14, 3)."
        ) from e
    if any(t < 1 or t > 90 for t in tage):
        raise ValidationError("Jede Vorlaufzeit liegt zwischen 1 und 90 Tagen.")
    return tage


class Einstellung(models.Model):
    """The controlling calendar, one row (edited in the admin)."""

    automatisch_eroeffnen = models.BooleanField(
        "Perioden automatisch eröffnen",
        default=True,
        help_text="Der tägliche Lauf eröffnet die Berichtsperiode des abgelaufenen Quartals.",
    )
    eroeffnung_tage_nach_stichtag = models.PositiveSmallIntegerField(
        "Eröffnung (Tage nach dem Stichtag)",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="1 = am ersten Tag des neuen Quartals.",
    )
    frist_tage_nach_stichtag = models.PositiveSmallIntegerField(
        "Frist (Tage nach dem Stichtag)",
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(90)],
    )
    erinnerung_tage_vor_frist = models.CharField(
        "Erinnerungen (Tage vor der Frist)",
        max_length=50,
        default="14, 3",
        help_text="Durch Komma getrennt; je Meldung geht jede Erinnerung höchstens einmal.",
    )
    eskalation_tage_nach_frist = models.PositiveSmallIntegerField(
        "Eskalation an die Bereichsleitung (Tage nach der Frist)",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    uebersicht_wochentag = models.PositiveSmallIntegerField(
        "Wochenübersicht für die Sozialplanung am",
        default=0,
        choices=[
            (i, n)
            for i, n in enumerate(
                ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
            )
        ],
    )

    class Meta:
        verbose_name = "Controlling-Einstellung"
        verbose_name_plural = "Controlling-Einstellungen"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="einstellung_nur_eine")]

    def __str__(self) -> str:
        return "Controlling-Kalender"

    def clean(self) -> None:
        try:
            tage = _tage_liste(self.erinnerung_tage_vor_frist)
        except ValidationError as e:
            raise ValidationError({"erinnerung_tage_vor_frist": e.messages}) from e
        offen_tage = self.frist_tage_nach_stichtag - self.eroeffnung_tage_nach_stichtag
        if offen_tage < 1:
            raise ValidationError(
                {"eroeffnung_tage_nach_stichtag": "Die Eröffnung muss vor der Frist liegen."}
            )
        if tage and max(tage) >= offen_tage:
            raise ValidationError(
                {
                    "erinnerung_tage_vor_frist": "Erinnerungen müssen nach der Eröffnung liegen "
                    f"(die Periode ist {offen_tage} Tage offen)."
                }
            )

    @property
    def erinnerung_tage(self) -> list[int]:
        """Lead times, longest first."""
        return _tage_liste(self.erinnerung_tage_vor_frist)

    @classmethod
    def aktuell(cls) -> Einstellung:
        return cls.objects.get_or_create(pk=1)[0]


def quartal_von(tag: date) -> tuple[int, int]:
    return tag.year, (tag.month - 1) // 3 + 1


def quartalsende(jahr: int, quartal: int) -> date:
    monat = quartal * 3
    return date(jahr, monat, calendar.monthrange(jahr, monat)[1])


def vorquartal(jahr: int, quartal: int) -> tuple[int, int]:
    return (jahr, quartal - 1) if quartal > 1 else (jahr - 1, 4)


class Berichtsperiode(models.Model):
    """One quarter's reporting: the Sachstand as of the Stichtag (quarter end), due by the Frist."""

    jahr = models.PositiveSmallIntegerField(
        "Jahr", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quartal = models.PositiveSmallIntegerField(
        "Quartal", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    stichtag = models.DateField("Stichtag")
    frist = models.DateField("Frist")
    eroeffnet_am = models.DateTimeField("eröffnet am", default=timezone.now)
    eroeffnet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="eröffnet von",
        help_text="Leer: automatisch eröffnet.",
    )
    abgeschlossen_am = models.DateTimeField("abgeschlossen am", null=True, blank=True)

    class Meta:
        verbose_name = "Berichtsperiode"
        verbose_name_plural = "Berichtsperioden"
        ordering = ["-jahr", "-quartal"]
        constraints = [
            models.UniqueConstraint(fields=["jahr", "quartal"], name="periode_eindeutig"),
            models.CheckConstraint(
                condition=Q(quartal__gte=1, quartal__lte=4), name="periode_quartal_1_bis_4"
            ),
            models.CheckConstraint(
                condition=Q(frist__gt=models.F("stichtag")), name="periode_frist_nach_stichtag"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quartal}. Quartal {self.jahr}"

    @property
    def kurz(self) -> str:
        return f"Q{self.quartal}/{self.jahr}"

    @property
    def offen(self) -> bool:
        return self.abgeschlossen_am is None

    @property
    def beginn(self) -> date:
        return date(self.jahr, self.quartal * 3 - 2, 1)

    def frist_abgelaufen(self, heute: date | None = None) -> bool:
        return (heute or timezone.localdate()) > self.frist

    @staticmethod
    def termine(jahr: int, quartal: int, einstellung: Einstellung) -> dict[str, date]:
        stichtag = quartalsende(jahr, quartal)
        return {
            "stichtag": stichtag,
            "frist": stichtag + timedelta(days=einstellung.frist_tage_nach_stichtag),
            "eroeffnung": stichtag + timedelta(days=einstellung.eroeffnung_tage_nach_stichtag),
        }


class Umsetzungsstatus(models.TextChoices):
    NICHT_BEGONNEN = "nicht_begonnen", "nicht begonnen"
    IN_UMSETZUNG = "in_umsetzung", "in Umsetzung"
    UMGESETZT = "umgesetzt", "umgesetzt"
    VERZOEGERT = "verzoegert", "verzögert"
    GESTOPPT = "gestoppt", "gestoppt"


class Ampel(models.TextChoices):
    GRUEN = "gruen", "grün"
    GELB = "gelb", "gelb"
    ROT = "rot", "rot"


AMPEL_REGEL = (
    "Rot: gestoppt, oder verzögert und Hindernisse benannt. "
    "Gelb: verzögert, nicht begonnen, oder Hindernisse benannt. "
    "Grün: in Umsetzung oder umgesetzt, ohne Hindernisse."
)


def ampel_fuer(status: str, hindernisse: str) -> str:
    """The Ampel follows from the report (AMPEL_REGEL), so it cannot contradict it."""
    hindernis = bool(hindernisse.strip())
    if status == Umsetzungsstatus.GESTOPPT or (status == Umsetzungsstatus.VERZOEGERT and hindernis):
        return Ampel.ROT
    if status in (Umsetzungsstatus.VERZOEGERT, Umsetzungsstatus.NICHT_BEGONNEN) or hindernis:
        return Ampel.GELB
    return Ampel.GRUEN


class Meldestatus(models.TextChoices):
    ANGEFORDERT = "angefordert", "angefordert"
    IN_BEARBEITUNG = "in_bearbeitung", "in Bearbeitung"
    EINGEREICHT = "eingereicht", "eingereicht"
    GEPRUEFT = "geprueft", "geprüft"
    ZURUECKGEGEBEN = "zurueckgegeben", "zurückgegeben"


M = Meldestatus
OFFEN = [M.ANGEFORDERT, M.IN_BEARBEITUNG, M.ZURUECKGEGEBEN]
VORGELEGT = [M.EINGEREICHT, M.GEPRUEFT]


@bedingung("Die Berichtsperiode ist abgeschlossen.")
def _periode_offen(meldung) -> bool:
    return meldung.periode.abgeschlossen_am is None


@bedingung("Bitte zuerst den Umsetzungsstatus und den Sachstand eintragen.")
def _vollstaendig(meldung) -> bool:
    return bool(meldung.umsetzungsstatus and meldung.sachstand.strip())


class Sachstandsmeldung(FSMModelMixin, models.Model):
    """What the responsible Bereich reports on one item for one Berichtsperiode.

    Title, number and area are copied when the Meldung is requested, so a report rebuilt later
    shows the item as it stood then."""

    periode = models.ForeignKey(
        Berichtsperiode,
        on_delete=models.PROTECT,
        related_name="meldungen",
        verbose_name="Berichtsperiode",
    )
    empfehlung = models.ForeignKey(
        "empfehlungen.Handlungsempfehlung",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sachstandsmeldungen",
        verbose_name="Handlungsempfehlung",
    )
    steckbrief = models.ForeignKey(
        "massnahmen.Massnahmensteckbrief",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sachstandsmeldungen",
        verbose_name="Maßnahmensteckbrief",
    )
    bereich = models.ForeignKey(
        Bereich,
        on_delete=models.PROTECT,
        related_name="sachstandsmeldungen",
        verbose_name="Bereich",
    )
    # As of the request:
    nummer = models.CharField("Nummer", max_length=30, blank=True, validators=[EINZEILIG])
    titel = models.CharField("Titel", max_length=200, validators=[EINZEILIG])
    stadtweit = models.BooleanField("stadtweit", default=False)
    sozialraeume = models.ManyToManyField(
        Sozialraum, blank=True, related_name="+", verbose_name="Sozialräume"
    )

    status = FSMField(
        "Status", default=M.ANGEFORDERT, choices=M.choices, protected=True, max_length=20
    )
    umsetzungsstatus = models.CharField(
        "Umsetzungsstatus", max_length=20, choices=Umsetzungsstatus.choices, blank=True
    )
    ampel = models.CharField("Ampel", max_length=10, choices=Ampel.choices, blank=True)
    fortschritt = models.PositiveSmallIntegerField(
        "Fortschritt (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    sachstand = models.TextField("Sachstand", blank=True, validators=[TEXT])
    naechste_schritte = models.TextField("nächste Schritte", blank=True, validators=[TEXT])
    hindernisse = models.TextField("Hindernisse", blank=True, validators=[TEXT])
    # Only for Steckbriefe:
    laufzeit_bis = models.DateField("Laufzeit bis", null=True, blank=True)
    befristet = models.BooleanField("befristet", default=False)
    finanzierung = models.TextField("Finanzierung", blank=True, validators=[KURZTEXT])

    # Laufzeit and Finanzierung as the Steckbrief had them when asked: only what the Bereich
    # changed against these is written back (a Verlängerung entered since is kept).
    vorbefuellung = models.JSONField("vorbefüllt mit", default=dict, blank=True, editable=False)
    vorbefuellt_aus = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vorbefüllt aus",
    )
    rueckgabe_grund = models.TextField("Grund der Rückgabe", blank=True, validators=[TEXT])
    angefordert_am = models.DateTimeField("angefordert am", default=timezone.now)
    geaendert_am = models.DateTimeField("geändert am", null=True, blank=True)
    geaendert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geändert von",
    )
    eingereicht_am = models.DateTimeField("eingereicht am", null=True, blank=True)
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="eingereicht von",
    )
    geprueft_am = models.DateTimeField("geprüft am", null=True, blank=True)
    # Released by Sozialplanung while checking: the only text of a Meldung the public sees.
    oeffentlicher_sachstand = models.TextField(
        "öffentliche Zusammenfassung",
        blank=True,
        validators=[TEXT],
        help_text="Erscheint auf den öffentlichen Transparenzseiten; ohne Namen und interne "
        "Details. Leer: dort stehen nur Status und Fortschritt.",
    )
    version = models.PositiveIntegerField("Version", default=0, editable=False)

    Status = Meldestatus
    UEBERGAENGE = {
        "bearbeiten": "Bearbeiten",
        "einreichen": "Einreichen",
        "pruefen": "Als geprüft bestätigen",
        "zurueckgeben": "Zurückgeben",
    }

    class Meta:
        verbose_name = "Sachstandsmeldung"
        verbose_name_plural = "Sachstandsmeldungen"
        ordering = ["periode", "nummer", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(empfehlung__isnull=True, steckbrief__isnull=False)
                | Q(empfehlung__isnull=False, steckbrief__isnull=True),
                name="meldung_genau_ein_gegenstand",
            ),
            models.UniqueConstraint(
                fields=["periode", "empfehlung"],
                condition=Q(empfehlung__isnull=False),
                name="meldung_je_empfehlung_und_periode",
            ),
            models.UniqueConstraint(
                fields=["periode", "steckbrief"],
                condition=Q(steckbrief__isnull=False),
                name="meldung_je_steckbrief_und_periode",
            ),
        ]
        indexes = [
            models.Index(fields=["periode", "bereich", "status"]),
            models.Index(fields=["periode", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.periode.kurz} · {self.bezeichnung}"

    @property
    def gegenstand(self):
        return self.empfehlung if self.empfehlung_id else self.steckbrief

    @property
    def art(self) -> str:
        return "Handlungsempfehlung" if self.empfehlung_id else "Maßnahmensteckbrief"

    @property
    def bezeichnung(self) -> str:
        return f"{self.nummer} {self.titel}".strip()

    @property
    def ist_offen(self) -> bool:
        return self.status in OFFEN

    @property
    def bearbeitbar(self) -> bool:
        return self.status in OFFEN and self.periode.abgeschlossen_am is None

    def inhalt_fehler(self, daten: dict) -> dict[str, str]:
        """What is wrong with these contents (field -> German message); empty when nothing.
        The services ask it for every way in, so a form, an import and the API agree."""
        fehler = {}
        status, fortschritt = daten.get("umsetzungsstatus"), daten.get("fortschritt")
        if status and status not in Umsetzungsstatus.values:
            fehler["umsetzungsstatus"] = "Bitte einen der angebotenen Umsetzungsstände wählen."
        if fortschritt is not None and not 0 <= fortschritt <= 100:
            fehler["fortschritt"] = "Der Fortschritt liegt zwischen 0 und 100 %."
        elif status == Umsetzungsstatus.UMGESETZT and fortschritt not in (None, 100):
            fehler["fortschritt"] = "Umgesetzt heißt 100 % Fortschritt."
        elif status == Umsetzungsstatus.NICHT_BEGONNEN and fortschritt:
            fehler["fortschritt"] = "Nicht begonnen heißt 0 % Fortschritt."
        if self.steckbrief_id:
            bis = daten.get("laufzeit_bis")
            if daten.get("befristet") and not bis:
                fehler["laufzeit_bis"] = "Ein befristetes Angebot braucht ein Laufzeitende."
            elif bis and self.steckbrief.laufzeit_von and bis < self.steckbrief.laufzeit_von:
                fehler["laufzeit_bis"] = (
                    "Das Laufzeitende liegt vor dem Beginn "
                    f"({self.steckbrief.laufzeit_von:%d.%m.%Y})."
                )
        return fehler

    def verspaetet(self, heute: date | None = None) -> bool:
        """Submitted after the Frist, or still missing after it."""
        if self.eingereicht_am:
            return timezone.localdate(self.eingereicht_am) > self.periode.frist
        return self.periode.frist_abgelaufen(heute)

    # --- Transitions (run through core.workflow.uebergang) ---------------------------------
    schreiben = regel("controlling.meldung_schreiben")
    pruefen_regel = regel("controlling.meldung_pruefen")

    @transition(
        status,
        source=[M.ANGEFORDERT, M.ZURUECKGEGEBEN],
        target=M.IN_BEARBEITUNG,
        conditions=[_periode_offen],
        permission=schreiben,
    )
    def bearbeiten(self):
        pass

    @transition(
        status,
        source=OFFEN,
        target=M.EINGEREICHT,
        conditions=[_periode_offen, _vollstaendig],
        permission=schreiben,
    )
    def einreichen(self, *, von):
        self.eingereicht_am = timezone.now()
        self.eingereicht_von = von
        self.rueckgabe_grund = ""

    @transition(
        status,
        source=M.EINGEREICHT,
        target=M.GEPRUEFT,
        conditions=[_periode_offen],
        permission=pruefen_regel,
    )
    def pruefen(self, oeffentlicher_sachstand: str = ""):
        self.geprueft_am = timezone.now()
        self.oeffentlicher_sachstand = oeffentlicher_sachstand

    @transition(
        status,
        source=[M.EINGEREICHT, M.GEPRUEFT],
        target=M.ZURUECKGEGEBEN,
        conditions=[_periode_offen],
        permission=pruefen_regel,
    )
    def zurueckgeben(self, *, grund: str):
        self.rueckgabe_grund = grund
        self.geprueft_am = None

    del schreiben, pruefen_regel


class Erinnerung(models.Model):
    """The log that keeps every reminder to at most one per recipient, Meldung and kind."""

    class Art(models.TextChoices):
        VOR_FRIST = "vor_frist", "Erinnerung vor der Frist"
        ESKALATION = "eskalation", "Eskalation an die Bereichsleitung"

    meldung = models.ForeignKey(
        Sachstandsmeldung, on_delete=models.CASCADE, related_name="erinnerungen"
    )
    empfaenger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    art = models.CharField("Art", max_length=20, choices=Art.choices)
    tage = models.SmallIntegerField("Tage vor der Frist", default=0)
    # The log is immutable (core/unveraenderlich.py): its notification cannot be deleted.
    benachrichtigung = models.ForeignKey(
        "notifications.Benachrichtigung",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gesendet_am = models.DateTimeField("am", default=timezone.now)

    class Meta:
        verbose_name = "Erinnerung"
        verbose_name_plural = "Erinnerungen"
        constraints = [
            models.UniqueConstraint(
                fields=["meldung", "empfaenger", "art", "tage"], name="erinnerung_einmal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()} an {self.empfaenger} ({self.meldung_id})"


class Controllingbericht(Auftrag):
    """One build of a period's report: progress while the task runs, then the two files."""

    periode = models.ForeignKey(Berichtsperiode, on_delete=models.PROTECT, related_name="berichte")
    pdf = models.FileField("PDF", upload_to="controlling/", blank=True)
    xlsx = models.FileField("XLSX", upload_to="controlling/", blank=True)

    class Meta:
        verbose_name = "Controllingbericht"
        verbose_name_plural = "Controllingberichte"
        ordering = ["-angefordert_am", "-pk"]

    def __str__(self) -> str:
        return f"Controllingbericht {self.periode} ({self.get_status_display()})"
