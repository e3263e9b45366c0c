from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import SuchvektorManager
from core.texte import EINZEILIG, LANGTEXT, LISTE, TEXT
from core.workflow import bedingung, regel
from freigabe.models import Freigabeobjekt, statusfeld
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Handlungsfeld, Sozialraum


class Veranstaltung(models.Model):
    class Format(models.TextChoices):
        EXPERTINNENDIALOG = "expertinnendialog", "Expert*innendialog"
        WORLD_CAFE = "world_cafe", "World-Café"
        SONSTIGES = "sonstiges", "Sonstiges"

    titel = models.CharField(
        "Titel",
        max_length=200,
        blank=True,
        help_text="Leer lassen für „Format – Sozialraum“.",
        validators=[EINZEILIG],
    )
    sozialraum = models.ForeignKey(
        Sozialraum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="veranstaltungen",
        verbose_name="Sozialraum",
        help_text="Leer bei stadtweiten Veranstaltungen.",
    )
    datum = models.DateField("Datum")
    runde = models.PositiveSmallIntegerField("Runde", default=1, validators=[MinValueValidator(1)])
    format = models.CharField(
        "Format", max_length=20, choices=Format.choices, default=Format.EXPERTINNENDIALOG
    )
    teilnehmende = models.PositiveIntegerField("Teilnehmende", null=True, blank=True)
    institutionen = models.TextField(
        "Institutionen",
        blank=True,
        help_text="Eine Institution je Zeile.",
        validators=[LISTE],
    )
    notizen = models.TextField("Notizen", blank=True, validators=[TEXT])

    class Meta:
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"
        ordering = ["-datum", "pk"]

    def __str__(self) -> str:
        return f"{self.bezeichnung} ({self.datum:%d.%m.%Y})"

    @property
    def bezeichnung(self) -> str:
        if self.titel:
            return self.titel
        ort = self.sozialraum.name if self.sozialraum_id else "stadtweit"
        return f"{self.get_format_display()} {ort}"

    def institutionen_liste(self) -> list[str]:
        return [z.strip() for z in self.institutionen.splitlines() if z.strip()]


