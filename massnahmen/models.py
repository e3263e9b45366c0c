from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from stammdaten.freigabeobjekt import Freigabeobjekt, Freigabestatus, statusfeld
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum, SuchvektorManager


class Massnahmensteckbrief(Freigabeobjekt):
    """An existing offer or measure: who runs it, where, until when, and how far it is."""

    Status = Freigabestatus

    titel = models.CharField("Titel", max_length=200)
    beschreibung = models.TextField("Beschreibung")
    ziele = models.TextField("Ziele", blank=True)
    zielgruppe = models.CharField("Zielgruppe", max_length=200, blank=True)
    handlungsfeld = models.ForeignKey(
        Handlungsfeld,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steckbriefe",
        verbose_name="Handlungsfeld",
    )
    federfuehrung = models.ForeignKey(
        Bereich,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steckbriefe_federfuehrend",
        verbose_name="verantwortlicher Bereich",
    )
    traeger = models.CharField(
        "externer Träger",
        max_length=200,
        blank=True,
        help_text="Wenn das Angebot von einem externen Träger verantwortet wird.",
    )
    beteiligte = models.ManyToManyField(
        Bereich,
        blank=True,
        related_name="steckbriefe_beteiligt",
        verbose_name="beteiligte Bereiche",
    )
    stadtweit = models.BooleanField("stadtweit", default=False)
    sozialraeume = models.ManyToManyField(
        Sozialraum, blank=True, related_name="steckbriefe", verbose_name="Sozialräume"
    )
    laufzeit_von = models.DateField("Laufzeit von", null=True, blank=True)
    laufzeit_bis = models.DateField("Laufzeit bis", null=True, blank=True)
    befristet = models.BooleanField("befristet", default=False)
    finanzierung = models.TextField("Finanzierung", blank=True)
    kontakt = models.CharField(
        "Kontakt",
        max_length=300,
        blank=True,
        help_text="Eine Funktion oder ein Funktionspostfach, keine Privatperson.",
    )
    umsetzungsstand = models.TextField("Umsetzungsstand", blank=True)
    indikatoren = models.TextField("Indikatoren", blank=True)
    links = models.TextField("Links", blank=True, help_text="Eine Adresse je Zeile.")
    status = statusfeld()
    suchvektor = SearchVectorField(null=True, editable=False)

    objects = SuchvektorManager()
    history = HistoricalRecords(
        excluded_fields=["status", "suchvektor", "geaendert_am"],
        m2m_fields=["beteiligte", "sozialraeume"],
    )

    SUCHFELDER = ("titel", "beschreibung", "zielgruppe")

    class Meta:
        verbose_name = "Maßnahmensteckbrief"
        verbose_name_plural = "Maßnahmensteckbriefe"
        ordering = ["titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(befristet=False) | Q(laufzeit_bis__isnull=False),
                name="steckbrief_befristet_braucht_ende",
                violation_error_message="Ein befristetes Angebot braucht ein Laufzeitende.",
            ),
            models.CheckConstraint(
                condition=Q(laufzeit_von__isnull=True)
                | Q(laufzeit_bis__isnull=True)
                | Q(laufzeit_bis__gte=models.F("laufzeit_von")),
                name="steckbrief_laufzeit_reihenfolge",
                violation_error_message="Das Laufzeitende liegt vor dem Beginn.",
            ),
        ]
        indexes = [models.Index(fields=["status", "titel"])]

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        if not self.federfuehrung_id and not self.traeger:
            raise ValidationError(
                "Bitte den verantwortlichen Bereich oder einen externen Träger angeben."
            )

    def bereiche(self) -> list[Bereich]:
        """The Bereiche that agree and approve: the responsible one, then the others."""
        alle = [self.federfuehrung] if self.federfuehrung_id else []
        return alle + [b for b in self.beteiligte.all() if b.pk != self.federfuehrung_id]

    @property
    def verantwortlich(self) -> str:
        if self.federfuehrung_id:
            return str(self.federfuehrung)
        return self.traeger or "–"

    def link_liste(self) -> list[str]:
        return [z.strip() for z in self.links.splitlines() if z.strip()]
