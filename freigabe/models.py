"""The approval engine Maßnahmensteckbrief and Handlungsempfehlung share.

Entwurf -> in Abstimmung -> zur Freigabe -> freigegeben -> veröffentlicht; zurückgezogen from
any state before publication; a rejection sends the item back to Entwurf as a new Fassung, and
so does a change after Freigabe. `stand` counts content changes: an Abstimmung answer is given
to one stand, so a revision asks every Bereich again.

A concrete item model subclasses `Freigabeobjekt`, declares `status = statusfeld(...)`, its
`TYP` (the URL segment, e.g. "steckbrief"), the rule that reads one (`ANSEHEN`), the template
that sums it up on the decision page (`ZUSAMMENFASSUNG`) and `get_absolute_url()`. Abstimmung answers and Freigabe decisions point to any item generically,
so this room knows no item model.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from core.models import SuchvektorManager
from core.texte import EINZEILIG, TEXT
from core.workflow import bedingung, regel
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum


class Freigabestatus(models.TextChoices):
    ENTWURF = "entwurf", "Entwurf"
    IN_ABSTIMMUNG = "in_abstimmung", "in Abstimmung"
    ZUR_FREIGABE = "zur_freigabe", "zur Freigabe"
    FREIGEGEBEN = "freigegeben", "freigegeben"
    VEROEFFENTLICHT = "veroeffentlicht", "veröffentlicht"
    ZURUECKGEZOGEN = "zurueckgezogen", "zurückgezogen"


F = Freigabestatus
# Content may be edited only here; afterwards a change needs a new Fassung.
BEARBEITBAR = {F.ENTWURF, F.IN_ABSTIMMUNG}
VOR_VEROEFFENTLICHUNG = [F.ENTWURF, F.IN_ABSTIMMUNG, F.ZUR_FREIGABE, F.FREIGEGEBEN]

steuern = regel("freigabe.steuern")
entscheiden = regel("freigabe.entscheiden")

# TYP -> item model, filled as the item models are defined (see __init_subclass__).
ARTEN: dict[str, type[Freigabeobjekt]] = {}


def statusfeld(choices=F.choices) -> FSMField:
    """Each model declares its own state field (see __init_subclass__ below)."""
    return FSMField("Status", default=F.ENTWURF, choices=choices, protected=True, max_length=30)


class Freigabeobjekt(FSMModelMixin, models.Model):
    """What Steckbrief and Empfehlung share: the approval workflow, who takes part, where,
    the version history and the search vector."""

    TYP: ClassVar[str] = ""
    ANSEHEN: ClassVar[str] = ""
    ZUSAMMENFASSUNG: ClassVar[str] = ""  # template, given `objekt`
    SUCHFELDER: ClassVar[tuple[str, ...]] = ("titel",)
    M2M_FELDER: ClassVar[tuple[str, ...]] = ("beteiligte", "sozialraeume")

    titel = models.CharField("Titel", max_length=200, validators=[EINZEILIG])
    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="Handlungsfeld",
    )
    federfuehrung = models.ForeignKey(
        Bereich,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)s_federfuehrend",
        verbose_name="federführender Bereich",
    )
    beteiligte = models.ManyToManyField(
        Bereich,
        blank=True,
        related_name="%(class)s_beteiligt",
        verbose_name="beteiligte Bereiche",
    )
    stadtweit = models.BooleanField("stadtweit", default=False)
    sozialraeume = models.ManyToManyField(Sozialraum, blank=True, verbose_name="Sozialräume")

    fassung = models.PositiveIntegerField("Fassung", default=1, editable=False)
    stand = models.PositiveIntegerField("Bearbeitungsstand", default=0, editable=False)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="erstellt von",
    )
    erstellt_am = models.DateTimeField("erstellt am", default=timezone.now)
    geaendert_am = models.DateTimeField("geändert am", auto_now=True)
    # Kept current by a PostgreSQL trigger (German stemming); unused on SQLite.
    suchvektor = SearchVectorField(null=True, editable=False)

    abstimmungen = GenericRelation("freigabe.Abstimmung")
    freigaben = GenericRelation("freigabe.Freigabe")

    objects = SuchvektorManager()
    # Every content change is a version (who, when, what); state changes are Statuswechsel.
    history = HistoricalRecords(
        inherit=True,
        excluded_fields=["status", "suchvektor", "geaendert_am"],
        m2m_fields=["beteiligte", "sozialraeume"],
    )

    UEBERGAENGE = {
        "zur_abstimmung": "Zur Abstimmung geben",
        "zur_freigabe": "Zur Freigabe geben",
        "freigeben": "Freigeben",
        "ablehnen": "Ablehnen",
        "neue_fassung": "Neue Fassung anlegen",
        "veroeffentlichen": "Veröffentlichen",
        "zurueckziehen": "Zurückziehen",
    }

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        # django-fsm keeps a transition's field on the function object, and a state field on
        # an abstract base would claim its subclasses' transitions. So the base has no state
        # field, and each model gets its own copies of the shared transitions.
        super().__init_subclass__(**kwargs)
        for name, (rumpf, optionen) in UEBERGAENGE.items():
            if name not in cls.__dict__:
                setattr(cls, name, transition("status", **optionen)(_kopie(rumpf, name)))
        if cls.__dict__.get("TYP"):
            ARTEN[cls.TYP] = cls

    # --- What the item is called --------------------------------------------------------------
    @property
    def bezeichnung(self) -> str:
        """In sentences and notifications, e.g. „Maßnahmensteckbrief „Titel““."""
        return f"{self._meta.verbose_name} „{self.titel}“"

    @property
    def kurztitel(self) -> str:
        """In lists of tasks."""
        return self.titel

    def entscheidungs_url(self) -> str:
        return reverse("freigabe_entscheiden", args=[self.TYP, self.pk])

    # --- Who takes part, where ------------------------------------------------------------------
    def bereiche(self) -> list[Bereich]:
        """The Bereiche that agree and approve: the lead one, then the involved ones."""
        alle = [self.federfuehrung] if self.federfuehrung_id else []
        return alle + [b for b in self.beteiligte.all() if b.pk != self.federfuehrung_id]

    def gebiete(self) -> str:
        if self.stadtweit:
            return "stadtweit"
        return ", ".join(r.name for r in self.sozialraeume.all()) or "–"

    def gebiet_fehler(self, sozialraeume) -> dict[str, str]:
        """An item is for the whole city or for named Sozialräume."""
        if not self.stadtweit and not sozialraeume:
            return {"sozialraeume": "Bitte Sozialräume wählen oder „stadtweit“ ankreuzen."}
        return {}

    # --- Workflow state -----------------------------------------------------------------------
    @property
    def bearbeitbar(self) -> bool:
        return self.status in BEARBEITBAR

    def antworten(self) -> dict[int, Abstimmung]:
        """The latest Abstimmung answer of each Bereich in this Fassung (any stand)."""
        letzte = {}
        for a in self.abstimmungen.filter(fassung=self.fassung).order_by("zeitpunkt", "pk"):
            letzte[a.bereich_id] = a
        return letzte

    def entscheidungen(self) -> dict[int, Freigabe]:
        return {f.bereich_id: f for f in self.freigaben.filter(fassung=self.fassung)}


# --- Conditions (German message when not met) ------------------------------------------------
@bedingung("Bitte zuerst den verantwortlichen Bereich oder beteiligte Bereiche angeben.")
def hat_bereiche(obj) -> bool:
    return bool(obj.bereiche())


@bedingung("Noch nicht alle Bereiche haben dem aktuellen Stand zugestimmt.")
def alle_einverstanden(obj) -> bool:
    antworten = obj.antworten()
    return all(
        (a := antworten.get(b.pk)) is not None and a.stand == obj.stand and a.einverstanden
        for b in obj.bereiche()
    )


@bedingung("Noch nicht alle Bereichsleitungen haben freigegeben.")
def alle_freigegeben(obj) -> bool:
    entscheidungen = obj.entscheidungen()
    return all(
        (f := entscheidungen.get(b.pk)) is not None and f.freigegeben for b in obj.bereiche()
    )


# --- Transitions ---------------------------------------------------------------------------------
def _nichts(self) -> None:
    pass


def _neue_fassung(self) -> None:
    self.fassung += 1  # approvals and answers of the old Fassung no longer count


def _kopie(rumpf, name):
    def uebergang(self):
        return rumpf(self)

    uebergang.__name__ = uebergang.__qualname__ = name
    return uebergang


UEBERGAENGE = {
    "zur_abstimmung": (
        _nichts,
        {
            "source": F.ENTWURF,
            "target": F.IN_ABSTIMMUNG,
            "permission": steuern,
            "conditions": [hat_bereiche],
        },
    ),
    "zur_freigabe": (
        _nichts,
        {
            "source": F.IN_ABSTIMMUNG,
            "target": F.ZUR_FREIGABE,
            "permission": steuern,
            "conditions": [alle_einverstanden],
        },
    ),
    "freigeben": (
        _nichts,
        {
            "source": F.ZUR_FREIGABE,
            "target": F.FREIGEGEBEN,
            "permission": entscheiden,
            "conditions": [alle_freigegeben],
        },
    ),
    "ablehnen": (
        _neue_fassung,
        {"source": F.ZUR_FREIGABE, "target": F.ENTWURF, "permission": entscheiden},
    ),
    "neue_fassung": (
        _neue_fassung,
        {"source": [F.FREIGEGEBEN, F.VEROEFFENTLICHT], "target": F.ENTWURF, "permission": steuern},
    ),
    "veroeffentlichen": (
        _nichts,
        {"source": F.FREIGEGEBEN, "target": F.VEROEFFENTLICHT, "permission": steuern},
    ),
    "zurueckziehen": (
        _nichts,
        {"source": VOR_VEROEFFENTLICHUNG, "target": F.ZURUECKGEZOGEN, "permission": steuern},
    ),
}


# --- Answers and decisions ---------------------------------------------------------------------
class ObjektBezug(models.Model):
    """Points to one item of any kind (Steckbrief, Empfehlung, …)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    objekt = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True

    @staticmethod
    def bezug(objekt) -> dict:
        return {
            "content_type": ContentType.objects.get_for_model(objekt, for_concrete_model=True),
            "object_id": objekt.pk,
        }