class Anregung(FSMModelMixin, models.Model):
    """One suggestion from a card or the minutes; it ends, traceably, in one outcome."""

    class Status(models.TextChoices):
        EINGEGANGEN = "eingegangen", "eingegangen"
        IN_RECHERCHE = "in_recherche", "in Recherche"
        ANGEBOT_VORHANDEN = "angebot_vorhanden", "Angebot vorhanden"
        STATISTIKPRUEFUNG = "statistikpruefung", "Statistikprüfung"
        BEDARF_BELEGT = "bedarf_belegt", "Bedarf belegt"
        BEDARF_NICHT_BELEGT = "bedarf_nicht_belegt", "Bedarf nicht belegt"
        DUBLETTE = "dublette", "Dublette"
        NICHT_ZUSTAENDIG = "nicht_zustaendig", "nicht zuständig"
        VERKNUEPFT = "verknuepft", "verknüpft"

    # Full-text search and similarity use these fields (PostgreSQL: one GIN index on them).
    SUCHFELDER = ("text", "zielgruppe")
    # Outcomes that need nothing more.
    ABGESCHLOSSEN = {
        Status.VERKNUEPFT,
        Status.DUBLETTE,
        Status.NICHT_ZUSTAENDIG,
        Status.BEDARF_NICHT_BELEGT,
    }
    UEBERGAENGE = {
        "recherche_beginnen": "Recherche beginnen",
        "angebot_vorhanden": "Angebot vorhanden",
        "zur_statistikpruefung": "Zur Statistikprüfung",
        "als_dublette": "Als Dublette schließen",
        "nicht_zustaendig": "Nicht zuständig",
        "bedarf_belegt": "Bedarf belegt",
        "bedarf_nicht_belegt": "Bedarf nicht belegt",
        "verknuepfen": "Verknüpfen",
        "wieder_aufnehmen": "Wieder in Recherche",
    }

    text = models.TextField("Text", validators=[TEXT])
    veranstaltung = models.ForeignKey(
        Veranstaltung,
        db_index=False,  # leading column of a composite index below
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anregungen",
        verbose_name="Veranstaltung",
    )
    quelle = models.CharField(
        "andere Quelle",
        max_length=200,
        blank=True,
        help_text="Wenn die Anregung nicht aus einer Veranstaltung stammt.",
        validators=[EINZEILIG],
    )
    sozialraum = models.ForeignKey(
        Sozialraum,
        db_index=False,  # leading column of a composite index below
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anregungen",
        verbose_name="Sozialraum",
        help_text="Leer = stadtweit.",
    )
    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        db_index=False,  # leading column of a composite index below
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anregungen",
        verbose_name="Handlungsfeld",
    )
    zielgruppe = models.CharField("Zielgruppe", max_length=200, blank=True, validators=[EINZEILIG])
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="erfasst von",
    )
    erfasst_am = models.DateTimeField("erfasst am", default=timezone.now)
    zustaendig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,  # leading column of a composite index below
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zugewiesene_anregungen",
        verbose_name="zuständig",
    )
    status = FSMField(
        "Status", default=Status.EINGEGANGEN, choices=Status.choices, protected=True, max_length=30
    )
    steckbrief = models.ForeignKey(
        Massnahmensteckbrief,
        db_index=False,  # partial index below: most cards have none
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anregungen",
        verbose_name="Maßnahmensteckbrief",
    )
    dublette_von_anregung = models.ForeignKey(
        "self",
        db_index=False,  # partial index below: most cards have none
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dubletten",
        verbose_name="Dublette von Anregung",
    )
    dublette_von_empfehlung = models.ForeignKey(
        "Handlungsempfehlung",
        db_index=False,  # partial index below: most cards have none
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dubletten",
        verbose_name="Dublette von Empfehlung",
    )
    abschluss_grund = models.TextField("Begründung", blank=True, validators=[TEXT])
    # Kept current by a PostgreSQL trigger (German stemming); unused on SQLite.
    suchvektor = SearchVectorField(null=True, editable=False)

    objects = SuchvektorManager()

    class Meta:
        verbose_name = "Anregung"
        verbose_name_plural = "Anregungen"
        ordering = ["-erfasst_am", "-pk"]
        indexes = [
            models.Index(fields=["-erfasst_am", "-id"], name="anregung_neueste"),
            models.Index(fields=["status", "-erfasst_am"]),
            models.Index(fields=["sozialraum", "status"]),
            models.Index(fields=["handlungsfeld", "status"]),
            models.Index(fields=["veranstaltung", "status"]),
            # Most cards are unassigned and unlinked: partial indexes stay small and cost
            # nothing when a card without these is written (imports of thousands).
            models.Index(
                fields=["zustaendig", "status"],
                condition=Q(zustaendig__isnull=False),
                name="anregung_zustaendig",
            ),
            models.Index(
                fields=["steckbrief"],
                condition=Q(steckbrief__isnull=False),
                name="anregung_steckbrief",
            ),
            models.Index(
                fields=["dublette_von_anregung"],
                condition=Q(dublette_von_anregung__isnull=False),
                name="anregung_dublette_anregung",
            ),
            models.Index(
                fields=["dublette_von_empfehlung"],
                condition=Q(dublette_von_empfehlung__isnull=False),
                name="anregung_dublette_empfehlung",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(dublette_von_anregung=models.F("pk")),
                name="anregung_nicht_dublette_von_sich",
                violation_error_message="Eine Anregung kann keine Dublette von sich selbst sein.",
            ),
        ]

    def __str__(self) -> str:
        kurz = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"A-{self.pk}: {kurz}"

    @property
    def nummer(self) -> str:
        return f"A-{self.pk}"

    @property
    def abgeschlossen(self) -> bool:
        return self.status in self.ABGESCHLOSSEN

    @property
    def gebiet(self) -> str:
        return self.sozialraum.name if self.sozialraum_id else "stadtweit"

    def herkunft_fehler(self) -> dict[str, str]:
        """Every Anregung comes from a Veranstaltung or names its source (form, import, API)."""
        if self.veranstaltung_id is None and not (self.quelle or "").strip():
            return {"quelle": "Ohne Veranstaltung braucht jede Anregung eine Quelle."}
        return {}

    def letzte_pruefung(self):
        return self.statistikpruefungen.order_by("-erstellt_am", "-pk").first()

    # --- Conditions -------------------------------------------------------------------------
    @bedingung("Bitte zuerst den Maßnahmensteckbrief des vorhandenen Angebots verknüpfen.")
    def hat_steckbrief(self) -> bool:
        return self.steckbrief_id is not None

    @bedingung("Bitte angeben, wovon die Anregung eine Dublette ist (Anregung oder Empfehlung).")
    def hat_original(self) -> bool:
        return (
            self.dublette_von_anregung_id is not None and self.dublette_von_anregung_id != self.pk
        ) or self.dublette_von_empfehlung_id is not None

    @bedingung("Bitte begründen, warum die Stadt nicht zuständig ist.")
    def hat_grund(self) -> bool:
        return bool(self.abschluss_grund.strip())

    @bedingung("Es fehlt eine Statistikprüfung mit dem Ergebnis „Bedarf belegt“.")
    def pruefung_belegt(self) -> bool:
        pruefung = self.letzte_pruefung()
        return pruefung is not None and pruefung.ergebnis == Statistikpruefung.Ergebnis.BELEGT

    @bedingung("Es fehlt eine Statistikprüfung mit dem Ergebnis „Bedarf nicht belegt“.")
    def pruefung_nicht_belegt(self) -> bool:
        pruefung = self.letzte_pruefung()
        return pruefung is not None and pruefung.ergebnis == Statistikpruefung.Ergebnis.NICHT_BELEGT

    @bedingung("Ein belegter Bedarf braucht eine verknüpfte Handlungsempfehlung.")
    def belegt_hat_empfehlung(self) -> bool:
        return self.status != self.Status.BEDARF_BELEGT or self.empfehlungen.exists()

    @bedingung(
        "Das Angebot ist befristet: Bitte eine Handlungsempfehlung zur Verlängerung oder "
        "Verstetigung verknüpfen."
    )
    def befristet_hat_verlaengerung(self) -> bool:
        if self.status != self.Status.ANGEBOT_VORHANDEN or not self.steckbrief_id:
            return True
        if not self.steckbrief.befristet:
            return True
        return self.empfehlungen.filter(art__in=Handlungsempfehlung.ARTEN_BESTAND).exists()

    # --- Transitions --------------------------------------------------------------------------
    S = Status
    darf = regel("empfehlungen.anregung_bearbeiten")

    @transition(status, source=S.EINGEGANGEN, target=S.IN_RECHERCHE, permission=darf)
    def recherche_beginnen(self):
        pass

    @transition(
        status,
        source=S.IN_RECHERCHE,
        target=S.ANGEBOT_VORHANDEN,
        permission=darf,
        conditions=[hat_steckbrief],
    )
    def angebot_vorhanden(self):
        pass

    @transition(status, source=S.IN_RECHERCHE, target=S.STATISTIKPRUEFUNG, permission=darf)
    def zur_statistikpruefung(self):
        pass

    @transition(
        status,
        source=S.IN_RECHERCHE,
        target=S.DUBLETTE,
        permission=darf,
        conditions=[hat_original],
    )
    def als_dublette(self):
        pass

    @transition(
        status,
        source=S.IN_RECHERCHE,
        target=S.NICHT_ZUSTAENDIG,
        permission=darf,
        conditions=[hat_grund],
    )
    def nicht_zustaendig(self):
        pass

    @transition(
        status,
        source=S.STATISTIKPRUEFUNG,
        target=S.BEDARF_BELEGT,
        permission=darf,
        conditions=[pruefung_belegt],
    )
    def bedarf_belegt(self):
        pass

    @transition(
        status,
        source=S.STATISTIKPRUEFUNG,
        target=S.BEDARF_NICHT_BELEGT,
        permission=darf,
        conditions=[pruefung_nicht_belegt],
    )
    def bedarf_nicht_belegt(self):
        pass

    @transition(
        status,
        source=[S.BEDARF_BELEGT, S.ANGEBOT_VORHANDEN],
        target=S.VERKNUEPFT,
        permission=darf,
        conditions=[belegt_hat_empfehlung, befristet_hat_verlaengerung],
    )
    def verknuepfen(self):
        pass

    @transition(
        status,
        source=[
            S.ANGEBOT_VORHANDEN,
            S.STATISTIKPRUEFUNG,
            S.BEDARF_BELEGT,
            S.BEDARF_NICHT_BELEGT,
            S.DUBLETTE,
            S.NICHT_ZUSTAENDIG,
        ],
        target=S.IN_RECHERCHE,
        permission=darf,
    )
    def wieder_aufnehmen(self):
        pass

    del S, darf


