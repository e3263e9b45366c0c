from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from core.workflow import regel
from empfehlungen.models import Handlungsempfehlung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Sozialraum


class Papierstatus(models.TextChoices):
    ENTWURF = "entwurf", "Entwurf"
    VEROEFFENTLICHT = "veroeffentlicht", "veröffentlicht"


class Strategiepapier(FSMModelMixin, models.Model):
    """The published agreement of a Sozialraum for one edition: its PDF is frozen on publishing."""

    Status = Papierstatus
    UEBERGAENGE = {"veroeffentlichen": "Veröffentlichen"}

    sozialraum = models.ForeignKey(
        Sozialraum,
        on_delete=models.PROTECT,
        related_name="strategiepapiere",
        verbose_name="Sozialraum",
    )
    ausgabe = models.PositiveSmallIntegerField(
        "Ausgabe (Jahr)", validators=[MinValueValidator(2000)]
    )
    status = FSMField(
        "Status",
        max_length=20,
        choices=Papierstatus.choices,
        default=Papierstatus.ENTWURF,
        protected=True,
    )
    empfehlungen = models.ManyToManyField(
        Handlungsempfehlung,
        blank=True,
        related_name="strategiepapiere",
        verbose_name="Handlungsempfehlungen",
    )
    steckbriefe = models.ManyToManyField(
        Massnahmensteckbrief,
        blank=True,
        related_name="strategiepapiere",
        verbose_name="Maßnahmensteckbriefe",
    )
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="erstellt von",
    )
    erstellt_am = models.DateTimeField("erstellt am", default=timezone.now)
    veroeffentlicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="veröffentlicht von",
    )
    veroeffentlicht_am = models.DateTimeField("veröffentlicht am", null=True, blank=True)
    pdf = models.FileField("PDF", upload_to="strategiepapiere/", blank=True, editable=False)
    pdf_sha256 = models.CharField("Prüfsumme (SHA-256)", max_length=64, blank=True, editable=False)
    # Number, title and Handlungsfeld of each item as published: a later Fassung of an item
    # must not change what the paper's page says it contained.
    eintraege = models.JSONField("Einträge bei Veröffentlichung", default=list, editable=False)
    # The accessible edition (strategiepapier/ausgabe.py), frozen with the PDF.
    html_ausgabe = models.TextField("barrierefreie Fassung (HTML)", blank=True, editable=False)

    class Meta:
        verbose_name = "Strategiepapier"
        verbose_name_plural = "Strategiepapiere"
        ordering = ["-ausgabe", "sozialraum__reihenfolge"]
        constraints = [
            models.UniqueConstraint(
                fields=["sozialraum", "ausgabe"],
                name="strategiepapier_einmal_je_ausgabe",
                violation_error_message="Für diesen Sozialraum gibt es diese Ausgabe schon.",
            ),
        ]

    def __str__(self) -> str:
        return f"Strategiepapier {self.sozialraum} {self.ausgabe}"

    def get_absolute_url(self) -> str:
        return reverse("strategiepapier_detail", args=[self.pk])

    @property
    def veroeffentlicht(self) -> bool:
        return self.status == self.Status.VEROEFFENTLICHT

    @transition(
        status,
        source=Papierstatus.ENTWURF,
        target=Papierstatus.VEROEFFENTLICHT,
        permission=regel("strategiepapier.bearbeiten"),
    )
    def veroeffentlichen(
        self, *, von, pdf_name: str, pdf_sha256: str, eintraege: list[dict], html_ausgabe: str
    ):
        """The frozen PDF (stored by the service before), its HTML edition and the items as
        published."""
        self.html_ausgabe = html_ausgabe
        self.pdf = pdf_name
        self.pdf_sha256 = pdf_sha256
        self.eintraege = eintraege
        self.veroeffentlicht_am = timezone.now()
        self.veroeffentlicht_von = von
