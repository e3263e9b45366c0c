from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.texte import EINZEILIG, KURZTEXT, LANGTEXT, TEXT, Mehrzeilig
from freigabe.models import Freigabeobjekt, Freigabestatus, statusfeld


class Massnahmensteckbrief(Freigabeobjekt):
    """An existing offer or measure: who runs it, where, until when, and how far it is."""

    TYP = "steckbrief"
    ANSEHEN = "massnahmen.steckbrief_ansehen"
    ZUSAMMENFASSUNG = "massnahmen/partials/zusammenfassung.html"
    SUCHFELDER = ("titel", "beschreibung", "zielgruppe")
    Status = Freigabestatus

    beschreibung = models.TextField("Beschreibung", validators=[LANGTEXT])
    ziele = models.TextField("Ziele", blank=True, validators=[TEXT])
    zielgruppe = models.CharField("Zielgruppe", max_length=200, blank=True, validators=[EINZEILIG])
    traeger = models.CharField(
        "externer Träger",
        max_length=200,
        blank=True,
        help_text="Wenn das Angebot von einem externen Träger verantwortet wird.",
        validators=[EINZEILIG],
    )
    laufzeit_von = models.DateField("Laufzeit von", null=True, blank=True)
    laufzeit_bis = models.DateField("Laufzeit bis", null=True, blank=True)
    befristet = models.BooleanField("befristet", default=False)
    finanzierung = models.TextField("Finanzierung", blank=True, validators=[KURZTEXT])
    kontakt = models.CharField(
        "Kontakt",
        max_length=300,
        blank=True,
        help_text="Eine Funktion oder ein Funktionspostfach, keine Privatperson.",
        validators=[EINZEILIG],
    )
    umsetzungsstand = models.TextField("Umsetzungsstand", blank=True, validators=[TEXT])
    indikatoren = models.TextField("Indikatoren", blank=True, validators=[TEXT])
    links = models.TextField(
        "Links", blank=True, help_text="Eine Adresse je Zeile.", validators=[Mehrzeilig(2_000, 20)]
    )
    status = statusfeld()

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

    def get_absolute_url(self) -> str:
        return reverse("steckbrief_detail", args=[self.pk])

    @property
    def kurztitel(self) -> str:
        return f"Steckbrief „{self.titel}“"

    def clean(self) -> None:
        # The rules with a field to point at (Django then skips the constraints on a field
        # already refused, so nothing is said twice); the constraints guard the database.
        fehler = {}
        if not self.federfuehrung_id and not (self.traeger or "").strip():
            fehler["federfuehrung"] = (
                "Bitte den verantwortlichen Bereich oder einen externen Träger angeben."
            )
        if self.befristet and not self.laufzeit_bis:
            fehler["laufzeit_bis"] = "Ein befristetes Angebot braucht ein Laufzeitende."
        elif self.laufzeit_von and self.laufzeit_bis and self.laufzeit_bis < self.laufzeit_von:
            fehler["laufzeit_bis"] = (
                f"Das Laufzeitende liegt vor dem Beginn ({self.laufzeit_von:%d.%m.%Y})."
            )
        falsch = [z for z in self.link_liste() if not z.startswith(("https://", "http://"))]
        if falsch:
            fehler["links"] = f"Keine gültige Adresse: {falsch[0]} (beginnt mit https://)."
        if fehler:
            raise ValidationError(fehler)

    @property
    def verantwortlich(self) -> str:
        if self.federfuehrung_id:
            return str(self.federfuehrung)
        return self.traeger or "–"

    def link_liste(self) -> list[str]:
        return [z.strip() for z in self.links.splitlines() if z.strip()]