class Statistikpruefung(models.Model):
    """Does the data back the demand? The figures seen are stored with the verdict, so a later
    data update does not rewrite the evidence."""

    class Ergebnis(models.TextChoices):
        BELEGT = "belegt", "Bedarf belegt"
        NICHT_BELEGT = "nicht_belegt", "Bedarf nicht belegt"

    anregung = models.ForeignKey(
        Anregung,
        on_delete=models.CASCADE,
        related_name="statistikpruefungen",
        verbose_name="Anregung",
    )
    sozialraum = models.ForeignKey(
        Sozialraum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Sozialraum",
    )
    jahr = models.PositiveSmallIntegerField("Jahr")
    basisjahr = models.PositiveSmallIntegerField("Basisjahr")
    ergebnis = models.CharField("Ergebnis", max_length=20, choices=Ergebnis.choices)
    begruendung = models.TextField("Begründung", validators=[TEXT])
    werte = models.JSONField("gesehene Kennzahlwerte", default=list)
    sozialindex = models.JSONField("gesehener Sozialindex", default=dict)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="geprüft von",
    )
    erstellt_am = models.DateTimeField("geprüft am", default=timezone.now)

    class Meta:
        verbose_name = "Statistikprüfung"
        verbose_name_plural = "Statistikprüfungen"
        ordering = ["-erstellt_am", "-pk"]

    def __str__(self) -> str:
        return f"Statistikprüfung {self.anregung.nummer}: {self.get_ergebnis_display()}"

    @property
    def ausgewaehlte_werte(self) -> list[dict]:
        return [w for w in self.werte if w.get("ausgewaehlt")]


