from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from core.texte import TEXT


class SuchvektorManager(models.Manager):
    """The search vector is read by the database only; loading it would cost every list."""

    def get_queryset(self):
        return super().get_queryset().defer("suchvektor")


class Statuswechsel(models.Model):
    """One state transition of any workflow object: who, when, from, to, comment.

    Written by `core.workflow.uebergang` only; read-only in UI and admin."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    objekt = GenericForeignKey("content_type", "object_id")
    uebergang = models.CharField("Übergang", max_length=60)
    von = models.CharField("von", max_length=40)
    nach = models.CharField("nach", max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="durch",
    )
    zeitpunkt = models.DateTimeField("Zeitpunkt", default=timezone.now)
    kommentar = models.TextField("Kommentar", blank=True, validators=[TEXT])

    class Meta:
        verbose_name = "Statuswechsel"
        verbose_name_plural = "Statuswechsel"
        ordering = ["zeitpunkt", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "zeitpunkt"])]

    def __str__(self) -> str:
        return f"{self.von} → {self.nach} ({self.zeitpunkt:%d.%m.%Y %H:%M})"

    def _zustaende(self) -> dict[str, str]:
        from django_fsm import FSMFieldMixin

        modell = self.content_type.model_class()
        for feld in modell._meta.concrete_fields:
            if isinstance(feld, FSMFieldMixin):
                return dict(feld.flatchoices)
        return {}

    @property
    def von_anzeige(self) -> str:
        return self._zustaende().get(self.von, self.von)

    @property
    def nach_anzeige(self) -> str:
        return self._zustaende().get(self.nach, self.nach)


class Auftrag(models.Model):
    """A job a person waits for (a report, a PDF): queued, built by a Celery task that tells
    its progress and beats while it runs, then done or failed with a German message. The
    machinery is in `core.auftraege`."""

    class Status(models.TextChoices):
        WARTEND = "wartend", "wartet"
        LAEUFT = "laeuft", "wird erstellt"
        FERTIG = "fertig", "fertig"
        FEHLER = "fehler", "fehlgeschlagen"

    status = models.CharField(
        "Status", max_length=10, choices=Status.choices, default=Status.WARTEND
    )
    fortschritt = models.PositiveSmallIntegerField("Fortschritt (%)", default=0)
    schritt = models.CharField("Schritt", max_length=200, blank=True)
    fehler = models.TextField("Fehler", blank=True)
    angefordert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    angefordert_am = models.DateTimeField("angefordert am", default=timezone.now)
    fertig_am = models.DateTimeField("fertig am", null=True, blank=True)
    lebenszeichen = models.DateTimeField("letztes Lebenszeichen", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def laeuft(self) -> bool:
        return self.status in (self.Status.WARTEND, self.Status.LAEUFT)


class Dokumentauftrag(Auftrag):
    """One document built in the background (a Strategiepapier preview or its publication, an
    event's documentation). `art` names its kind in `core.dokumente.ARTEN`; the file of a
    preview is kept DOKUMENT_AUFBEWAHRUNG_STUNDEN, then removed by beat."""

    art = models.CharField("Art", max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    objekt = GenericForeignKey("content_type", "object_id")
    datei = models.FileField("Datei", upload_to="dokumente/%Y/%m/", blank=True)
    dateiname = models.CharField("Dateiname", max_length=200, blank=True)
    ergebnis = models.CharField("Ergebnis", max_length=300, blank=True)

    class Meta:
        verbose_name = "Dokumentauftrag"
        verbose_name_plural = "Dokumentaufträge"
        ordering = ["-angefordert_am", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "art", "status"])]

    def __str__(self) -> str:
        return f"{self.art} {self.object_id} ({self.get_status_display()})"


class Protokolleintrag(models.Model):
    """The audit log: who did what, when and from where – sign-ins, rights, memberships,
    deputies, the directory's group mapping, API tokens and downloads of exports. Written by
    `core.protokoll`, read-only in the admin, removed after PROTOKOLL_AUFBEWAHRUNG_TAGE."""

    class Art(models.TextChoices):
        ANMELDUNG = "anmeldung", "Anmeldung"
        ANMELDUNG_FEHLGESCHLAGEN = "anmeldung_fehlgeschlagen", "Anmeldung fehlgeschlagen"
        ABMELDUNG = "abmeldung", "Abmeldung"
        RECHTE = "rechte", "Rechte geändert"
        MITGLIEDSCHAFT = "mitgliedschaft", "Mitgliedschaft geändert"
        VERTRETUNG = "vertretung", "Vertretung geändert"
        VERZEICHNIS = "verzeichnis", "Verzeichnis-Zuordnung geändert"
        TOKEN = "token", "API-Token"
        EXPORT = "export", "Export heruntergeladen"

    zeitpunkt = models.DateTimeField("Zeitpunkt", default=timezone.now, db_index=True)
    art = models.CharField("Art", max_length=30, choices=Art.choices, db_index=True)
    # Who acted (null: the system, e.g. the directory at sign-in); the name stays if the
    # account is removed later.
    handelnde = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="durch",
    )
    handelnde_name = models.CharField("durch (Name)", max_length=150, blank=True)
    betroffen = models.CharField("betrifft", max_length=200, blank=True)
    text = models.TextField("was", blank=True)
    adresse = models.GenericIPAddressField("von Adresse", null=True, blank=True)

    class Meta:
        verbose_name = "Protokolleintrag"
        verbose_name_plural = "Protokoll"
        ordering = ["-zeitpunkt", "-pk"]

    def __str__(self) -> str:
        return f"{self.zeitpunkt:%d.%m.%Y %H:%M} {self.get_art_display()}: {self.betroffen}"