class Abstimmung(ObjektBezug):
    """One Bereich's answer to one stand of an item in Abstimmung."""

    class Antwort(models.TextChoices):
        EINVERSTANDEN = "einverstanden", "einverstanden"
        AENDERUNGSBEDARF = "aenderungsbedarf", "Änderungsbedarf"

    bereich = models.ForeignKey(
        Bereich, on_delete=models.PROTECT, related_name="+", verbose_name="Bereich"
    )
    fassung = models.PositiveIntegerField("Fassung")
    stand = models.PositiveIntegerField("Bearbeitungsstand")
    antwort = models.CharField("Antwort", max_length=20, choices=Antwort.choices)
    text = models.TextField("Anmerkung", blank=True, validators=[TEXT])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="von"
    )
    zeitpunkt = models.DateTimeField("am", default=timezone.now)

    class Meta:
        verbose_name = "Abstimmung"
        verbose_name_plural = "Abstimmungen"
        ordering = ["zeitpunkt", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "fassung", "bereich"])]

    def __str__(self) -> str:
        return f"{self.bereich.code}: {self.get_antwort_display()}"

    @property
    def einverstanden(self) -> bool:
        return self.antwort == self.Antwort.EINVERSTANDEN


class Freigabe(ObjektBezug):
    """One Bereichsleitung's decision on one Fassung; a deputy's is recorded as "i. V."."""

    class Entscheidung(models.TextChoices):
        FREIGEGEBEN = "freigegeben", "freigegeben"
        ABGELEHNT = "abgelehnt", "abgelehnt"

    bereich = models.ForeignKey(
        Bereich, on_delete=models.PROTECT, related_name="+", verbose_name="Bereich"
    )
    fassung = models.PositiveIntegerField("Fassung")
    entscheidung = models.CharField("Entscheidung", max_length=20, choices=Entscheidung.choices)
    begruendung = models.TextField("Begründung", blank=True, validators=[TEXT])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="entschieden von",
    )
    in_vertretung_fuer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="in Vertretung für",
    )
    zeitpunkt = models.DateTimeField("am", default=timezone.now)

    class Meta:
        verbose_name = "Freigabe"
        verbose_name_plural = "Freigaben"
        ordering = ["zeitpunkt", "pk"]
        constraints = [
            # One decision per item, Bereich and Fassung, however many people click.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "fassung", "bereich"],
                name="freigabe_einmal_je_fassung_und_bereich",
            ),
            models.CheckConstraint(
                condition=Q(entscheidung__in=["freigegeben", "abgelehnt"]),
                name="freigabe_entscheidung_gueltig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bereich.code}: {self.get_entscheidung_display()}"

    @property
    def freigegeben(self) -> bool:
        return self.entscheidung == self.Entscheidung.FREIGEGEBEN

    @property
    def unterschrift(self) -> str:
        if self.in_vertretung_fuer_id:
            return f"{self.user} i. V. für {self.in_vertretung_fuer}"
        return str(self.user)