class Nummernkreis(models.Model):
    """Last number used per Sozialraum code (or STADT); locked while a number is drawn."""

    kuerzel = models.CharField("Kürzel", max_length=10, unique=True)
    letzte_nummer = models.PositiveIntegerField("letzte Nummer", default=0)

    class Meta:
        verbose_name = "Nummernkreis"
        verbose_name_plural = "Nummernkreise"

    def __str__(self) -> str:
        return f"{self.kuerzel}: {self.letzte_nummer}"


class Empfehlungsstatus(models.TextChoices):
    ENTWURF = "entwurf", "Entwurf"
    IN_ABSTIMMUNG = "in_abstimmung", "in Abstimmung"
    ZUR_FREIGABE = "zur_freigabe", "zur Freigabe"
    FREIGEGEBEN = "freigegeben", "freigegeben"
    VEROEFFENTLICHT = "veroeffentlicht", "veröffentlicht"
    IN_UMSETZUNG = "in_umsetzung", "in Umsetzung"
    UMGESETZT = "umgesetzt", "umgesetzt"
    NICHT_UMSETZBAR = "nicht_umsetzbar", "nicht umsetzbar"
    ZURUECKGEZOGEN = "zurueckgezogen", "zurückgezogen"


class Handlungsempfehlung(Freigabeobjekt):
    class Art(models.TextChoices):
        NEU = "neu", "neues Angebot"
        VERLAENGERUNG = "verlaengerung", "Verlängerung"
        VERSTETIGUNG = "verstetigung", "Verstetigung"

    class Prioritaet(models.TextChoices):
        HOCH = "hoch", "hoch"
        MITTEL = "mittel", "mittel"
        NIEDRIG = "niedrig", "niedrig"

    class Zeithorizont(models.TextChoices):
        KURZ = "kurzfristig", "kurzfristig (bis 1 Jahr)"
        MITTEL = "mittelfristig", "mittelfristig (1–3 Jahre)"
        LANG = "langfristig", "langfristig (über 3 Jahre)"

    TYP = "empfehlung"
    ANSEHEN = "empfehlungen.empfehlung_ansehen"
    ZUSAMMENFASSUNG = "empfehlungen/partials/zusammenfassung.html"
    SUCHFELDER = ("titel", "text")
    Status = Empfehlungsstatus
    UEBERGAENGE = {
        **Freigabeobjekt.UEBERGAENGE,
        "umsetzung_beginnen": "Umsetzung beginnt",
        "als_umgesetzt": "Umgesetzt",
        "als_nicht_umsetzbar": "Nicht umsetzbar",
    }

    ARTEN_BESTAND = [Art.VERLAENGERUNG, Art.VERSTETIGUNG]
    STADTWEIT_KUERZEL = "STADT"

    nummernkreis = models.CharField("Nummernkreis", max_length=10, editable=False)
    laufende_nummer = models.PositiveIntegerField("laufende Nummer", editable=False)
    text = models.TextField("Empfehlung", validators=[LANGTEXT])
    begruendung = models.TextField("Begründung", blank=True, validators=[LANGTEXT])
    art = models.CharField("Art", max_length=20, choices=Art.choices, default=Art.NEU)
    prioritaet = models.CharField(
        "Priorität", max_length=10, choices=Prioritaet.choices, default=Prioritaet.MITTEL
    )
    zeithorizont = models.CharField(
        "Zeithorizont", max_length=20, choices=Zeithorizont.choices, default=Zeithorizont.MITTEL
    )
    anregungen = models.ManyToManyField(
        Anregung, blank=True, related_name="empfehlungen", verbose_name="Anregungen"
    )
    steckbrief = models.ForeignKey(
        Massnahmensteckbrief,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="empfehlungen",
        verbose_name="Maßnahmensteckbrief",
    )
    status = statusfeld(Empfehlungsstatus.choices)

    class Meta:
        verbose_name = "Handlungsempfehlung"
        verbose_name_plural = "Handlungsempfehlungen"
        ordering = ["nummernkreis", "laufende_nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["nummernkreis", "laufende_nummer"], name="empfehlung_nummer_eindeutig"
            ),
            models.CheckConstraint(
                condition=Q(art="neu") | Q(steckbrief__isnull=False),
                name="empfehlung_bestand_braucht_steckbrief",
                violation_error_message="Eine Verlängerung oder Verstetigung braucht den "
                "Maßnahmensteckbrief des bestehenden Angebots.",
            ),
        ]
        indexes = [models.Index(fields=["status", "nummernkreis", "laufende_nummer"])]

    def __str__(self) -> str:
        return f"{self.nummer} {self.titel}"

    @staticmethod
    def nummer_von(nummernkreis: str, laufende_nummer: int) -> str:
        return f"{nummernkreis}-{laufende_nummer:02d}"

    @property
    def nummer(self) -> str:
        return self.nummer_von(self.nummernkreis, self.laufende_nummer)

    def get_absolute_url(self) -> str:
        return reverse("empfehlung_detail", args=[self.pk])

    def clean(self) -> None:
        # Said at the field (Django then skips the constraint's table-wide message).
        if self.art in self.ARTEN_BESTAND and not self.steckbrief_id:
            raise ValidationError(
                {
                    "steckbrief": "Eine Verlängerung oder Verstetigung braucht den "
                    "Maßnahmensteckbrief des bestehenden Angebots."
                }
            )

    @property
    def bezeichnung(self) -> str:
        return f"Handlungsempfehlung {self.nummer} „{self.titel}“"

    @property
    def kurztitel(self) -> str:
        return f"{self.nummer} {self.titel}"

    # Implementation follows publication (controlling reports on it).
    E = Empfehlungsstatus
    umsetzen = regel("empfehlungen.umsetzung_melden")

    @transition("status", source=E.VEROEFFENTLICHT, target=E.IN_UMSETZUNG, permission=umsetzen)
    def umsetzung_beginnen(self):
        pass

    @transition("status", source=E.IN_UMSETZUNG, target=E.UMGESETZT, permission=umsetzen)
    def als_umgesetzt(self):
        pass

    @transition(
        "status",
        source=[E.VEROEFFENTLICHT, E.IN_UMSETZUNG],
        target=E.NICHT_UMSETZBAR,
        permission=umsetzen,
    )
    def als_nicht_umsetzbar(self):
        pass

    del E, umsetzen
