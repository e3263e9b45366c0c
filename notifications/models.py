from django.conf import settings
from django.db import models
from django.utils import timezone


class Benachrichtigung(models.Model):
    """A message to one person: shown in the app, and sent once by e-mail.

    `schluessel` names the event (e.g. "freigabe:empfehlung:17:2:3-1:user:5"): the same event
    never produces a second message or mail, however often a service or task runs."""

    class Art(models.TextChoices):
        ABSTIMMUNG = "abstimmung", "Abstimmung erbeten"
        FREIGABE = "freigabe", "Freigabe erbeten"
        ABGELEHNT = "abgelehnt", "abgelehnt"
        FREIGEGEBEN = "freigegeben", "freigegeben"
        HINWEIS = "hinweis", "Hinweis"
        SACHSTAND = "sachstand", "Sachstand erbeten"
        ERINNERUNG = "erinnerung", "Erinnerung"
        ESKALATION = "eskalation", "Frist überschritten"
        UEBERSICHT = "uebersicht", "Wochenübersicht"

    class Mail(models.TextChoices):
        OFFEN = "offen", "offen"
        IN_VERSAND = "in_versand", "im Versand"
        GESENDET = "gesendet", "gesendet"
        FEHLGESCHLAGEN = "fehlgeschlagen", "fehlgeschlagen"

    empfaenger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="benachrichtigungen",
        verbose_name="an",
    )
    art = models.CharField("Art", max_length=20, choices=Art.choices)
    titel = models.CharField("Titel", max_length=200)
    text = models.TextField("Text")
    link = models.CharField("Link", max_length=300)
    schluessel = models.CharField("Ereignis", max_length=200, unique=True)
    erstellt_am = models.DateTimeField("erstellt am", default=timezone.now)
    gelesen_am = models.DateTimeField("gelesen am", null=True, blank=True)
    mail = models.CharField("E-Mail", max_length=20, choices=Mail.choices, default=Mail.OFFEN)
    mail_beansprucht_am = models.DateTimeField("Versand begonnen am", null=True, blank=True)
    mail_gesendet_am = models.DateTimeField("gesendet am", null=True, blank=True)
    mail_versuche = models.PositiveSmallIntegerField("Versuche", default=0)
    mail_versucht_am = models.DateTimeField("letzter Versuch", null=True, blank=True)
    mail_fehler = models.TextField("Grund des letzten Fehlschlags", blank=True)

    class Meta:
        verbose_name = "Benachrichtigung"
        verbose_name_plural = "Benachrichtigungen"
        ordering = ["-erstellt_am", "-pk"]
        indexes = [
            models.Index(fields=["empfaenger", "gelesen_am"]),
            models.Index(fields=["mail", "mail_beansprucht_am"]),
        ]

    def __str__(self) -> str:
        return f"{self.empfaenger}: {self.titel}"
